"""Announcing a harvest, changing it and withdrawing it: the rules, and the log written in
the same transaction so the outlook of any past day stays exact."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Unit
from marketplace.formatting import format_quantity
from marketplace.validation import require_reason
from producers import permissions as producer_permissions
from producers.services import record_activity
from search import indexing as search_indexing

from .models import (
    AnnouncementChange,
    AnnouncementStatus,
    ChangeWeek,
    HarvestAnnouncement,
    Pricing,
)
from .outlook import shares_of

# Beyond this an announcement is a typing slip (a hundred thousand tonnes of one farm).
MAX_QUANTITY = Decimal("100000000")
LONGEST_WINDOW_DAYS = 120
FARTHEST_AHEAD_DAYS = 366
MAX_TOLERANCE_PERCENT = 50


def can_manage(user, announcement):
    return producer_permissions.can_edit(user, announcement.product.producer)


def problems(announcement, *, was=None, today=None):
    """{field: message} of what is wrong with the announcement (empty when it is right);
    `was` is the announcement as stored, when it is changed."""
    today = today or timezone.localdate()
    errors = {}
    unit = announcement.product.get_unit_display()
    expected, opened = announcement.expected_quantity, announcement.open_quantity
    if expected is None or not 0 < expected <= MAX_QUANTITY:
        errors["expected_quantity"] = _(
            "Enter the expected harvest, more than 0 and at most %(most)s %(unit)s."
        ) % {
            "most": format_quantity(MAX_QUANTITY),
            "unit": unit,
        }
    if opened is None or opened < 0:
        errors["open_quantity"] = _("Enter how much buyers may pre-order (0 for none).")
    elif expected is not None and opened > expected:
        errors["open_quantity"] = _("You cannot open more to pre-order than you expect to harvest.")
    elif opened < announcement.reserved_quantity:
        errors["open_quantity"] = _(
            "Buyers have already pre-ordered %(reserved)s %(unit)s: open at least that much."
        ) % {"reserved": format_quantity(announcement.reserved_quantity), "unit": unit}
    if not announcement.product.is_sold_by_weight:
        for field, value in (("expected_quantity", expected), ("open_quantity", opened)):
            if value is not None and value != value.to_integral_value() and field not in errors:
                errors[field] = _("This unit is counted in whole numbers.")
    errors.update(_window_problems(announcement, was, today))
    errors.update(_price_problems(announcement))
    if not 0 <= announcement.deposit_percent <= 100:
        errors["deposit_percent"] = _("The deposit is a share from 0 to 100 %.")
    if not 0 <= announcement.tolerance_percent <= MAX_TOLERANCE_PERCENT:
        errors["tolerance_percent"] = _("The weight tolerance is from 0 to %(most)s %%.") % {
            "most": MAX_TOLERANCE_PERCENT
        }
    return errors


def _window_problems(announcement, was, today):
    start, end = announcement.window_start, announcement.window_end
    if start is None or end is None:
        return {"window_start": _("Enter the first and the last day of the harvest.")}
    moved = was is None or (was.window_start, was.window_end) != (start, end)
    if end < start:
        return {"window_end": _("The last day of the harvest comes before its first day.")}
    if moved and end < today:
        return {"window_end": _("This harvest window is over: announce a coming harvest.")}
    if moved and was is None and start < today:
        return {"window_start": _("The harvest cannot start in the past.")}
    if end > today + datetime.timedelta(days=FARTHEST_AHEAD_DAYS):
        return {
            "window_end": _("Announce harvests of the coming year only (until %(last)s).")
            % {"last": (today + datetime.timedelta(days=FARTHEST_AHEAD_DAYS)).strftime("%d/%m/%Y")}
        }
    if (end - start).days + 1 > LONGEST_WINDOW_DAYS:
        return {
            "window_end": _("A harvest window is at most %(days)s days: announce each harvest.")
            % {"days": LONGEST_WINDOW_DAYS}
        }
    return {}


def _price_problems(announcement):
    if announcement.pricing == Pricing.FIXED:
        if not announcement.price_vnd:
            return {"price_vnd": _("Enter the price per unit, or choose a price set at harvest.")}
        return {}
    low, high = announcement.price_low_vnd, announcement.price_high_vnd
    if not low or not high:
        return {"price_low_vnd": _("Enter the expected price range: from and up to.")}
    if low > high:
        return {"price_high_vnd": _("The price range is upside down: “up to” is below “from”.")}
    return {}


def _check(announcement, was=None):
    errors = problems(announcement, was=was)
    if errors:
        raise ValidationError(errors)
    if announcement.pricing == Pricing.FIXED:
        announcement.price_low_vnd = announcement.price_high_vnd = None
    else:
        announcement.price_vnd = None


@transaction.atomic
def announce(announcement, user):
    """A new announcement of the producer's product, by its owner or helper."""
    if not can_manage(user, announcement):
        raise PermissionDenied
    save_new(announcement, user)
    record_activity(announcement.product.producer, user, f"harvest_announced:{announcement.pk}")
    return announcement


