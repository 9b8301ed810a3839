"""Card payments and holds: what is due when an order is placed, what Stripe says
arrived or lapsed, and the stock freed when the time to pay runs out. Refunds are in
payments.refunds, bank transfers in payments.transfers.

Every change locks the order's payments and then its parts (orders.locks), so a
webhook, the expiry command, the buyer and an official acting at once take turns.
Stock and order parts move through orders.services.
"""

import logging
from datetime import timedelta

import stripe
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace import events
from marketplace.formatting import format_local_datetime, format_vnd
from marketplace.payments import CURRENCY
from marketplace.transactions import atomic_retried_once
from orders import services as orders
from orders import telling
from orders.models import PartStatus, PaymentMethod

from . import refunds, stripe_api
from .models import Payment, PaymentStatus
from .records import flag, locked

logger = logging.getLogger(__name__)
MAX_HOLD_RENEWALS = 1


# --- Checkout: which methods are offered, what is due once the order is written ------------


def card_offered(parts):
    return bool(settings.STRIPE_SECRET_KEY)


def card_placed(order):
    Payment.objects.create(
        order=order,
        method=PaymentMethod.CARD,
        amount_vnd=sum(part.due_first_vnd for part in order.parts.all()),
        expires_at=timezone.now() + timedelta(minutes=settings.PAYMENT_CARD_HOLD_MINUTES),
    )


# --- Card: Stripe Checkout ------------------------------------------------------------------


