"""A signed webhook whose fields are not what Stripe documents is refused or read as
unreadable, never a 500, and changes nothing (issue 22, items 32 and 46). Only the
signature is Stripe's here, so these run on the embedded default too."""

import json

import pytest

from orders.models import PartStatus, PaymentMethod
from payments.models import Payment, PaymentStatus, Refund, StripeEvent
from tests.stripe_payloads import event

from .conftest import charge_object, order_of, session_object, signed_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def card_payment(mango, cai_be):
    order = order_of([(mango, "2")], PaymentMethod.CARD, cai_be)
    payment = order.payments.get()
    Payment.objects.filter(pk=payment.pk).update(
        stripe_session_id="cs_test_input", stripe_payment_intent="pi_test_input"
    )
    payment.refresh_from_db()
    return payment


def unchanged(payment):
    payment.refresh_from_db()
    part = payment.order.parts.get()
    return (
        payment.status == PaymentStatus.PENDING
        and not Refund.objects.exists()
        and part.status == PartStatus.AWAITING_PAYMENT
    )


@pytest.mark.parametrize("type_", [["checkout.session.completed"], {"a": 1}, 7, None, True])
def test_an_event_type_that_is_not_a_string_is_refused(client, card_payment, type_):
    payload = json.loads(event("checkout.session.completed", session_object(card_payment)))
    payload["type"] = type_

    response = signed_post(client, json.dumps(payload))

    assert response.status_code == 400
    assert unchanged(card_payment) and not StripeEvent.objects.exists()


@pytest.mark.parametrize("obj", [[], "cs_test_input", 5, None])
def test_an_event_object_that_is_not_a_mapping_is_refused(client, card_payment, obj):
    payload = json.loads(event("checkout.session.completed", {}))
    payload["data"]["object"] = obj

    assert signed_post(client, json.dumps(payload)).status_code == 400
    assert unchanged(card_payment)


@pytest.mark.parametrize("amount", [10**30, 2**63, -1, "240000", 240000.0, True])
def test_an_amount_past_any_column_or_of_another_type_changes_nothing(client, card_payment, amount):
    paid = event("checkout.session.completed", session_object(card_payment, amount_total=amount))
    refunded = event("charge.refunded", charge_object(card_payment, amount_refunded=amount))

    for payload in (paid, refunded):
        response = signed_post(client, payload)
        assert response.status_code == 200 and response.content == b"unreadable"
    assert unchanged(card_payment)


def test_metadata_naming_another_order_is_not_applied_to_this_payment(
    client, card_payment, mango, cai_be
):
    other = order_of([(mango, "1")], PaymentMethod.CARD, cai_be)
    session = session_object(card_payment)
    session["metadata"]["order_id"] = str(other.pk)

    response = signed_post(client, event("checkout.session.completed", session))

    assert response.content == b"unknown order"
    assert unchanged(card_payment)
    assert other.payments.get().status == PaymentStatus.PENDING
