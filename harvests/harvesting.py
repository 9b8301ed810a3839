"""At harvest: the producer says what came in, weighs each pre-order at packing, and the
buyer hears the final amount.

confirm() serves the reserved pre-orders in the order they were placed while the harvest
lasts; those it cannot cover are cancelled (their deposits go back through the payments
ledger, as any cancelled paid part's). A harvest of nothing is a failed one. weigh()
records the weight through orders.harvest.record_weight(), which moves the line, the
courier fee, the totals and what follows them; a buyer whose weight differs from the
order by more than the tolerance agreed may refuse it (refuse())."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from marketplace.formatting import format_quantity, format_vnd
from marketplace.validation import plain_text
from orders import harvest as harvest_parts
from orders.models import PartStatus
from orders.telling import tell_buyer
from payments import balances
from producers.notifications import notify_producer
from producers.services import record_activity

from .models import AnnouncementStatus, PreOrder, PreOrderStatus, Pricing
from .services import MAX_QUANTITY, can_manage, lock, log, quantity_in_words


def harvest_problems(announcement, harvested, price_vnd):
    """{field: message} of what is wrong with a harvest report."""
    errors = {}
    if harvested is None or not 0 <= harvested <= MAX_QUANTITY:
        errors["harvested_quantity"] = _(
            "Enter what you harvested: 0 (nothing) or more, at most %(most)s."
        ) % {"most": format_quantity(MAX_QUANTITY)}
    needs_price = announcement.pricing == Pricing.AT_HARVEST and harvested
    if needs_price and not price_vnd:
        errors["price_vnd"] = _("Enter the price set at harvest, per unit.")
    return errors


@transaction.atomic
def confirm(announcement, harvested, user, price_vnd=None):
    """The harvest came in: `harvested` of it (0: it failed). Returns (served, cancelled)
    pre-orders."""
    if not can_manage(user, announcement):
        raise PermissionDenied
    announcement = lock(announcement.pk)
    if not announcement.is_open:
        raise ValidationError(_("This harvest is no longer open."))
    errors = harvest_problems(announcement, harvested, price_vnd)
    if errors:
        raise ValidationError(errors)
    if announcement.pricing == Pricing.AT_HARVEST and price_vnd:
        announcement.price_vnd = price_vnd
    announcement.status = AnnouncementStatus.HARVESTED if harvested else AnnouncementStatus.FAILED
    announcement.harvested_quantity = harvested
    announcement.save(update_fields=["status", "harvested_quantity", "price_vnd", "updated_at"])
    served, cancelled = _share_out(announcement, harvested)
    log(announcement, "harvested" if harvested else "failed", user)
    record_activity(announcement.product.producer, user, f"harvest_in:{announcement.pk}")
    return served, cancelled


def _share_out(announcement, harvested):
    """First placed, first served, each pre-order whole while the harvest lasts."""
    left = harvested
    served, cancelled = [], []
    reserved = announcement.preorders.filter(status=PreOrderStatus.RESERVED).select_related(
        "line__part__order", "line__part__producer"
    )
    for preorder in reserved.order_by("created_at", "pk"):
        part = preorder.line.part
        if preorder.quantity <= left:
            left -= preorder.quantity
            preorder.status = PreOrderStatus.SERVED
            preorder.save(update_fields=["status"])
            harvest_parts.serve_from_harvest(part)
            served.append(preorder)
        else:
            reason = (
                _("The harvest fell short: %(harvested)s came in, not enough for this pre-order.")
                % {"harvested": quantity_in_words(harvested, announcement.product.unit)}
                if harvested
                else _("The harvest failed.")
            )
            harvest_parts.cancel_for_harvest(part, reason)
            cancelled.append(preorder)
    return served, cancelled


def balance(preorder):
    """(final amount, paid so far, still due) of a pre-order's part, in đồng."""
    part = preorder.line.part
    paid = balances.paid_for(part)
    return part.total_vnd, paid, part.total_vnd - paid


def beyond_tolerance(preorder):
    line = preorder.line
    if line.weighed_at is None:
        return False
    allowed = preorder.quantity * Decimal(preorder.tolerance_percent) / 100
    return abs(line.quantity - preorder.quantity) > allowed


def refusable(preorder):
    """The buyer may refuse the weighed quantity, until the part leaves the farm."""
    return beyond_tolerance(preorder) and preorder.line.part.status == PartStatus.CONFIRMED


def _fresh(preorder):
    return PreOrder.objects.select_related("announcement__product", "line__part").get(
        pk=preorder.pk
    )


def weigh(preorder, quantity, user):
    """The producer weighed this pre-order at packing; the buyer is told the final amount."""
    preorder = _fresh(preorder)
    if preorder.status != PreOrderStatus.SERVED:
        raise ValidationError(
            _("A pre-order is weighed once its harvest is confirmed."), code="weight"
        )
    announcement = preorder.announcement
    with transaction.atomic():
        harvest_parts.record_weight(
            preorder.line,
            quantity,
            user,
            ordered=preorder.quantity,
            unit_price_vnd=announcement.price_vnd,
        )
        preorder = _fresh(preorder)  # its line and part as weighed
        _tell_buyer_the_final_amount(preorder)
    return preorder


def _tell_buyer_the_final_amount(preorder):
    line, part = preorder.line, preorder.line.part
    unit = preorder.announcement.product.unit
    total, deposit, due = balance(preorder)
    with translation.override(settings.LANGUAGE_CODE):
        said = _(
            "%(producer)s weighed your pre-order %(code)s: %(weighed)s (you ordered "
            "%(ordered)s), %(total)s in all; paid %(deposit)s, still to pay %(due)s."
        ) % {
            "producer": part.producer.display_name,
            "code": part.order.code,
            "weighed": quantity_in_words(line.quantity, unit),
            "ordered": quantity_in_words(preorder.quantity, unit),
            "total": format_vnd(total),
            "deposit": format_vnd(deposit),
            "due": format_vnd(due),
        }
        if refusable(preorder):
            said += " " + _(
                "It differs from your order by more than %(percent)s %%: you may refuse it "
                "on your order's page before it is sent."
            ) % {"percent": preorder.tolerance_percent}
    tell_buyer(part.order, said)


@transaction.atomic
def refuse(preorder, reason=""):
    """The buyer refuses a weight beyond the tolerance: the part is cancelled (a deposit
    goes back) and the producer is told."""
    preorder = PreOrder.objects.select_for_update().select_related("line__part").get(pk=preorder.pk)
    if not refusable(preorder):
        raise ValidationError(
            _("This weight is within what you agreed to, or the order has left the farm.")
        )
    reason = plain_text(reason)[:300]
    said = _("The buyer refused the weighed quantity.") + (f" {reason}" if reason else "")
    part = preorder.line.part
    harvest_parts.cancel_for_harvest(part, said)
    preorder.status = PreOrderStatus.CANCELLED
    preorder.save(update_fields=["status"])
    with translation.override(settings.LANGUAGE_CODE):
        notify_producer(
            part.producer,
            _("Pre-order %(code)s refused") % {"code": part.order.code},
            _("The buyer of %(code)s refused the weighed quantity: do not send it. %(said)s")
            % {"code": part.order.code, "said": said},
        )
