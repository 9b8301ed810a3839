"""Parts reserved on a coming harvest (the harvests app reserves and serves them): served
when the harvest comes in, cancelled when it is withdrawn, fails or falls short, and
weighed at packing.

The weighed quantity is what the buyer pays for. record_weight() changes the line, the
part's courier fee (priced by weight), the part's and the order's totals in one
transaction under the order's lock; what reads them follows: the sales figures
(orders.figures), what the marketplace owes the producer (payments.ledger). The apps
above hear "part_reweighed" (taxes redoes the tax it withheld, payments the balance).
"""

from contextlib import suppress
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Unit
from marketplace import events
from marketplace.formatting import format_quantity
from marketplace.transactions import atomic_retried_once

from . import delivery, locks, payment_methods
from .cart import line_total
from .models import DeliveryMethod, Order, OrderLine, OrderPart, PartStatus
from .services import can_manage_part, move_part

HARVEST_CANCELS = {
    PartStatus.PREORDERED: {PartStatus.CANCELLED},
    PartStatus.AWAITING_PAYMENT: {PartStatus.CANCELLED},
    # The buyer refused a weight beyond the tolerance agreed.
    PartStatus.CONFIRMED: {PartStatus.CANCELLED},
}
HARVEST_SERVES = {PartStatus.PREORDERED: {PartStatus.CONFIRMED}}
# A weighed quantity beyond this many times the ordered one is a slip of the scale or keyboard.
MOST_TIMES_ORDERED = 2


@transaction.atomic
def serve_from_harvest(part):
    """The harvest came in and covers this part: the producer has it, confirmed."""
    move_part(part, PartStatus.CONFIRMED, "", allowed=HARVEST_SERVES)


@transaction.atomic
def cancel_for_harvest(part, reason):
    """A part whose harvest was withdrawn, failed or fell short, or whose weight its buyer
    refused."""
    was = part.status
    move_part(part, PartStatus.CANCELLED, reason, allowed=HARVEST_CANCELS)
    if was == PartStatus.AWAITING_PAYMENT:
        payment_methods.tell("unpaid_parts_cancelled", [part], part.cancel_reason)


def weighing_problem(line, part, quantity, ordered):
    """Why `quantity` cannot be recorded as the weight of `line` (a message), or None."""
    if part.status != PartStatus.CONFIRMED:
        return _("A line is weighed once its harvest is confirmed, before it leaves the farm.")
    if quantity is None or quantity <= 0:
        return _("Enter the weighed quantity: more than 0.")
    if quantity.as_tuple().exponent < -2:
        return _("Enter the weight with at most two decimals.")
    if line.product.unit != Unit.KILOGRAM and quantity != quantity.to_integral_value():
        return _("This unit is counted in whole numbers.")
    if quantity > ordered * MOST_TIMES_ORDERED:
        return _("%(weighed)s is more than twice the %(ordered)s ordered: check the scale.") % {
            "weighed": format_quantity(quantity),
            "ordered": format_quantity(ordered),
        }
    return None


@atomic_retried_once
def record_weight(line, quantity, actor, *, ordered, unit_price_vnd=None):
    """The producer weighed `line` at packing (`ordered`: what the buyer asked for); a price
    set at harvest comes with it. Returns the part, its totals as they now are."""
    quantity = Decimal(quantity) if quantity is not None else None
    if not can_manage_part(actor, line.part):
        raise PermissionDenied
    part = next(each for each in locks.lock_order(line.part.order_id) if each.pk == line.part_id)
    line = OrderLine.objects.select_for_update().select_related("product").get(pk=line.pk)
    problem = weighing_problem(line, part, quantity, ordered)
    if problem:
        raise ValidationError(problem, code="weight")
    before_vnd = part.total_vnd
    line.quantity = quantity
    if unit_price_vnd is not None:
        line.unit_price_vnd = unit_price_vnd
    line.total_vnd = line_total(line.unit_price_vnd, quantity)
    line.weighed_at = timezone.now()
    line.save(update_fields=["quantity", "unit_price_vnd", "total_vnd", "weighed_at"])
    lines = list(part.lines.all())
    part.subtotal_vnd = sum(each.total_vnd for each in lines)
    if part.delivery_method == DeliveryMethod.COURIER:
        # If the farm stopped sending by courier since, the fee agreed stands.
        with suppress(ValidationError):
            part.delivery_fee_vnd = delivery.fee(
                part.producer, part.delivery_method, part.order.commune, lines
            )
    part.save(update_fields=["subtotal_vnd", "delivery_fee_vnd"])
    order = Order.objects.get(pk=part.order_id)
    totals = OrderPart.objects.filter(order=order).aggregate(
        goods=Sum("subtotal_vnd"), fees=Sum("delivery_fee_vnd")
    )
    order.total_vnd = totals["goods"] + totals["fees"]
    order.save(update_fields=["total_vnd"])
    events.announce("part_reweighed", part=part, before_vnd=before_vnd)
    return part
