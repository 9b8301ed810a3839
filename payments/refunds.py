"""Money going back to buyers: card refunds sent through Stripe, and bank transfers the
producer owes back and records once sent.

A card refund is written first as "being sent" and Stripe is called after the
transaction commits, so a call that fails is retried, never lost. A bank transfer went
straight to the producer: after a cancellation the money owed back is a refund "owed by
the producer", shown to the buyer (who says which account), the producer and officials,
and the payment stays flagged until the producer records the bank reference.
"""

import logging
from datetime import timedelta

import stripe
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import events
from marketplace.formatting import format_vnd
from marketplace.payments import CURRENCY
from marketplace.transactions import atomic_retried_once
from orders import services as orders
from orders import telling
from orders.models import PartStatus, PaymentMethod
from producers.notifications import in_vietnamese, notify_producer
from producers.services import record_activity

from . import ledger, stripe_api
from .ledger import NOT_FAILED
from .models import Payment, Refund, RefundStatus
from .records import clear_flag, flag, locked, payments_for

logger = logging.getLogger("payments.services")
RETURN_OWED = "return owed"


def refunded_so_far(payment, part=None):
    refunds = payment.refunds.filter(NOT_FAILED)
    if part is not None:
        refunds = refunds.filter(part=part)
    return refunds.aggregate(total=Sum("amount_vnd"))["total"] or 0


def refundable(payment, part=None):
    """What may still go back to the card: of the payment, or of one producer's part."""
    if payment.method != PaymentMethod.CARD or not payment.paid_at:
        return 0
    left = payment.amount_vnd - refunded_so_far(payment)
    if part is not None and payment.order.parts.count() > 1:  # no more than this part's share
        left = min(left, part.total_vnd - refunded_so_far(payment, part))
    return max(left, 0)


@atomic_retried_once
def refund(payment, *, reason, part=None, amount=None, actor=None):
    """An official refunds a whole card payment (part=None) or one producer's part, all of
    what is left or `amount`. A part refunded in full before delivery is cancelled and its
    stock returned. Raises ValidationError, changing nothing."""
    payment = locked(payment)
    if payment.method != PaymentMethod.CARD:
        raise ValidationError(_("A bank transfer went to the producer, who sends it back."))
    if not payment.paid_at:
        raise ValidationError(_("This payment was never made: there is nothing to refund."))
    parts = [part] if part is not None else list(payment.order.parts.all())
    if amount is not None:
        if part is None:
            raise ValidationError(_("Choose the producer's part for a partial refund."))
        most = refundable(payment, part)
        if amount < 1 or amount > most:
            raise ValidationError(
                _("At most %(most)s can be refunded here.") % {"most": format_vnd(most)}
            )
    refunds = []
    for each in parts:
        left = refundable(payment, each)
        sum_ = left if amount is None else amount
        if sum_:
            refunds.append(new_refund(payment, each, sum_, reason, actor))
        if (
            sum_
            and sum_ == left
            and each.status not in (PartStatus.DELIVERED, PartStatus.CANCELLED)
        ):
            orders.cancel_for_refund(each, reason)
    if not refunds:
        raise ValidationError(_("Everything paid has already been refunded."))
    return refunds


def new_refund(payment, part, amount, reason, actor=None):
    refund = Refund.objects.create(
        payment=payment, part=part, amount_vnd=amount, reason=reason[:500], requested_by=actor
    )
    transaction.on_commit(lambda: send_refund(refund.pk))
    return refund


def paid_part_cancelled(part):
    """A part already paid was cancelled: a card payment goes back by itself; a bank
    transfer is owed back by the producer."""
    paid = payments_for(part).exclude(paid_at=None)
    for payment in paid.order_by("pk"):  # a pre-order's deposit and its balance
        if payment.method == PaymentMethod.BANK_TRANSFER:
            owe_return(payment, part)
            continue
        left = refundable(payment, part)
        if left:
            new_refund(payment, part, left, part.cancel_reason or _("Cancelled"))


def send_refund(refund_pk):
    """Ask Stripe for one refund; left "being sent" when Stripe cannot be reached."""
    refund = Refund.objects.select_related("payment__order").get(pk=refund_pk)
    if refund.status != RefundStatus.PENDING:
        return refund
    try:
        answer = stripe_api.create_refund(refund)
    except stripe.InvalidRequestError as error:
        with transaction.atomic():
            Refund.objects.filter(pk=refund.pk).update(status=RefundStatus.FAILED)
            flag(refund.payment, _("Stripe refused refund %(id)s: %(error)s")
                 % {"id": refund.pk, "error": error.user_message or error})  # fmt: skip
        return refund
    except stripe.StripeError:
        logger.warning("Refund %s not sent yet; it will be retried", refund.pk, exc_info=True)
        return refund
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        refund.stripe_refund_id = answer.id
        refund.status = (
            RefundStatus.FAILED
            if answer.status in ("failed", "canceled")
            else RefundStatus.SUCCEEDED
        )
        refund.save(update_fields=["stripe_refund_id", "status"])
        settle(refund.payment)
    return refund


def retry_refunds(older_than=timedelta(minutes=1)):
    waiting = Refund.objects.filter(
        status=RefundStatus.PENDING, created_at__lte=timezone.now() - older_than
    )
    return [send_refund(pk) for pk in waiting.values_list("pk", flat=True)]


