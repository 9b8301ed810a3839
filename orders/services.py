"""Placing orders and moving their parts; stock changes only through catalog.stock.

place_order() is one transaction: the order with one part per producer written, then
every product locked and checked and the stock taken, or nothing at all. The products
are locked last, so buyers of one busy product queue only for the stock update and
the commit, not for writing their whole order.
Apps above hear "stock_taken" (the order lines just taken from stock, still locked),
"part_shipped", "part_delivered" and "order_part_cancelled" (after its stock is given back).
An order paid before delivery (card, bank transfer) waits for its money with the
stock held; the payments app then calls payment_received(), payment_lapsed() or,
when the money came after the hold ended, take_back().
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalog import stock
from marketplace import events
from marketplace.formatting import format_vnd
from marketplace.transactions import atomic_retried_once
from marketplace.transitions import lock_for_transition
from marketplace.validation import plain_text, require_reason
from producers import permissions as producer_permissions
from producers.notifications import close_notices
from producers.services import record_activity

from . import delivery, locks, payment_methods, pricing
from .cart import by_producer
from .models import (
    MONEY_IN,
    DeliveryMethod,
    Order,
    OrderLine,
    OrderPart,
    PartStatus,
    PaymentMethod,
    PaymentStatus,
)
from .telling import (
    notice_topic,
    tell_buyer,
    tell_producer_of_cancellation,
    tell_producer_of_new_order,
)

# What the producers may do with their parts; a part waiting for payment is not theirs yet.
ALLOWED_TRANSITIONS = {
    PartStatus.PREORDERED: {PartStatus.CANCELLED},
    PartStatus.PLACED: {PartStatus.CONFIRMED, PartStatus.CANCELLED},
    PartStatus.CONFIRMED: {PartStatus.SHIPPED, PartStatus.DELIVERED, PartStatus.CANCELLED},
    PartStatus.SHIPPED: {PartStatus.DELIVERED, PartStatus.CANCELLED},
}


@transaction.atomic
def place_order(
    lines, *, buyer=None, deliveries=None, agreed_fees=None, for_harvest=False, **details
):
    """An order from checked cart lines, the delivery chosen per producer id (pick-up when
    not said) and the checkout details; raises ValidationError, changing nothing.
    `agreed_fees`: {producer id: fee} agreed in a quote (wholesale), instead of the fee
    of the producer's delivery settings.
    Each line is told the OrderLine it became (`line.placed`, its part with it).
    `for_harvest`: lines reserved on a coming harvest (by harvests.preorders, which then
    locks the announcement and checks the quantity again): no stock is taken, and the parts
    wait for the harvest."""
    if not lines:
        raise ValidationError(_("Your cart is empty."))
    flagged = [f"{line.product.name}: {line.problem}" for line in lines if line.problem]
    if flagged:
        raise ValidationError(flagged)
    paying = payment_methods.get(details.get("payment_method", PaymentMethod.CASH_ON_DELIVERY))
    if paying.paid_first:
        _refuse_too_many_unpaid(details.get("buyer_phone", ""))
    parts = []
    for producer, producer_lines, subtotal in by_producer(lines):
        method = (deliveries or {}).get(producer.pk, DeliveryMethod.PICKUP)
        if agreed_fees and producer.pk in agreed_fees:
            fee = agreed_fees[producer.pk]
        else:
            fee = delivery.fee(producer, method, details["commune"], producer_lines)
        parts.append((producer, producer_lines, subtotal, method, fee))
    # A harvest line may ask a deposit (harvests' HarvestLine), taken only by card or transfer.
    deposits = {
        producer.pk: sum(getattr(line, "deposit_vnd", 0) for line in producer_lines)
        if paying.paid_first
        else 0
        for producer, producer_lines, *_rest in parts
    }
    if paying.paid_first:
        first_status = PartStatus.AWAITING_PAYMENT
    else:
        first_status = PartStatus.PREORDERED if for_harvest else PartStatus.PLACED
    order = Order.objects.create(
        buyer=buyer if buyer and buyer.is_authenticated else None,
        total_vnd=sum(subtotal + fee for _, _, subtotal, _, fee in parts),
        **details,
    )
    for producer, producer_lines, subtotal, method, fee in parts:
        part = OrderPart.objects.create(
            order=order,
            producer=producer,
            subtotal_vnd=subtotal,
            delivery_method=method,
            delivery_fee_vnd=fee,
            deposit_vnd=deposits[producer.pk],
            status=first_status,
            placed_at=None if paying.paid_first else order.created_at,
        )
        placed = OrderLine.objects.bulk_create(
            OrderLine(
                part=part,
                product=line.product,
                product_name=line.product.name,
                unit=line.product.get_unit_display(),
                unit_price_vnd=line.unit_price_vnd,
                quantity=line.quantity,
                total_vnd=line.total_vnd,
                from_stock=not for_harvest,
                wholesale=line.wholesale,
            )
            for line in producer_lines
        )
        for line, order_line in zip(producer_lines, placed, strict=True):
            line.placed = order_line
        if not paying.paid_first and not for_harvest:
            tell_producer_of_new_order(part)
    paying.placed(order)
    with translation.override(settings.LANGUAGE_CODE):
        short = _("Order %(code)s received: %(total)s.") % {
            "code": order.code,
            "total": format_vnd(order.total_vnd),
        }
        # The whole order, each farm's phone and pick-up address, goes by e-mail only.
        received = (
            render_to_string("orders/email/received.txt", {"order": order}).strip()
            if order.buyer_email
            else short
        )
    tell_buyer(order, received, text=short)
    if for_harvest:
        return order
    price = pricing.quoter(((line.product, line.quantity) for line in lines), buyer)
    locked = stock.reserve({line.product.pk: line.quantity for line in lines})
    changed = [
        line for line in lines if line.repriced(price(locked[line.product.pk], line.quantity))
    ]
    if changed:  # repriced while the buyer was typing: nothing above is kept
        raise ValidationError(
            [
                _("The price of “%(name)s” changed: check the cart.") % {"name": line.product.name}
                for line in changed
            ]
        )
    events.announce("stock_taken", lines=[line.placed for line in lines])
    return order


def _refuse_too_many_unpaid(phone):
    if not phone:
        return
    waiting = (
        Order.objects.filter(buyer_phone=phone, parts__status=PartStatus.AWAITING_PAYMENT)
        .distinct()
        .count()
    )
    if waiting >= settings.ORDERS_MAX_UNPAID_PER_PHONE:
        raise ValidationError(
            _(
                "This phone already has %(count)s orders waiting for payment: pay or cancel "
                "one of them first, or choose cash on delivery."
            )
            % {"count": waiting},
            code="too_many_unpaid",
        )


def can_manage_part(user, part):
    """The producer's members (owner, digital-team helper) manage its part, nobody else."""
    return producer_permissions.can_edit(user, part.producer)


