"""Business buyers: registered by the buyer, checked by an official of its commune."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as NumberError
from stdnum.vn import mst

from marketplace import jurisdiction
from marketplace.validation import require_reason

from .models import Business, BusinessStatus
from .telling import tell_business

REVIEW_PERMISSION = "wholesale.review_business"


def clean_tax_code(raw):
    """The tax code as written on invoices (0312687878 or 0312687878-001); the 12-digit ID
    number that a household business uses as its code since 1 July 2025 is kept as is."""
    typed = "".join(ch for ch in (raw or "") if ch.isdigit() or ch == "-").strip("-")
    digits = typed.replace("-", "")
    if len(digits) == 12:
        return digits
    try:
        return mst.format(mst.validate(typed))
    except NumberError as error:
        raise ValidationError(
            _("This is not a valid tax code: 10 digits (e.g. 0312687878), 10-3 for a branch, "
              "or a 12-digit ID number."),
            code="tax_code",
        ) from error  # fmt: skip


def business_of(user):
    """The user's business, or None (for an anonymous visitor too); read once a request."""
    if user is None or not user.is_authenticated:
        return None
    if not hasattr(user, "_wholesale_business"):
        user._wholesale_business = Business.objects.filter(user=user).first()
    return user._wholesale_business


def is_approved_buyer(user):
    business = business_of(user)
    return business is not None and business.is_approved


@transaction.atomic
def register(user, business):
    """A new business (unsaved, from the form) for `user`: waits for an official; a
    rejected one is sent again with its corrections."""
    existing = Business.objects.select_for_update().filter(user=user).first()
    if existing is not None and existing.status != BusinessStatus.REJECTED:
        raise ValidationError(_("This account is already registered as a business."))
    if existing is not None:
        business.pk, business.created_at = existing.pk, existing.created_at
    business.user = user
    business.tax_code = clean_tax_code(business.tax_code)
    business.status, business.status_reason = BusinessStatus.PENDING, ""
    business.reviewed_by = business.reviewed_at = None
    business.save()
    user._wholesale_business = business
    tell_business(
        business,
        f"registered:{business.created_at.timestamp():.0f}:{timezone.now().timestamp():.0f}",
        _("Chợ Nông Sản: %(name)s is registered as a business buyer; an official of the "
          "commune checks it, then you see wholesale prices.") % {"name": business.name},
    )  # fmt: skip
    return business


def _review(business, official, status, reason):
    if not official.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied
    with transaction.atomic():
        locked = jurisdiction.get_or_404(
            official, Business.objects.select_for_update(), pk=business.pk
        )
        locked.status, locked.status_reason = status, reason
        locked.reviewed_by, locked.reviewed_at = official, timezone.now()
        locked.save()
    return locked


def approve(business, official, reason=""):
    business = _review(business, official, BusinessStatus.APPROVED, reason)
    tell_business(
        business,
        f"approved:{business.reviewed_at.timestamp():.0f}",
        _("Chợ Nông Sản: %(name)s is approved as a business buyer. You now see quantity "
          "prices and can ask producers for quotes.") % {"name": business.name},
    )  # fmt: skip
    return business


def reject(business, official, reason):
    reason = require_reason(reason)
    business = _review(business, official, BusinessStatus.REJECTED, reason)
    tell_business(
        business,
        f"rejected:{business.reviewed_at.timestamp():.0f}",
        _("Chợ Nông Sản: %(name)s was not approved as a business buyer: %(reason)s. Correct "
          "it and send it again.") % {"name": business.name, "reason": reason},
    )  # fmt: skip
    return business