def card_next_step(request, order):
    """Open (or reopen) the Stripe Checkout page for the order; None when it cannot be."""
    payment = order.payments.filter(method=PaymentMethod.CARD, status=PaymentStatus.PENDING).first()
    if payment is None:
        return None
    try:
        payment = _hold_for_checkout(payment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    keys = {"code": order.code, "secret": order.secret}
    try:
        session = stripe_api.create_checkout_session(
            payment,
            success_url=request.build_absolute_uri(reverse("payments:card_done", kwargs=keys)),
            cancel_url=request.build_absolute_uri(reverse("payments:card_cancelled", kwargs=keys)),
        )
    except stripe.StripeError:
        logger.exception("Stripe Checkout session for order %s failed", order.code)
        messages.error(
            request,
            _(
                "Card payment is not available right now. Your order keeps its produce "
                "until %(deadline)s: try again in a moment, or cancel it."
            )
            % {"deadline": format_local_datetime(payment.expires_at)},
        )
        return None
    if payment.stripe_session_id and payment.stripe_session_id != session.id:
        _expire_session(payment.stripe_session_id)  # one open Checkout page per order
    Payment.objects.filter(pk=payment.pk).update(
        stripe_session_id=session.id,
        stripe_payment_intent=session.payment_intent or payment.stripe_payment_intent,
    )
    return session.url


@transaction.atomic
def _hold_for_checkout(payment):
    """A Checkout session lives at least 30 minutes: a buyer coming back late to pay gets
    the hold extended to match, so the stock is never freed under a live session."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    minimum = timezone.now() + timedelta(minutes=31)
    if payment.expires_at < minimum:
        # Once only: every "Thanh toán bằng thẻ" renewing it held the stock without end.
        if payment.hold_renewals >= MAX_HOLD_RENEWALS:
            raise ValidationError(
                _("The time to pay for this order is over: its produce is free for others.")
            )
        payment.expires_at = timezone.now() + timedelta(minutes=settings.PAYMENT_CARD_HOLD_MINUTES)
        payment.hold_renewals += 1
        payment.save(update_fields=["expires_at", "hold_renewals"])
    return payment


@atomic_retried_once
def record_card_paid(payment, *, amount, currency, payment_intent):
    """Stripe says the money is in. Returns what was done, for the event log."""
    payment = locked(payment)
    if payment.paid_at:
        if payment_intent and payment_intent != payment.stripe_payment_intent:
            return flag(
                payment,
                _(
                    "A second card payment (%(intent)s) arrived for a paid order: refund it in Stripe."
                )
                % {"intent": payment_intent},
            )
        return "already paid"
    if currency != CURRENCY or amount != payment.amount_vnd:
        return flag(
            payment,
            _("Stripe reported %(amount)s %(currency)s for an order of %(total)s.")
            % {"amount": amount, "currency": currency, "total": format_vnd(payment.amount_vnd)},
        )
    payment.paid_at = timezone.now()
    payment.stripe_payment_intent = payment_intent or payment.stripe_payment_intent
    was = payment.status
    payment.status = PaymentStatus.PAID
    payment.save(update_fields=["paid_at", "stripe_payment_intent", "status"])
    parts = list(payment.order.parts.all())
    # The sale is made the moment the money is in (taxes: withheld now, Decree 117 Art. 5).
    events.announce("card_paid", payment=payment)
    if payment.for_balance and was == PaymentStatus.PENDING:
        orders.mark_paid(parts)
        return "balance paid"
    if was == PaymentStatus.PENDING:
        orders.payment_received(parts)
        return "paid"
    if was in (PaymentStatus.EXPIRED, PaymentStatus.FAILED):
        try:
            with transaction.atomic():
                orders.take_back(parts)
        except ValidationError:
            pass  # the produce went to someone else meanwhile
        else:
            return "paid after the hold ended; the stock was still there"
    _refund_late_payment(payment, was)
    return "paid after the hold ended; refunded in full"


def _refund_late_payment(payment, was):
    with translation.override(settings.LANGUAGE_CODE):
        if was == PaymentStatus.CANCELLED:
            reason = _("The buyer had cancelled the order before the payment arrived.")
            why = _(
                "You had cancelled order %(code)s before your card payment of %(amount)s arrived."
            )
        else:
            reason = _("The payment arrived after the order's time to pay; the produce was sold.")
            why = _(
                "Your card payment of %(amount)s for order %(code)s arrived after the time "
                "to pay had ended, and the produce had been sold to someone else."
            )
        for part in payment.order.parts.all():
            left = refunds.refundable(payment, part)
            if left:
                refunds.new_refund(payment, part, left, reason)
        details = {"amount": format_vnd(payment.amount_vnd), "code": payment.order.code}
        telling.tell_buyer(
            payment.order,
            why % details
            + " "
            + _(
                "We have refunded the whole %(amount)s to your card; banks take 5 to 10 days to show it."
            )
            % details,
        )


@atomic_retried_once
def record_lapsed(payment, status, reason):
    """No money: the card was refused, the time ran out, or the buyer gave up."""
    payment = locked(payment)
    if payment.status != PaymentStatus.PENDING:
        return f"ignored: already {payment.status}"
    payment.status = status
    payment.save(update_fields=["status"])
    parts = [payment.part] if payment.part_id else list(payment.order.parts.all())
    with translation.override(settings.LANGUAGE_CODE):
        orders.payment_lapsed(parts, reason)
    if payment.stripe_session_id and status != PaymentStatus.EXPIRED:
        transaction.on_commit(lambda: _expire_session(payment.stripe_session_id))
    return status


def _expire_session(session_id):
    """Close a Checkout page nobody should pay on any more (best effort: a payment that
    still gets through is refunded by the late-payment rule)."""
    try:
        stripe_api.expire_checkout_session(session_id)
    except stripe.StripeError as error:
        logger.info("Could not expire Checkout session %s: %s", session_id, error)


def unpaid_parts_cancelled(parts, reason):
    """The payments waiting for these parts' money are cancelled too; a card payment (for
    the whole order) once no part of its order waits for it any more."""
    orders_of = {part.order_id for part in parts}
    waiting = Payment.objects.filter(status=PaymentStatus.PENDING).filter(
        Q(part__in=parts) | Q(part=None, order_id__in=orders_of)
    )
    for payment in waiting:
        if (
            payment.part_id is None
            and payment.order.parts.filter(status=PartStatus.AWAITING_PAYMENT).exists()
        ):
            continue
        record_lapsed(payment, PaymentStatus.CANCELLED, reason)


def expire_due(now=None):
    """Free the stock of every payment whose time ran out; returns how many."""
    now = now or timezone.now()
    due = Payment.objects.filter(status=PaymentStatus.PENDING, expires_at__lte=now)
    count = 0
    for payment in due:
        with translation.override(settings.LANGUAGE_CODE):
            outcome = record_lapsed(
                payment, PaymentStatus.EXPIRED, _("Not paid in time; the produce is free again.")
            )
        if outcome == PaymentStatus.EXPIRED:
            count += 1
            if payment.stripe_session_id:
                _expire_session(payment.stripe_session_id)
    return count