def moves_for(part):
    """What the producer may do with its part now. A part waiting for a bank transfer may
    be released (the transfer's hold lasts days); a card's hold ends within the hour."""
    if part.status == PartStatus.AWAITING_PAYMENT:
        by_transfer = part.order.payment_method == PaymentMethod.BANK_TRANSFER
        return {PartStatus.CANCELLED} if by_transfer else set()
    return ALLOWED_TRANSITIONS.get(part.status, set())


@atomic_retried_once
def change_part_status(part, to_status, actor, reason=""):
    """A producer's move on its part; cancelling gives the stock back, delivering means paid
    (cash on delivery is collected at the door), releasing a part waiting for its transfer
    cancels the transfer."""
    if not can_manage_part(actor, part):
        raise PermissionDenied
    current = next(each for each in locks.lock_order(part.order_id) if each.pk == part.pk)
    # A card order's balance is collected by the marketplace, before the produce leaves.
    if (
        to_status in (PartStatus.SHIPPED, PartStatus.DELIVERED)
        and current.payment_status == PaymentStatus.DEPOSIT_PAID
        and part.order.payment_method == PaymentMethod.CARD
    ):
        raise ValidationError(_("The buyer pays the balance by card before it is sent."))
    move_part(part, to_status, reason, allowed={current.status: moves_for(current)})
    record_activity(part.producer, actor, f"order_{to_status}:{part.order.code}")
    if current.status == PartStatus.AWAITING_PAYMENT:
        payment_methods.tell("unpaid_parts_cancelled", [part], part.cancel_reason)
    return part


