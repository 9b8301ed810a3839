"""The Stripe calls this app makes; each carries an idempotency key, so a retry after a
timeout never opens a second session or refunds twice."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from marketplace.formatting import format_quantity, format_vnd
from marketplace.payments import CURRENCY, stripe_client


def create_checkout_session(payment, success_url, cancel_url):
    """A hosted Checkout page for the whole order, one line per producer's part (quantities
    such as 1,5 kg are in the line's name: Stripe counts whole units)."""
    order = payment.order
    ids = {"order_id": str(order.pk), "order_code": order.code, "payment_id": str(payment.pk)}
    with translation.override(settings.LANGUAGE_CODE):
        line_items = [
            {
                "quantity": 1,
                "price_data": {
                    "currency": CURRENCY,
                    "unit_amount": part.total_vnd,
                    "product_data": {
                        "name": f"{part.producer.display_name} · {order.code}",
                        "description": _part_description(part),
                    },
                },
            }
            for part in order.parts.select_related("producer").prefetch_related("lines")
        ]
    params = {
        "mode": "payment",
        "payment_method_types": ["card"],
        "line_items": line_items,
        "client_reference_id": order.code,
        "metadata": ids,
        "payment_intent_data": {"metadata": ids},
        "expires_at": int(payment.expires_at.timestamp()),
        "success_url": success_url,
        "cancel_url": cancel_url,
        "locale": "vi",
    }
    if order.buyer_email:
        params["customer_email"] = order.buyer_email
    return stripe_client().v1.checkout.sessions.create(
        params=params,
        options={"idempotency_key": f"checkout-{payment.pk}-{params['expires_at']}"},
    )


def _part_description(part):
    lines = ", ".join(
        f"{line.product_name} × {format_quantity(line.quantity)} {line.unit}"
        for line in part.lines.all()
    )
    if part.delivery_fee_vnd:
        lines += f"; {_('delivery')} {format_vnd(part.delivery_fee_vnd)}"
    return lines[:500]


def expire_checkout_session(session_id):
    return stripe_client().v1.checkout.sessions.expire(session_id)


def create_refund(refund):
    payment = refund.payment
    return stripe_client().v1.refunds.create(
        params={
            "payment_intent": payment.stripe_payment_intent,
            "amount": refund.amount_vnd,
            "metadata": {
                "order_code": payment.order.code,
                "payment_id": str(payment.pk),
                "refund_id": str(refund.pk),
            },
        },
        options={"idempotency_key": f"refund-{refund.pk}"},
    )
