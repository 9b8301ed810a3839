"""What Stripe posts to the webhook: events, Checkout Sessions, and the signature made
the way Stripe makes it, so tests and the load's storm exercise real verification."""

import hashlib
import hmac
import json
import time
import uuid


def stripe_signature_header(payload: str, secret: str, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.{payload}".encode()
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event(type_, obj, event_id=None):
    """An event around `obj`, as the JSON text Stripe posts."""
    return json.dumps(
        {
            "id": event_id or f"evt_{uuid.uuid4().hex}",
            "object": "event",
            "type": type_,
            "data": {"object": obj},
        }
    )


def checkout_session(session_id, amount_vnd, order_id, payment_id, **overrides):
    """A paid, complete Checkout Session of one of the project's card payments."""
    return {
        "id": session_id or "cs_test_unknown",
        "object": "checkout.session",
        "payment_status": "paid",
        "status": "complete",
        "amount_total": amount_vnd,
        "currency": "vnd",
        "payment_intent": "pi_test_paid",
        "metadata": {"order_id": str(order_id), "payment_id": str(payment_id)},
        **overrides,
    }