def cancellable_by_buyer(parts):
    """The parts a buyer may still cancel: those no producer has confirmed."""
    cancellable = {PartStatus.AWAITING_PAYMENT, PartStatus.PREORDERED, PartStatus.PLACED}
    return [part for part in parts if part.status in cancellable]


@atomic_retried_once
def cancel_by_buyer(order, reason=""):
    """The buyer cancels what no producer has confirmed yet (money paid goes back). A reason
    is needed when something is paid: the producer who gets the money back reads it."""
    parts = cancellable_by_buyer(locks.lock_order(order.pk))
    if not parts:
        raise ValidationError(_("The producers have already confirmed this order: call them."))
    reason = plain_text(reason)[:400]
    if not reason and any(part.payment_status in MONEY_IN for part in parts):
        raise ValidationError(
            _("Say why you cancel: the producer sends the money back."), code="reason"
        )
    said = (
        _("Cancelled by the buyer: %(reason)s") % {"reason": reason}
        if reason
        else _("Cancelled by the buyer")
    )
    for part in parts:
        told = part.status != PartStatus.AWAITING_PAYMENT  # the farm heard of this part
        move_part(part, PartStatus.CANCELLED, said, allowed=None if told else WAITING_FOR_MONEY)
        if told:
            tell_producer_of_cancellation(part, said)
    unpaid = [part for part in parts if part.payment_status == PaymentStatus.UNPAID]
    if unpaid:
        payment_methods.tell("unpaid_parts_cancelled", unpaid, said)


@atomic_retried_once
def release_unpaid(order, actor, reason):
    """An official frees the stock an order holds while waiting for its payment."""
    if not actor.has_perm("orders.release_order"):
        raise PermissionDenied
    parts = [
        part for part in locks.lock_order(order.pk) if part.status == PartStatus.AWAITING_PAYMENT
    ]
    if not parts:
        raise ValidationError(_("Nothing in this order is waiting for payment."))
    reason = require_reason(reason)
    for part in parts:
        move_part(part, PartStatus.CANCELLED, reason, allowed=WAITING_FOR_MONEY)
    payment_methods.tell("unpaid_parts_cancelled", parts, reason)
    return parts


@transaction.atomic
def payment_received(parts):
    """The money for these parts arrived in time: they go to their producers (a pre-order's,
    its deposit paid, waits for the harvest)."""
    for part in parts:
        for_harvest = not part.lines.filter(from_stock=True).exists()
        move_part(
            part,
            PartStatus.PREORDERED if for_harvest else PartStatus.PLACED,
            "",
            paid=PaymentStatus.DEPOSIT_PAID if part.deposit_vnd else PaymentStatus.PAID,
            allowed=WAITING_FOR_MONEY,
        )
        tell_producer_of_new_order(part)


@transaction.atomic
def payment_lapsed(parts, reason):
    """No money in time (or the card was refused): the parts are cancelled, the stock freed."""
    for part in parts:
        if part.status == PartStatus.AWAITING_PAYMENT:
            move_part(part, PartStatus.CANCELLED, reason, allowed=WAITING_FOR_MONEY)


