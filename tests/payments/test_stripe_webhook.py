"""Stripe's events, signed with Stripe's real scheme and posted to the project's endpoint;
refunds and Checkout sessions are made on stripe-mock."""

import json
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from catalog.models import ProductStatus
from orders.models import PartStatus, PaymentMethod
from orders.models import PaymentStatus as PartPayment
from payments.models import Payment, PaymentStatus, Refund, RefundStatus, StripeEvent
from tests.stripe_payloads import event

from .conftest import WEBHOOK, charge_object, order_of, session_object, signed_post

pytestmark = [pytest.mark.stripe, pytest.mark.django_db]


@pytest.fixture
def card_order(mango, cai_be):
    order = order_of([(mango, "10")], PaymentMethod.CARD, cai_be)  # the last 10 kg
    payment = order.payments.get()
    payment.stripe_session_id = "cs_test_late"
    payment.stripe_payment_intent = "pi_test_late"
    payment.save()
    return order


def payment_of(order):
    return Payment.objects.get(order=order)


def test_a_card_order_waits_for_its_money_with_the_stock_held(card_order, mango):
    mango.refresh_from_db()
    part = card_order.parts.get()
    assert part.status == PartStatus.AWAITING_PAYMENT
    assert mango.stock_quantity == 0 and mango.status == ProductStatus.SOLD_OUT
    assert payment_of(card_order).amount_vnd == 1_200_000  # whole đồng


def test_completed_marks_the_order_paid_and_tells_the_producer(client, card_order):
    payment = payment_of(card_order)

    response = signed_post(client, event("checkout.session.completed", session_object(payment)))

    assert response.status_code == 200 and response.content == b"paid"
    payment.refresh_from_db()
    part = card_order.parts.get()
    assert payment.status == PaymentStatus.PAID and payment.paid_at
    assert (part.status, part.payment_status) == (PartStatus.PLACED, PartPayment.PAID)
    assert part.producer.notices.filter(message__contains=card_order.code).exists()


def test_the_same_event_twice_is_handled_once(client, card_order):
    payload = event("checkout.session.completed", session_object(payment_of(card_order)), "evt_1")

    first, second = signed_post(client, payload), signed_post(client, payload)

    assert (first.content, second.content) == (b"paid", b"duplicate")
    assert StripeEvent.objects.filter(event_id="evt_1").count() == 1
    assert card_order.parts.get().producer.notices.count() == 1


def test_expired_after_completed_changes_nothing(client, card_order):
    payment = payment_of(card_order)
    signed_post(client, event("checkout.session.completed", session_object(payment)))

    response = signed_post(client, event("checkout.session.expired", session_object(payment)))

    assert response.content == b"ignored: already paid"
    assert card_order.parts.get().status == PartStatus.PLACED