def save_new(announcement, by=None, at=None):
    """The checks and the first entry in the log (the demo's and imports' way in)."""
    _check(announcement)
    announcement.created_by = by if by is not None and by.is_authenticated else None
    if at is not None:
        announcement.created_at = at
    announcement.save()
    log(announcement, "announced", by, at=at)
    return announcement


@transaction.atomic
def change(announcement, user):
    """The producer's edit of an open announcement (its reserved total as it is now)."""
    if not can_manage(user, announcement):
        raise PermissionDenied
    stored = lock(announcement.pk)
    if not stored.is_open:
        raise ValidationError(_("This harvest is no longer open: it cannot be changed."))
    announcement.reserved_quantity = stored.reserved_quantity
    announcement.status = stored.status
    _check(announcement, was=stored)
    announcement.save()
    log(announcement, "changed", user)
    return announcement


@transaction.atomic
def withdraw(announcement, user, reason):
    """The producer takes an announcement back; pre-orders on it are cancelled (their
    deposits go back through the payments)."""
    if not can_manage(user, announcement):
        raise PermissionDenied
    reason = require_reason(reason)
    stored = lock(announcement.pk)
    if not stored.is_open:
        raise ValidationError(_("This harvest is no longer open."))
    from . import preorders  # preorders writes through this module's log()

    preorders.cancel_all(
        stored, _("The producer withdrew the harvest: %(reason)s") % {"reason": reason}
    )
    stored.refresh_from_db()
    stored.status = AnnouncementStatus.WITHDRAWN
    stored.save(update_fields=["status", "updated_at"])
    log(stored, "withdrawn", user)
    return stored


WITH_PLACE = ("product__origin_commune", "product__producer__commune")  # what log() reads


def lock(pk, product=None):
    """The announcement's row, locked (only its own row), with what log() reads: the
    `product` read before, or joined now."""
    rows = HarvestAnnouncement.objects.select_for_update(of=("self",))
    if product is None:
        return rows.select_related(*WITH_PLACE).get(pk=pk)
    announcement = rows.get(pk=pk)
    announcement.product = product
    return announcement


def log(announcement, what, user=None, at=None, reindex=True):
    """The announcement as it is now, in the log; the row it supersedes gets its end.
    `reindex`: whether the product may have begun or stopped taking pre-orders (its index
    document says it); a pre-order that leaves some open to others does not."""
    at = at or timezone.now()
    product = announcement.product
    commune = product.origin_commune or product.producer.commune
    AnnouncementChange.objects.filter(announcement=announcement, until=None).update(until=at)
    if reindex:
        search_indexing.enqueue([product.pk])
    change = AnnouncementChange.objects.create(
        announcement=announcement,
        at=at,
        what=what,
        status=announcement.status,
        expected_quantity=announcement.expected_quantity,
        open_quantity=announcement.open_quantity,
        reserved_quantity=announcement.reserved_quantity,
        window_start=announcement.window_start,
        window_end=announcement.window_end,
        unit=product.unit,
        producer_id=product.producer_id,
        category_id=product.category_id,
        commune_id=commune.code if commune else None,
        legacy_district_id=commune.legacy_district_id if commune else None,
        by=user if user is not None and user.is_authenticated else None,
    )
    ChangeWeek.objects.bulk_create(shares_of(change))
    return change


def in_words(announcement):
    """ "Sắp thu hoạch 15–30/6, còn nhận đặt trước 1,2 tấn": the line product cards show."""
    start, end = announcement.window_start, announcement.window_end
    if start.month == end.month and start.year == end.year:
        window = f"{start.day}–{end.day}/{end.month}"
    else:
        window = f"{start.day}/{start.month}–{end.day}/{end.month}"
    left = announcement.left_to_reserve
    if announcement.is_open and left > 0:
        return _("Harvest coming %(window)s, %(left)s left to pre-order") % {
            "window": window,
            "left": quantity_in_words(left, announcement.product.unit),
        }
    return _("Harvest coming %(window)s") % {"window": window}


def quantity_in_words(quantity, unit):
    """1200 kg -> "1,2 tấn": from a tonne up, kilograms are read in tonnes."""
    if unit == Unit.KILOGRAM and quantity >= 1000:
        tonnes = (quantity / 1000).quantize(Decimal("0.01")).normalize()
        return _("%(quantity)s tonnes") % {"quantity": format_quantity(tonnes)}
    return f"{format_quantity(quantity)} {Unit(unit).label}"
