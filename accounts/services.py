import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace.mail import email_when_committed

from .consents import record_sign_up
from .models import CodePurpose
from .phones import display_phone
from .roles import FARMERS
from .sms import send_sms
from .verification import check_code, send_code, tell_already_registered

logger = logging.getLogger(__name__)


def phone_is_registered(phone):
    return get_user_model().objects.filter(phone=phone).exists()


@transaction.atomic
def create_farmer_account(phone, password=None, *, password_hash=None, verified=False, farmer=True):
    """An account named by its phone: a farmer's, or a buyer's (farmer=False; it becomes a
    farmer's when it creates a producer). Without a password it cannot log in until
    claimed (accounts made by a digital team for a household)."""
    if phone_is_registered(phone):
        raise ValidationError(_("This phone number is already registered."), code="phone_taken")
    user = get_user_model()(username=phone, phone=phone)
    if password_hash:
        user.password = password_hash
    elif password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.phone_verified_at = timezone.now() if verified else None
    user.save()
    if farmer:
        make_farmer(user)
    return user


def make_farmer(user):
    user.groups.add(Group.objects.get_or_create(name=FARMERS)[0])


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
            email_when_committed(_("Your password was changed"), message, [user.email])


def start_sign_up(phone):
    """A code to the phone; a registered phone's owner is told instead. The page says the same."""
    if phone_is_registered(phone):
        tell_already_registered(phone)
    else:
        send_code(phone, CodePurpose.SIGN_UP)


@transaction.atomic
def finish_sign_up(phone, password_hash, code, seller=True, consents=None):
    """The account, once the code proves the phone, with the texts it accepted and its
    answers to the optional purposes; None for a wrong or used code."""
    if not check_code(phone, CodePurpose.SIGN_UP, code) or phone_is_registered(phone):
        return None
    user = create_farmer_account(phone, password_hash=password_hash, verified=True, farmer=seller)
    record_sign_up(user, consents or {})
    return user


def start_password_reset(phone):
    if phone_is_registered(phone):
        send_code(phone, CodePurpose.RESET)


@transaction.atomic
def reset_password(phone, code, password):
    """The new password, once the code proves the phone; None for a wrong or used code."""
    if not check_code(phone, CodePurpose.RESET, code):
        return None
    user = get_user_model().objects.select_for_update().filter(phone=phone).first()
    if user is None:
        return None
    user.set_password(password)  # the owner is told (User.save)
    user.phone_verified_at = user.phone_verified_at or timezone.now()
    user.save(update_fields=["password", "phone_verified_at"])
    return user


@transaction.atomic
def release_phone(phone, official):
    """An official frees a phone held by an account that never proved it owns it.

    The account keeps its history but loses the phone and cannot log in with it;
    the real owner can then sign up, or a digital team register the household.
    """
    user = get_user_model().objects.select_for_update().filter(phone=phone).first()
    if user is None:
        raise ValidationError(_("No account uses this phone number."), code="unknown")
    if user.phone_verified_at is not None:
        raise ValidationError(
            _("This account proved it owns the phone; it cannot be released."), code="verified"
        )
    user.phone = None
    user.username = f"released-{user.pk}-{phone}"
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["phone", "username", "is_active", "password"])
    logger.warning("Phone %s released from account %s by %s", phone, user.pk, official)
    return user
