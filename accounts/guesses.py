"""A budget of wrong passwords per phone, whatever the address they come from.

django-axes locks a phone out per address (AXES_LOCKOUT_PARAMETERS): guesses from many
addresses add up without limit, and a carrier's NAT puts many people behind one. Past
LOGIN_GUESSES_PER_PHONE wrong passwords for one phone within the cool-off time (counted
from axes' own records, across addresses), logging in to that phone takes a code texted
to it as well as the password: the owner gets in, a guesser does not, nobody is locked out.
"""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from . import verification
from .models import CodePurpose, PhoneCode


def wrong_passwords(phone):
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    attempts = AccessAttempt.objects.filter(username=phone, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def code_needed(phone):
    return bool(phone) and wrong_passwords(phone) >= settings.LOGIN_GUESSES_PER_PHONE


def send_login_code(phone):
    """Text a code unless one sent earlier still works (a guesser cannot flood the phone)."""
    waiting = PhoneCode.objects.filter(
        phone=phone, purpose=CodePurpose.LOGIN, used_at=None, expires_at__gt=timezone.now()
    )
    if not waiting.exists():
        verification.send_code(phone, CodePurpose.LOGIN)


def code_is_right(phone, code):
    return verification.check_code(phone, CodePurpose.LOGIN, code)
