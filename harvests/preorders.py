"""Pre-orders: buyers reserve part of an announced harvest, only here, under its row lock.

The order is written first by orders.place_order(for_harvest=True) (no stock taken, the
part waits as "pre-ordered"); then the announcement's row is locked FOR UPDATE and the
quantity checked again, so buyers of one harvest queue only for the reservation and the
commit (as checkout locks products last), and the reserved total never passes the share
opened (the database refuses it too: announcement_reserved_within_open); a refusal
there undoes the order. A cancelled part gives its quantity back through
order_part_cancelled().
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from catalog.models import Product
from marketplace.formatting import format_quantity
from orders import harvest as harvest_parts
from orders import services as orders
from orders.cart import line_total
from orders.models import OrderLine, PaymentMethod
from producers.notifications import notify_producer

from .models import HarvestAnnouncement, PreOrder, PreOrderStatus
from .services import WITH_PLACE, in_words, lock, log, quantity_in_words


@dataclass
class HarvestLine:
    """A line as orders.place_order() reads a cart line, priced by the announcement."""

    product: Product
    quantity: Decimal
    unit_price_vnd: int
    deposit_percent: int = 0
    problem: str = ""
    placed: OrderLine | None = None  # set by orders.services.place_order()
    wholesale = False

    @property
    def total_vnd(self):
        return line_total(self.unit_price_vnd, self.quantity)

    @property
    def deposit_vnd(self):
        """Paid by card or transfer when pre-ordering, whole đồng rounded half up."""
        return (self.total_vnd * self.deposit_percent + 50) // 100


def quantity_problem(announcement, quantity):
    """Why `quantity` cannot be pre-ordered now (a message), or None."""
    product = announcement.product
    unit = product.get_unit_display()
    if not announcement.is_open or not product.is_listed:
        return _("Pre-orders for this harvest are closed.")
    if quantity is None or quantity <= 0:
        return _("Enter the quantity to pre-order.")
    problem = product.step_error(quantity)
    if problem:
        return problem
    left = announcement.left_to_reserve
    if quantity > left:
        if left <= 0:
            return _("Everything open to pre-order is already reserved.")
        return _("Only %(left)s %(unit)s are left to pre-order.") % {
            "left": format_quantity(left),
            "unit": unit,
        }
    return None


@transaction.atomic
def place(announcement_pk, quantity, *, buyer=None, delivery_method=None, **details):
    """Reserve `quantity` of the announced harvest as an order; raises ValidationError,
    changing nothing."""
    announcement = HarvestAnnouncement.objects.select_related(*WITH_PLACE).get(pk=announcement_pk)
    product = announcement.product
    _refuse(quantity_problem(announcement, quantity))  # at once, before writing anything
    paying = details.get("payment_method", PaymentMethod.CASH_ON_DELIVERY)
    if paying != PaymentMethod.CASH_ON_DELIVERY and not announcement.deposit_percent:
        raise ValidationError(
            _("This harvest takes no deposit: it is paid on delivery."), code="payment"
        )
    line = HarvestLine(product, quantity, announcement.unit_price_vnd, announcement.deposit_percent)
    order = orders.place_order(
        [line],
        buyer=buyer,
        deliveries={product.producer_id: delivery_method} if delivery_method else None,
        for_harvest=True,
        **details,
    )
    PreOrder.objects.create(
        announcement=announcement,
        line=line.placed,
        quantity=quantity,
        deposit_vnd=line.placed.part.deposit_vnd,
        tolerance_percent=announcement.tolerance_percent,
    )
    _tell_producer(announcement, order, quantity)
    agreed = _terms(announcement)
    # Last, and only what must be: others wait only for the reservation and its log row.
    announcement = lock(announcement_pk, product)
    _refuse(quantity_problem(announcement, quantity))
    if _terms(announcement) != agreed:
        raise ValidationError(
            _("The price or the deposit of this harvest changed: check it."), code="price"
        )
    announcement.reserved_quantity += quantity
    announcement.save(update_fields=["reserved_quantity", "updated_at"])
    log(announcement, "preordered", buyer, reindex=not announcement.left_to_reserve)
    return order


def _terms(announcement):
    """What the buyer agreed to: a change while they placed it undoes the pre-order."""
    return announcement.unit_price_vnd, announcement.deposit_percent, announcement.tolerance_percent


def _refuse(problem):
    if problem:
        raise ValidationError(problem, code="quantity")


def _tell_producer(announcement, order, quantity):
    with translation.override(settings.LANGUAGE_CODE):
        notify_producer(
            announcement.product.producer,
            _("New pre-order %(code)s") % {"code": order.code},
            _("Pre-order %(code)s: %(quantity)s of “%(name)s”. %(harvest)s.")
            % {
                "code": order.code,
                "quantity": quantity_in_words(quantity, announcement.product.unit),
                "name": announcement.product.name,
                "harvest": in_words(announcement),
            },
        )


def order_part_cancelled(part, lines):
    """A part cancelled (by its buyer, its producer or a withdrawn harvest): its reserved
    quantities go back to their announcements."""
    reserved = PreOrder.objects.filter(
        line__in=[line.pk for line in lines if not line.from_stock],
        status=PreOrderStatus.RESERVED,
    )
    for preorder in reserved.order_by("announcement_id"):
        announcement = lock(preorder.announcement_id)
        was_full = not announcement.left_to_reserve
        announcement.reserved_quantity -= preorder.quantity
        announcement.save(update_fields=["reserved_quantity", "updated_at"])
        preorder.status = PreOrderStatus.CANCELLED
        preorder.save(update_fields=["status"])
        log(announcement, "preorder_cancelled", reindex=was_full)


def cancel_all(announcement, reason):
    """Every pre-order still reserved on the (locked) announcement is cancelled."""
    parts = {
        preorder.line.part
        for preorder in announcement.preorders.filter(
            status=PreOrderStatus.RESERVED
        ).select_related("line__part__order", "line__part__producer")
    }
    for part in sorted(parts, key=lambda part: part.pk):
        harvest_parts.cancel_for_harvest(part, reason)
