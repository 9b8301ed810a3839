"""Stripe's webhook at /payments/stripe/webhook/.

Only a payload signed with STRIPE_WEBHOOK_SECRET within the last five minutes is
read (400 otherwise, nothing changes). Each event id is handled once: Stripe
delivers again after timeouts, and events arrive in any order, so every handler
records a fact ("paid", "time ran out", "this much refunded") that later events
cannot undo (see services). Events for no known order are logged and answered
200, so Stripe stops sending them.
"""

import json
import logging

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.parsing import whole_number
from marketplace.transactions import atomic_retried_once
from orders.models import PaymentMethod

from . import refunds, services
from .models import Payment, PaymentStatus, StripeEvent

logger = logging.getLogger(__name__)
# Far above any real order and far below PostgreSQL's bigint.
MAX_AMOUNT = 10**15


@csrf_exempt
@require_POST
def stripe_webhook(request):
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:  # an empty key would accept anyone's signature
        return HttpResponseBadRequest(
            "Stripe webhooks are not configured", content_type="text/plain"
        )
    try:
        payload = request.body.decode()
        stripe.WebhookSignature.verify_header(
            payload,
            request.headers.get("Stripe-Signature", ""),
            secret,
            tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
        )
        event_id, event_type, obj = _read_event(json.loads(payload))
    except (stripe.SignatureVerificationError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return HttpResponseBadRequest("Invalid Stripe event", content_type="text/plain")
    handler = HANDLERS.get(event_type)
    if handler is None:
        return HttpResponse("ignored", content_type="text/plain")
    with translation.override(settings.LANGUAGE_CODE):
        outcome = _handle_once(event_id[:255], event_type, handler, obj)
    logger.info("Stripe event %s (%s): %s", event_id, event_type, outcome)
    return HttpResponse(outcome, content_type="text/plain")


@atomic_retried_once
def _handle_once(event_id, event_type, handler, obj):
    """The event recorded and handled in one transaction, or "duplicate"."""
    try:
        with transaction.atomic():
            StripeEvent.objects.create(event_id=event_id, type=event_type)
    except IntegrityError:
        return "duplicate"
    try:
        outcome = handler(obj)
    except (KeyError, TypeError, ValueError, AttributeError):
        logger.exception("Stripe event %s (%s) could not be read", event_id, event_type)
        outcome = "unreadable"
    # The outcome may quote the event's own values; PostgreSQL refuses a NUL in text.
    outcome = outcome.replace("\x00", "")[:500]
    StripeEvent.objects.filter(event_id=event_id).update(outcome=outcome)
    return outcome


def _read_event(event):
    """The id, type and object of a signed event, with their types checked: a signature
    proves who sent it, not that its fields are what Stripe documents."""
    event_id, event_type, obj = event["id"], event["type"], event["data"]["object"]
    if not (isinstance(event_id, str) and isinstance(event_type, str) and isinstance(obj, dict)):
        raise TypeError("an event's id and type are strings and its object a mapping")
    if "\x00" in event_id + event_type:
        raise ValueError("an event's id and type are text")
    return event_id, event_type, obj


def _amount(obj, key):
    """A whole amount of đồng in the object, or ValueError: Stripe's amounts are integers,
    and one past any real payment would overflow the database's column."""
    amount = obj.get(key)
    if amount is None:
        return None
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 <= amount <= MAX_AMOUNT:
        raise ValueError(f"{key} is not an amount: {amount!r}")
    return amount


def _payment(obj, *, session=False):
    """The card payment an event object is about: by the ids we gave Stripe, else by
    Stripe's own (a session or a payment intent); None for an unknown order."""
    payments = Payment.objects.filter(method=PaymentMethod.CARD).select_related("order")
    metadata = obj.get("metadata") or {}
    pk = whole_number(metadata.get("payment_id"))
    if pk is not None:
        payment = payments.filter(pk=pk).first()
        order_id = whole_number(metadata.get("order_id"))
        if payment and (order_id is None or order_id == payment.order_id):
            return payment
        return None
    if session:
        return payments.filter(stripe_session_id=obj["id"]).first()
    intent = obj.get("payment_intent") if obj.get("object") == "charge" else obj.get("id")
    return payments.filter(stripe_payment_intent=intent).first() if intent else None


def _unknown(obj):
    logger.warning("Stripe event for no known order: %s %s", obj.get("object"), obj.get("id"))
    return "unknown order"


def session_paid(obj):
    payment = _payment(obj, session=True)
    if payment is None:
        return _unknown(obj)
    if obj.get("payment_status") != "paid":
        return "waiting: the payment is still being made"
    return services.record_card_paid(
        payment,
        amount=_amount(obj, "amount_total"),
        currency=obj.get("currency"),
        payment_intent=obj.get("payment_intent") or "",
    )


def session_expired(obj):
    payment = _payment(obj, session=True)
    if payment is None:
        return _unknown(obj)
    return services.record_lapsed(
        payment, PaymentStatus.EXPIRED, _("Not paid in time; the produce is free again.")
    )


def session_payment_failed(obj):
    payment = _payment(obj, session=True)
    if payment is None:
        return _unknown(obj)
    return services.record_lapsed(payment, PaymentStatus.FAILED, _("The payment was refused."))


def intent_failed(obj):
    payment = _payment(obj)
    if payment is None:
        return _unknown(obj)
    return services.record_lapsed(
        payment, PaymentStatus.FAILED, _("The card was refused; nothing was charged.")
    )


def charge_refunded(obj):
    payment = _payment(obj)
    if payment is None:
        return _unknown(obj)
    return refunds.record_stripe_refunds(
        payment, amount_refunded=_amount(obj, "amount_refunded"), currency=obj.get("currency")
    )


HANDLERS = {
    "checkout.session.completed": session_paid,
    "checkout.session.async_payment_succeeded": session_paid,
    "checkout.session.async_payment_failed": session_payment_failed,
    "checkout.session.expired": session_expired,
    "payment_intent.payment_failed": intent_failed,
    "charge.refunded": charge_refunded,
}