def test_expired_frees_the_stock_and_tells_the_buyer(
    client, card_order, mango, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_post(
            client,
            event(
                "checkout.session.expired", session_object(payment_of(card_order), status="expired")
            ),
        )

    assert response.content == b"expired"
    mango.refresh_from_db()
    assert mango.stock_quantity == 10 and mango.status == ProductStatus.ACTIVE
    assert card_order.parts.get().status == PartStatus.CANCELLED
    assert "Không thanh toán kịp" in mail.outbox[-1].body


def test_a_refused_card_frees_the_stock(client, card_order, mango):
    intent = {
        "id": "pi_test_late",
        "object": "payment_intent",
        "metadata": {"order_id": str(card_order.pk), "payment_id": str(payment_of(card_order).pk)},
        "last_payment_error": {"message": "Your card was declined."},
    }

    response = signed_post(client, event("payment_intent.payment_failed", intent))

    assert response.content == b"failed"
    mango.refresh_from_db()
    assert mango.stock_quantity == 10
    assert payment_of(card_order).status == PaymentStatus.FAILED


def test_an_event_whose_metadata_names_another_order_is_not_applied(
    client, card_order, mango, cai_be
):
    """Issue 22, item 46: a payment id with another order's id is not this order's."""
    from tests.factories import ProductFactory

    other = order_of([(ProductFactory(producer=mango.producer), "1")], PaymentMethod.CARD, cai_be)
    session = session_object(payment_of(card_order))
    session["metadata"] = {"order_id": str(other.pk), "payment_id": str(payment_of(card_order).pk)}

    response = signed_post(client, event("checkout.session.completed", session))

    assert response.content == b"unknown order"
    assert payment_of(card_order).status == PaymentStatus.PENDING
    assert payment_of(other).status == PaymentStatus.PENDING


def test_the_late_payment_race_ends_refunded_never_half_done(
    client, card_order, mango, cai_be, django_capture_on_commit_callbacks
):
    """A slow card payment completes after its hold ended and the last unit was sold."""
    Payment.objects.filter(pk=payment_of(card_order).pk).update(
        expires_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    call_command("settle_payments")  # the hold ends: the 10 kg are on sale again
    rival = order_of([(mango, "10")], PaymentMethod.CASH_ON_DELIVERY, cai_be)  # and sold
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_post(
            client, event("checkout.session.completed", session_object(payment_of(card_order)))
        )

    assert response.content == b"paid after the hold ended; refunded in full"
    payment = payment_of(card_order)
    refund = Refund.objects.get(payment=payment)
    assert refund.amount_vnd == 1_200_000 and refund.status == RefundStatus.SUCCEEDED
    assert refund.stripe_refund_id.startswith("re_")  # made on stripe-mock
    part = card_order.parts.get()
    assert (part.status, part.payment_status) == (PartStatus.CANCELLED, PartPayment.REFUNDED)
    assert rival.parts.get().status == PartStatus.PLACED
    mango.refresh_from_db()
    assert mango.stock_quantity == 0  # sold once, to the rival
    assert "hoàn lại" in mail.outbox[-1].body and "1.200.000" in mail.outbox[-1].body


def test_a_late_payment_takes_the_order_back_when_the_stock_is_still_there(
    client, card_order, mango
):
    Payment.objects.filter(pk=payment_of(card_order).pk).update(
        expires_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    call_command("settle_payments")

    response = signed_post(
        client, event("checkout.session.completed", session_object(payment_of(card_order)))
    )

    assert response.content == b"paid after the hold ended; the stock was still there"
    assert card_order.parts.get().status == PartStatus.PLACED
    assert not Refund.objects.exists()
    mango.refresh_from_db()
    assert mango.stock_quantity == 0


@pytest.mark.parametrize(
    "overrides",
    [{"amount_total": 12_000}, {"amount_total": 120_000_000}, {"currency": "usd"}],
    ids=["100 times less", "100 times more", "another currency"],
)
def test_an_amount_or_currency_that_does_not_match_is_flagged_not_paid(
    client, card_order, overrides, django_capture_on_commit_callbacks, settings
):
    settings.ADMINS = [("Quản trị", "quantri@example.vn")]
    payment = payment_of(card_order)

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_post(
            client, event("checkout.session.completed", session_object(payment, **overrides))
        )

    assert response.status_code == 200 and response.content.startswith(b"flagged")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING and not payment.paid_at
    assert payment.problem
    assert card_order.parts.get().status == PartStatus.AWAITING_PAYMENT
    assert any(card_order.code in message.subject for message in mail.outbox)  # to admins


def test_refund_totals_arriving_out_of_order_keep_the_largest(client, card_order):
    payment = payment_of(card_order)
    signed_post(client, event("checkout.session.completed", session_object(payment)))

    signed_post(client, event("charge.refunded", charge_object(payment, 500_000)))
    signed_post(client, event("charge.refunded", charge_object(payment, 200_000)))  # older

    payment.refresh_from_db()
    assert payment.refunded_vnd == 500_000
    assert Refund.objects.get(payment=payment).amount_vnd == 500_000  # made in Stripe's dashboard


def test_an_event_for_no_known_order_is_answered_and_logged(client, db, caplog):
    obj = {"id": "cs_test_other_shop", "object": "checkout.session", "metadata": {},
           "payment_status": "paid", "amount_total": 1, "currency": "vnd"}  # fmt: skip

    response = signed_post(client, event("checkout.session.completed", obj))

    assert (response.status_code, response.content) == (200, b"unknown order")
    assert "no known order" in caplog.text


def test_other_event_types_are_answered_and_ignored(client, card_order):
    response = signed_post(client, event("customer.created", {"id": "cus_1"}))

    assert (response.status_code, response.content) == (200, b"ignored")
    assert not StripeEvent.objects.exists()


@pytest.mark.parametrize(
    "sign",
    [
        pytest.param(lambda payload: "", id="no signature"),
        pytest.param(lambda payload: "t=1,v1=abc", id="garbage"),
        pytest.param(lambda payload: signed(payload, "whsec_wrong"), id="wrong secret"),
        pytest.param(
            lambda payload: signed(payload, timestamp=int(time.time()) - 600), id="replayed"
        ),
    ],
)
def test_a_badly_signed_event_is_refused_and_changes_nothing(client, card_order, sign):
    payload = event("checkout.session.completed", session_object(payment_of(card_order)))

    response = client.post(
        WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(payload)
    )

    assert response.status_code == 400
    assert payment_of(card_order).status == PaymentStatus.PENDING
    assert not StripeEvent.objects.exists()


def signed(payload, secret=None, timestamp=None):
    from tests.stripe_payloads import stripe_signature_header

    from .conftest import WEBHOOK_SECRET

    return stripe_signature_header(payload, secret or WEBHOOK_SECRET, timestamp)


def test_get_is_not_allowed(client, db):
    assert client.get(WEBHOOK).status_code == 405


def test_a_signed_payload_that_is_not_an_event_is_refused(client, db):
    assert signed_post(client, json.dumps({"hello": "world"})).status_code == 400
    assert signed_post(client, "not json").status_code == 400


def test_signed_events_with_hostile_values_never_fail_the_endpoint(client, card_order):
    from hypothesis import given
    from hypothesis import strategies as st

    from tests.hostile.values import TROUBLEMAKERS, fuzz

    payment = payment_of(card_order)
    odd = st.one_of(
        st.sampled_from(TROUBLEMAKERS), st.none(), st.integers(), st.lists(st.integers()),
        st.dictionaries(st.text(max_size=5), st.text(max_size=5)),
    )  # fmt: skip

    @fuzz
    @given(
        kind=st.sampled_from(["checkout.session.completed", "checkout.session.expired",
                              "payment_intent.payment_failed", "charge.refunded"]),
        field=st.sampled_from(["id", "amount_total", "currency", "payment_status",
                               "payment_intent", "amount_refunded", "metadata", "object"]),
        value=odd,
    )  # fmt: skip
    def check(kind, field, value):
        obj = {**session_object(payment), "amount_refunded": 0, field: value}
        if field == "metadata" and isinstance(value, dict):
            obj["metadata"] = {"payment_id": value.get("", "")}
        response = signed_post(client, event(kind, obj))
        assert response.status_code < 500, (kind, field, value)

    check()
    payment.refresh_from_db()
    assert payment.status in (PaymentStatus.PENDING, PaymentStatus.PAID, PaymentStatus.EXPIRED,
                              PaymentStatus.FAILED)  # fmt: skip


def test_a_second_payment_for_a_paid_order_is_flagged(client, card_order, settings):
    settings.ADMINS = [("Quản trị", "quantri@example.vn")]
    payment = payment_of(card_order)
    signed_post(client, event("checkout.session.completed", session_object(payment)))

    response = signed_post(
        client,
        event("checkout.session.completed", session_object(payment, payment_intent="pi_other")),
    )

    assert response.content.startswith(b"flagged")
    payment.refresh_from_db()
    assert "pi_other" in payment.problem and payment.status == PaymentStatus.PAID


def test_without_a_webhook_secret_nothing_is_read(client, card_order, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    payload = event("checkout.session.completed", session_object(payment_of(card_order)))

    assert signed_post(client, payload, secret="").status_code == 400
    assert payment_of(card_order).status == PaymentStatus.PENDING


def test_a_payment_after_the_buyer_cancelled_is_refunded_and_said_so(
    client, card_order, django_capture_on_commit_callbacks
):
    client.post(f"/don-hang/{card_order.code}/{card_order.secret}/huy/")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_post(
            client, event("checkout.session.completed", session_object(payment_of(card_order)))
        )

    assert response.content == b"paid after the hold ended; refunded in full"
    assert Refund.objects.get().amount_vnd == 1_200_000
    assert "Bạn đã hủy đơn hàng" in mail.outbox[-1].body