@atomic_retried_once
def record_stripe_refunds(payment, *, amount_refunded, currency):
    """Stripe's running total of what went back (its charge.refunded event), whichever
    order the events come in: a refund made in Stripe's dashboard is recorded too."""
    payment = locked(payment)
    if currency != CURRENCY:
        return flag(
            payment, _("Stripe reported a refund in %(currency)s.") % {"currency": currency}
        )
    ours = refunded_so_far(payment)
    outcome = ""
    if amount_refunded > ours:
        part = ledger.part_of_refund(payment)
        Refund.objects.create(
            payment=payment,
            part=part,
            amount_vnd=amount_refunded - ours,
            reason=_("Refunded in Stripe's dashboard"),
            status=RefundStatus.SUCCEEDED,
        )
        if part is None:
            problem = ledger.unattributed_problem(payment, amount_refunded - ours)
            outcome = "; " + flag(payment, problem, ledger.UNATTRIBUTED)
    payment.refunded_vnd = max(payment.refunded_vnd, amount_refunded)
    payment.save(update_fields=["refunded_vnd"])
    settle(payment)
    return f"refunded {payment.refunded_vnd} in all{outcome}"


def settle(payment):
    """Parts whose money went back in full show "refunded"."""
    succeeded = payment.refunds.filter(status=RefundStatus.SUCCEEDED)
    total = succeeded.aggregate(total=Sum("amount_vnd"))["total"] or 0
    if total > payment.refunded_vnd:
        Payment.objects.filter(pk=payment.pk).update(refunded_vnd=total)
    by_part = dict(
        succeeded.exclude(part=None).values_list("part").annotate(total=Sum("amount_vnd"))
    )
    done = [
        part
        for part in payment.order.parts.filter(pk__in=by_part)
        if by_part[part.pk] >= part.total_vnd
    ]
    orders.mark_refunded(done)
    events.announce("card_refunds_settled", payment=payment)


# --- Bank transfers owed back by the producer -----------------------------------------------


def owe_return(payment, part, amount=None, reason=""):
    """The buyer's transfer for a cancelled part (or `amount` of it, a complaint's
    outcome) is owed back: recorded, the payment flagged, the producer and the buyer told."""
    left = payment.amount_vnd - refunded_so_far(payment, part)  # a transfer pays one part
    amount = left if amount is None else min(amount, left)
    if amount <= 0:
        return None
    owed = Refund.objects.create(
        payment=payment,
        part=part,
        amount_vnd=amount,
        reason=(reason or part.cancel_reason or _("Cancelled"))[:500],
        status=RefundStatus.OWED,
    )
    details = {"code": part.order.code, "amount": format_vnd(amount)}
    flag(
        payment,
        _("Order %(code)s: %(amount)s paid by transfer is owed back to the buyer.") % details,
        RETURN_OWED,
    )
    _tell_producer_to_return(owed)
    telling.tell_buyer(
        part.order,
        _(
            "%(producer)s owes you %(amount)s back for order %(code)s. Give the account to "
            "send it to on your order's page."
        )
        % {**details, "producer": part.producer.display_name},
    )
    return owed


@in_vietnamese
def _tell_producer_to_return(owed):
    part = owed.part
    where = owed.return_account or _("the account the buyer gives on the order's page")
    notify_producer(
        part.producer,
        _("Send the money of order %(code)s back") % {"code": part.order.code},
        _(
            "Order %(code)s is cancelled: transfer %(amount)s back to the buyer (%(phone)s), "
            "to %(where)s, then record the bank reference in your portal."
        )
        % {
            "code": part.order.code,
            "amount": format_vnd(owed.amount_vnd),
            "phone": part.order.buyer_phone_display,
            "where": where,
        },
    )


@transaction.atomic
def give_return_account(owed, *, bank_bin, account_number, account_holder):
    """The buyer says where the money owed back goes; the producer is told."""
    owed = Refund.objects.select_for_update().get(pk=owed.pk)
    if owed.status != RefundStatus.OWED:
        raise ValidationError(_("This money has already been sent back."))
    owed.return_bank_bin = bank_bin
    owed.return_account_number = account_number
    owed.return_account_holder = account_holder
    owed.save(update_fields=["return_bank_bin", "return_account_number", "return_account_holder"])
    _tell_producer_to_return(owed)
    return owed


@atomic_retried_once
def record_returned(owed, actor, bank_reference):
    """The producer (or its helper) sent the money back: the refund is settled, the buyer
    told, and the payment's flag cleared."""
    if not orders.can_manage_part(actor, owed.part):
        raise PermissionDenied
    payment = locked(owed.payment)
    owed = Refund.objects.select_for_update().get(pk=owed.pk)
    if owed.status != RefundStatus.OWED:
        raise ValidationError(_("This money is already recorded as sent back."))
    if not bank_reference:
        raise ValidationError(_("Type the bank reference of the transfer back."))
    owed.status = RefundStatus.SUCCEEDED
    owed.bank_reference = bank_reference[:100]
    owed.settled_at = timezone.now()
    owed.settled_by = actor
    owed.save(update_fields=["status", "bank_reference", "settled_at", "settled_by"])
    record_activity(owed.part.producer, actor, f"money_returned:{owed.part.order.code}")
    settle(payment)
    clear_flag(payment, RETURN_OWED)  # a transfer pays one part: nothing else is owed on it
    telling.tell_buyer(
        owed.part.order,
        _("%(producer)s sent back %(amount)s for order %(code)s (bank reference %(reference)s).")
        % {
            "producer": owed.part.producer.display_name,
            "amount": format_vnd(owed.amount_vnd),
            "code": owed.part.order.code,
            "reference": owed.bank_reference,
        },
    )
    return owed


def overdue_returns(now=None):
    """Money owed back by producers for longer than PAYMENT_RETURN_DAYS."""
    since = (now or timezone.now()) - timedelta(days=settings.PAYMENT_RETURN_DAYS)
    return Refund.objects.filter(status=RefundStatus.OWED, created_at__lte=since)
