"""What the marketplace owes producers for card sales, the payouts that settle it, and
refunds made in Stripe's dashboard put against the part they were for.

A card payment is collected by the marketplace; each producer's part is owed to it
once delivered, less what went back to the buyer and what the apps above deduct
(taxes: the tax withheld on it, registered with add_deduction). A refund Stripe reports without a
part (made in its dashboard) is put against the part when the order has one; with
several, the payment is flagged until an official says which, since a payout would
otherwise pay that money twice. A payout above what is owed needs a stated reason.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from marketplace import events
from marketplace.formatting import format_vnd
from orders.models import OrderPart, PartStatus, PaymentMethod
from producers.models import Producer

from .models import Payment, Payout, Refund, RefundStatus

NOT_FAILED = ~Q(status=RefundStatus.FAILED)


@dataclass(frozen=True)
class Deduction:
    """Money kept from a producer's card sales: rows(parts) are the records for those
    parts, each naming its producer at producer_path, summing `amount`."""

    name: str
    label: str
    rows: Callable
    producer_path: str
    amount: Any


_deductions = []


def add_deduction(deduction):
    _deductions.append(deduction)


def deductions():
    return list(_deductions)


UNATTRIBUTED = "unattributed refund"


def _sum_per_producer(queryset, producer_path, total):
    return Coalesce(
        Subquery(
            queryset.filter(**{producer_path: OuterRef("pk")})
            .values(producer_path)
            .annotate(total=total)
            .values("total")
        ),
        0,
    )


def owed_to_producers(producers=None):
    """Producers with earned (card-paid parts delivered, less their refunds), each
    deduction by its name, net, paid_out and owed, in đồng. A part counts once delivered: until then the buyer may still get the
    money back."""
    delivered_by_card = OrderPart.objects.filter(
        order__payment_method=PaymentMethod.CARD, status=PartStatus.DELIVERED
    ).exclude(payment_status="unpaid")
    refunds = Refund.objects.filter(NOT_FAILED, part__in=delivered_by_card)
    producers = Producer.objects.all() if producers is None else producers
    kept = {
        deduction.name: _sum_per_producer(
            deduction.rows(delivered_by_card), deduction.producer_path, Sum(deduction.amount)
        )
        for deduction in _deductions
    }
    all_kept = sum((F(name) for name in kept), Value(0))
    return producers.annotate(
        earned_gross=_sum_per_producer(
            delivered_by_card, "producer", Sum(F("subtotal_vnd") + F("delivery_fee_vnd"))
        ),
        refunded=_sum_per_producer(refunds, "part__producer", Sum("amount_vnd")),
        paid_out=_sum_per_producer(Payout.objects.all(), "producer", Sum("amount_vnd")),
        **kept,
    ).annotate(
        earned=F("earned_gross") - F("refunded"),
        net=F("earned_gross") - F("refunded") - all_kept,
        owed=F("earned_gross") - F("refunded") - all_kept - F("paid_out"),
    )


def with_a_balance():
    """Every producer the marketplace owes, or who was paid more than owed (negative)."""
    return owed_to_producers().filter(Q(earned_gross__gt=0) | ~Q(owed=0))


def owed_to(producer):
    return owed_to_producers(Producer.objects.filter(pk=producer.pk)).get().owed


def check_payout(producer, amount, reason):
    """ValidationError for a payout above what the producer is owed without a reason."""
    owed = owed_to(producer)
    if amount > owed and not (reason or "").strip():
        raise ValidationError(
            _("%(producer)s is owed %(owed)s: say why you pay %(amount)s.")
            % {"producer": producer, "owed": format_vnd(owed), "amount": format_vnd(amount)},
            code="above_owed",
        )


def part_of_refund(payment):
    """The part a refund made in Stripe's dashboard was for, when the order has only one."""
    parts = [payment.part] if payment.part_id else list(payment.order.parts.all())
    return parts[0] if len(parts) == 1 else None


def unattributed_problem(payment, amount):
    return _(
        "%(amount)s was refunded in Stripe's dashboard for an order of several producers: "
        "say which producer's part it was for (Refunds), or the payout would pay it twice."
    ) % {"amount": format_vnd(amount)}


@transaction.atomic
def attribute_refund(refund, part, actor):
    """An official says which part a dashboard refund was for; the payment's flag goes once
    none is left unattributed."""
    if not actor.has_perm("payments.change_refund"):
        raise PermissionDenied
    refund = Refund.objects.select_for_update().get(pk=refund.pk)
    if refund.part_id is not None:
        raise ValidationError(_("This refund is already put against a part."))
    if part.order_id != refund.payment.order_id:
        raise ValidationError(_("Choose a part of this refund's order."))
    refund.part = part
    refund.save(update_fields=["part"])
    payment = Payment.objects.select_for_update().get(pk=refund.payment_id)
    if not payment.refunds.filter(part=None).exists() and payment.problem_code == UNATTRIBUTED:
        payment.problem, payment.problem_code = "", ""
        payment.save(update_fields=["problem", "problem_code"])
    events.announce("card_refunds_settled", payment=payment)
    return refund
