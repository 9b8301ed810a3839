from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .phones import display_phone
from .roles import FARMERS
from .sms import send_sms


def phone_is_registered(phone):
    return get_user_model().objects.filter(phone=phone).exists()


@transaction.atomic
def create_farmer_account(phone, password=None):
    """A farmer's account, named by its phone. Without a password it cannot log in
    until claimed (accounts made by a digital team for a household)."""
    if phone_is_registered(phone):
        raise ValidationError(_("This phone number is already registered."), code="phone_taken")
    user = get_user_model()(username=phone, phone=phone)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get_or_create(name=FARMERS)[0])
    return user


def notify_password_changed(user):
    """Tell the owner, by text message and e-mail, that their password was changed."""
    with translation.override("vi"):
        message = _(
            "Chợ Nông Sản: the password of account %(account)s was changed at %(time)s. "
            "If it was not you, reset it at once or call your commune's officials."
        ) % {
            "account": display_phone(user.phone) if user.phone else user.username,
            "time": timezone.localtime().strftime("%H:%M %d/%m/%Y"),
        }
        send_sms(user.phone, message)
        if user.email:
            send_mail(_("Your password was changed"), message, None, [user.email])
