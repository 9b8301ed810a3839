"""On PostgreSQL, each with its own connection: Stripe's "paid" and the expiry command hit the
same order at once (and the same event twice); the payment row lock makes them take turns,
and the order ends in one consistent state every time."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from orders.models import PartStatus, PaymentMethod
from payments import refunds, services
from payments.models import Payment, PaymentStatus, StripeEvent
from tests.factories import ProductFactory
from tests.stripe_payloads import event

from .conftest import order_of, session_object, signed_post

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ROUNDS = 8


def at_once(*jobs):
    barrier, errors = threading.Barrier(len(jobs)), []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_paid_and_expired_at_once_end_in_one_state(client, settings, farm, cai_be):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_chonongsan"
    for _ in range(ROUNDS):
        mango = ProductFactory(producer=farm, stock_quantity="3", min_order_quantity="1")
        order = order_of([(mango, "3")], PaymentMethod.CARD, cai_be)
        payment = Payment.objects.get(order=order)
        Payment.objects.filter(pk=payment.pk).update(
            expires_at=timezone.now(), stripe_payment_intent="pi_test_race"
        )
        payload = event("checkout.session.completed", session_object(payment))

        at_once(lambda payload=payload: signed_post(client, payload), services.expire_due)

        payment.refresh_from_db()
        part = order.parts.get()
        mango.refresh_from_db()
        assert payment.status == PaymentStatus.PAID
        # Either the money came first (the order stands, the stock taken once), or the hold
        # ended first and the money took the order back with the stock still there.
        assert part.status == PartStatus.PLACED and mango.stock_quantity == 0
        assert not payment.refunds.exists()


def test_the_same_event_delivered_twice_at_once_is_handled_once(client, settings, farm, cai_be):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_chonongsan"
    mango = ProductFactory(producer=farm, stock_quantity="3", min_order_quantity="1")
    order = order_of([(mango, "3")], PaymentMethod.CARD, cai_be)
    payment = Payment.objects.get(order=order)
    payload = event("checkout.session.completed", session_object(payment), "evt_twice")
    answers = []

    at_once(*[lambda: answers.append(signed_post(client, payload).content)] * 2)

    assert sorted(answers) == [b"duplicate", b"paid"]
    assert StripeEvent.objects.filter(event_id="evt_twice").count() == 1
    assert farm.notices.filter(message__contains=order.code).count() == 1


def _refunded(payment):
    from payments.models import RefundStatus

    failed = payment.refunds.filter(status=RefundStatus.FAILED)
    return sum(refund.amount_vnd for refund in payment.refunds.exclude(pk__in=failed))


def test_a_buyer_cancelling_as_the_money_arrives_never_deadlocks(client, settings, farm, cai_be):
    """Item 31: the cancel locked parts then the payment, "paid" the payment then parts."""
    from orders.services import cancel_by_buyer

    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_chonongsan"
    for _ in range(ROUNDS):
        mango = ProductFactory(producer=farm, stock_quantity="3", min_order_quantity="1")
        order = order_of([(mango, "3")], PaymentMethod.CARD, cai_be)
        payment = Payment.objects.get(order=order)
        payload = event("checkout.session.completed", session_object(payment))

        at_once(lambda payload=payload: signed_post(client, payload),
                lambda order=order: cancel_by_buyer(order, "Đổi ý"))  # fmt: skip

        payment.refresh_from_db()
        mango.refresh_from_db()
        # Paid then cancelled, or cancelled then paid late: either way all of it goes back.
        assert order.parts.get().status == PartStatus.CANCELLED
        assert _refunded(payment) == payment.amount_vnd and mango.stock_quantity == 3


def test_an_official_refunding_as_the_buyer_cancels_refunds_once(client, farm, cai_be, admin_user):
    from django.core.exceptions import ValidationError

    from orders.services import cancel_by_buyer
    from tests.racing import race

    for _ in range(ROUNDS):
        mango = ProductFactory(producer=farm, stock_quantity="3", min_order_quantity="1")
        order = order_of([(mango, "3")], PaymentMethod.CARD, cai_be)
        payment = Payment.objects.get(order=order)
        services.record_card_paid(
            payment, amount=payment.amount_vnd, currency="vnd", payment_intent="pi_test_both"
        )

        race(
            [lambda p=payment: refunds.refund(p, reason="Hết hàng", actor=admin_user),
             lambda o=order: cancel_by_buyer(o, "Đổi ý")],
            refused=(ValidationError,),
        )  # fmt: skip

        assert _refunded(payment) == payment.amount_vnd  # once, not twice
        assert order.parts.get().status == PartStatus.CANCELLED
