"""One-time codes that prove a phone belongs to whoever types it.

send_code() texts a six-digit code (earlier unused codes for the same phone and
purpose stop working); check_code() accepts it once, before it expires, and
refuses every try after MAX_ATTEMPTS wrong ones. Codes are stored as an HMAC
keyed with SECRET_KEY, so the table alone does not give them away.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import CodePurpose, PhoneCode
from .sms import send_sms

CODE_LIFETIME = timedelta(minutes=10)
MAX_ATTEMPTS = 5


def _hash(phone, code):
    message = f"{phone}:{code.strip()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


@transaction.atomic
def send_code(phone, purpose):
    now = timezone.now()
    PhoneCode.objects.filter(phone=phone, purpose=purpose, used_at=None).update(expires_at=now)
    code = f"{secrets.randbelow(1_000_000):06d}"
    PhoneCode.objects.create(
        phone=phone, purpose=purpose, code_hash=_hash(phone, code), expires_at=now + CODE_LIFETIME
    )
    with translation.override("vi"):
        what = {
            CodePurpose.SIGN_UP: _("to sign up"),
            CodePurpose.RESET: _("to set a new password"),
            CodePurpose.LOGIN: _("to log in (many wrong passwords were typed for this number)"),
            CodePurpose.ORDER_LOOKUP: _("to open your order"),
        }[purpose]
        message = _(
            "Chợ Nông Sản: your code %(what)s is %(code)s. It works for 10 minutes. "
            "Never give it to anyone."
        ) % {"what": what, "code": code}
    transaction.on_commit(lambda: send_sms(phone, message))


@transaction.atomic
def check_code(phone, purpose, code):
    """True once for the right code; every try counts against MAX_ATTEMPTS."""
    latest = (
        PhoneCode.objects.select_for_update()
        .filter(phone=phone, purpose=purpose, used_at=None, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )
    if latest is None or latest.attempts >= MAX_ATTEMPTS:
        return False
    latest.attempts += 1
    if not hmac.compare_digest(latest.code_hash, _hash(phone, code or "")):
        latest.save(update_fields=["attempts"])
        return False
    latest.used_at = timezone.now()
    latest.save(update_fields=["attempts", "used_at"])
    return True


def tell_already_registered(phone):
    """Sign-up with a registered phone: the page says nothing, the phone's owner is told."""
    with translation.override("vi"):
        message = _(
            "Chợ Nông Sản: someone tried to sign up with this number, which already has an "
            "account. To get in, use “Forgot your password?” on the log-in page."
        )
    transaction.on_commit(lambda: send_sms(phone, message))
