import json
import time

import pytest
import stripe

from marketplace.payments import CURRENCY, stripe_client
from tests.stripe_payloads import stripe_signature_header

WEBHOOK_SECRET = "whsec_test_chonongsan"


@pytest.mark.stripe
def test_a_payment_intent_in_whole_dong_round_trips_to_stripe_mock():
    intent = stripe_client().v1.payment_intents.create(
        params={"amount": 150_000, "currency": CURRENCY, "payment_method_types": ["card"]}
    )

    assert intent.object == "payment_intent"
    assert intent.id.startswith("pi_")
    assert intent.amount == 150_000
    assert intent.currency == "vnd"


def test_a_webhook_signed_with_the_secret_is_accepted():
    payload = json.dumps({"id": "evt_1", "object": "event", "type": "payment_intent.succeeded"})

    event = stripe.Webhook.construct_event(
        payload, stripe_signature_header(payload, WEBHOOK_SECRET), WEBHOOK_SECRET
    )

    assert event.type == "payment_intent.succeeded"


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(
            lambda payload: stripe_signature_header(payload, "whsec_wrong"), id="wrong secret"
        ),
        pytest.param(
            lambda payload: stripe_signature_header(
                payload, WEBHOOK_SECRET, int(time.time()) - 3600
            ),
            id="replayed an hour later",
        ),
    ],
)
def test_a_webhook_with_a_bad_signature_is_refused(header):
    payload = json.dumps({"id": "evt_1", "object": "event", "type": "payment_intent.succeeded"})

    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(payload, header(payload), WEBHOOK_SECRET)
