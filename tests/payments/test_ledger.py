"""Money rules pinned down on the embedded default, without Stripe (issue 22, item 40): a
late payment goes back whole, delivery fee included; what producers are owed counts the
delivery fee and subtracts refunds and payouts."""

from decimal import Decimal

import pytest
from django.utils import timezone

from orders.cart import CartLine
from orders.models import DeliveryMethod, DeliverySettings, PartStatus, PaymentMethod
from orders.services import change_part_status, place_order
from payments import services
from payments.models import Payment, PaymentStatus, Payout, Refund

pytestmark = pytest.mark.django_db


@pytest.fixture
def couriered(mango, cai_be):
    """A card order of 2 kg sent by courier: 240.000 ₫ and a 30.000 ₫ fee."""
    DeliverySettings.objects.create(
        producer=mango.producer, courier=True, courier_fee_3kg_vnd=30_000
    )
    order = place_order(
        [CartLine(mango, Decimal("2"), mango.price_vnd)],
        deliveries={mango.producer_id: DeliveryMethod.COURIER},
        buyer_name="Lê Thị Mai", buyer_phone="+84903123456", buyer_email="mai@example.vn",
        commune=cai_be, address="12 Ấp Bắc", payment_method=PaymentMethod.CARD,
    )  # fmt: skip
    part = order.parts.get()
    assert (part.subtotal_vnd, part.delivery_fee_vnd, part.total_vnd) == (240_000, 30_000, 270_000)
    return order


def pay(payment):
    return services.record_card_paid(
        payment, amount=payment.amount_vnd, currency="vnd", payment_intent="pi_test_ledger"
    )


def test_a_late_payment_after_a_cancel_goes_back_whole_delivery_fee_included(couriered):
    payment = couriered.payments.get()
    services.record_lapsed(payment, PaymentStatus.CANCELLED, "Người mua hủy")

    assert pay(payment) == "paid after the hold ended; refunded in full"

    refund = Refund.objects.get()
    assert refund.amount_vnd == 270_000 == payment.amount_vnd


def test_owed_counts_the_delivery_fee_less_refunds_and_payouts(couriered, farm, farmer):
    payment = couriered.payments.get()
    pay(payment)
    part = couriered.parts.get()
    for status in (PartStatus.CONFIRMED, PartStatus.DELIVERED):
        change_part_status(part, status, farmer)
    Refund.objects.create(payment=payment, part=part, amount_vnd=20_000, reason="Dập 1 trái")
    Payout.objects.create(
        producer=farm, amount_vnd=100_000, paid_on=timezone.localdate(), bank_reference="FT1"
    )

    ledger = services.owed_to_producers().get(pk=farm.pk)

    assert (ledger.earned_gross, ledger.refunded) == (270_000, 20_000)
    assert (ledger.earned, ledger.paid_out, ledger.owed) == (250_000, 100_000, 150_000)


def test_nothing_is_owed_for_a_card_part_not_yet_delivered(couriered, farm):
    pay(couriered.payments.get())

    assert services.owed_to_producers().get(pk=farm.pk).owed == 0
    assert Payment.objects.get().status == PaymentStatus.PAID
