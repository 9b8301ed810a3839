from axes.backends import AxesStandaloneBackend
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


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout for log-ins through a request; code that logs a user in
    without one (tests, shell) is not a guessing stranger and is let through."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_username(request, credentials):
    """Count failures per phone whatever way it is typed ("0912 000 001", "+84912000001")."""
    username = (credentials or {}).get("username") or ""
    try:
        return parse_phone(username)
    except ValidationError:
        return username.strip().lower()[:150]