@transaction.atomic
def take_back(parts):
    """The money came after the hold ended: the parts go to their producers again if their
    stock is still there; otherwise ValidationError and nothing changes."""
    locked = [OrderPart.objects.select_for_update().get(pk=part.pk) for part in parts]
    if any(part.status != PartStatus.CANCELLED for part in locked):
        raise ValidationError(_("This order is not waiting to be taken back."))
    if OrderLine.objects.filter(part__in=locked, from_stock=False).exists():
        # Its share of the harvest went back to other buyers: the money goes back.
        raise ValidationError(_("This pre-order's share of the harvest is taken."))
    lines = [line for part in locked for line in part.lines.all() if line.from_stock]
    stock.reserve({line.product_id: line.quantity for line in lines})
    events.announce("stock_taken", lines=lines)
    for part in locked:
        move_part(part, PartStatus.PLACED, "", paid=True, allowed=TAKEN_BACK)
        tell_producer_of_new_order(part)


@transaction.atomic
def cancel_for_refund(part, reason):
    """An official refunds a part the producer has not delivered: it is cancelled."""
    move_part(part, PartStatus.CANCELLED, reason)


def mark_paid(parts):
    """Money arrived for parts cancelled meanwhile (it is owed back), or a pre-order's
    balance arrived."""
    OrderPart.objects.filter(pk__in=[part.pk for part in parts]).update(
        payment_status=PaymentStatus.PAID
    )


def mark_refunded(parts):
    OrderPart.objects.filter(pk__in=[part.pk for part in parts]).update(
        payment_status=PaymentStatus.REFUNDED
    )


# The payments app's moves, never offered to producers.
WAITING_FOR_MONEY = {
    PartStatus.AWAITING_PAYMENT: {PartStatus.PLACED, PartStatus.PREORDERED, PartStatus.CANCELLED}
}
TAKEN_BACK = {PartStatus.CANCELLED: {PartStatus.PLACED}}


def move_part(part, to_status, reason, paid=False, allowed=None):
    """Every move of a part, by this app's services (the part already locked by them).
    `paid`: the money arrived with it (True: all of it; or the payment status now)."""
    current = lock_for_transition(part, to_status, allowed or ALLOWED_TRANSITIONS, PartStatus)
    if to_status == PartStatus.CANCELLED:
        reason = require_reason(reason)
        lines = list(current.lines.all())
        stock.release({line.product_id: line.quantity for line in lines if line.from_stock})
        part.cancel_reason = reason
        events.announce("order_part_cancelled", part=part, lines=lines)
    else:
        part.cancel_reason = ""
    if paid:  # True, or the payment status it leads to
        part.payment_status = PaymentStatus.PAID if paid is True else paid
    elif to_status == PartStatus.DELIVERED:
        part.payment_status = PaymentStatus.PAID
    if to_status == PartStatus.PLACED and current.placed_at is None:
        part.placed_at = timezone.now()
    part.status = to_status
    part.status_changed_at = timezone.now()
    part.save(
        update_fields=[
            "status",
            "status_changed_at",
            "cancel_reason",
            "payment_status",
            "placed_at",
        ]
    )
    if to_status == PartStatus.CANCELLED and current.payment_status in MONEY_IN:
        payment_methods.tell("paid_part_cancelled", part)
    if to_status == PartStatus.SHIPPED:
        events.announce("part_shipped", part=part)
    if to_status == PartStatus.DELIVERED:
        events.announce("part_delivered", part=part)
    if current.status == PartStatus.PLACED:
        with translation.override(settings.LANGUAGE_CODE):
            close_notices(
                part.producer,
                notice_topic(part),
                _("This order is now “%(status)s”: nothing to confirm.")
                % {"status": part.get_status_display()},
            )
    tell_buyer(
        part.order,
        _("%(producer)s: your order %(code)s is now “%(status)s”.")
        % {
            "producer": part.producer.display_name,
            "code": part.order.code,
            "status": part.get_status_display(),
        }
        + (f" {reason}" if reason else ""),
    )


def past_addresses(buyer, limit=5):
    """The buyer's delivery addresses, newest first, each once: the orders they came with."""
    seen, addresses = set(), []
    for order in Order.objects.filter(buyer=buyer).select_related("commune").order_by("-pk")[:50]:
        if (order.commune_id, order.address) not in seen:
            seen.add((order.commune_id, order.address))
            addresses.append(order)
    return addresses[:limit]
