from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from .phones import parse_phone


class PhoneBackend(ModelBackend):
    """Log in with a phone number in any common form; other usernames fall through."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        try:
            phone = parse_phone(username)
        except ValidationError:
            phone = None
        user = get_user_model().objects.filter(phone=phone).first() if phone else None
        if user is None:
            # Hash anyway, so that an unknown phone takes as long as a wrong password
            # and the timing does not tell which phones are registered.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
