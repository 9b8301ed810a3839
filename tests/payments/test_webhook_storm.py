"""Stripe's deliveries at their worst, on PostgreSQL, through the project's endpoint:
for each of several card orders, "completed" replayed ten times and "expired" ten
times, in a shuffled order, from several connections at once, mixed with copies
signed with the wrong secret. Every order ends in one correct state: paid, placed,
its stock taken once, one notice, no refund."""

import random

import pytest
from django.test import Client

from orders.models import PartStatus, PaymentMethod
from payments.models import Payment, PaymentStatus, StripeEvent
from tests.factories import ProductFactory
from tests.racing import race
from tests.stripe_payloads import event

from .conftest import WEBHOOK_SECRET, order_of, session_object, signed_post

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ORDERS, REPLAYS, SENDERS = 4, 10, 8


def test_replayed_out_of_order_and_forged_webhooks_leave_one_state_per_order(
    settings, farm, cai_be
):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    orders, deliveries = [], []
    for number in range(ORDERS):
        mango = ProductFactory(producer=farm, stock_quantity="3", min_order_quantity="1")
        order = order_of([(mango, "3")], PaymentMethod.CARD, cai_be)
        payment = Payment.objects.get(order=order)
        completed = event(
            "checkout.session.completed", session_object(payment), f"evt_paid_{number}"
        )
        expired = event(
            "checkout.session.expired",
            session_object(payment, status="expired", payment_status="unpaid"),
            f"evt_expired_{number}",
        )
        deliveries += [(completed, WEBHOOK_SECRET)] * REPLAYS + [
            (expired, WEBHOOK_SECRET)
        ] * REPLAYS
        deliveries += [(completed, "whsec_forged"), (expired, "whsec_forged")] * 2
        orders.append((order, mango))
    random.Random(7).shuffle(deliveries)

    def sender(number):
        client = Client()
        return [
            (secret, signed_post(client, payload, secret).status_code)
            for payload, secret in deliveries[number::SENDERS]
        ]

    outcomes = race([lambda n=n: sender(n) for n in range(SENDERS)])

    answers = [answer for _, sent in outcomes for answer in sent]
    assert {code for secret, code in answers if secret == "whsec_forged"} == {400}
    assert {code for secret, code in answers if secret == WEBHOOK_SECRET} == {200}
    assert StripeEvent.objects.count() == 2 * ORDERS  # each event handled once
    for order, mango in orders:
        payment = Payment.objects.get(order=order)
        part = order.parts.get()
        mango.refresh_from_db()
        assert payment.status == PaymentStatus.PAID, order.code
        assert part.status == PartStatus.PLACED, order.code
        assert mango.stock_quantity == 0  # taken once
        assert not payment.refunds.exists()
        assert farm.notices.filter(message__contains=order.code).count() == 1
