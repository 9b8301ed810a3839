"""Deposits: paid by VietQR (confirmed by the farmer) or card when pre-ordering, the
balance asked once weighed, the difference given back when weighed below it; a harvest
that fails gives every deposit back through the payments ledger; tax withheld on a card
sale and what the marketplace owes the farm follow the weight."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from harvests import harvesting, preorders
from harvests.models import PreOrder
from marketplace.formatting import format_vnd
from notifications.models import Message
from orders.figures import sales
from orders.models import Order, PartStatus, PaymentMethod, PaymentStatus
from orders.services import change_part_status
from payments import ledger
from payments.models import BankAccount, Payment, Refund, RefundStatus
from payments.services import record_card_paid
from payments.transfers import confirm_transfer
from taxes.models import Withholding

from .conftest import announce, preorder_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def account(farm):
    return BankAccount.objects.create(producer=farm, bank_bin="970405",
                                      account_number="1234567890123", account_holder="NGUYEN VAN BA")  # fmt: skip


@pytest.fixture(autouse=True)
def stripe_key(settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_SECRET_KEY or "sk_test_123"


def by(method, announcement, cai_be, quantity="10"):
    order = preorders.place(
        announcement.pk, Decimal(quantity), buyer_name="Bếp ăn Hòa Bình", buyer_phone="+84903000002",
        commune=cai_be, address="1 Ấp Bắc", payment_method=method,
    )  # fmt: skip
    return PreOrder.objects.get(line__part__order=order)


def card_paid(payment, intent):
    return record_card_paid(
        payment, amount=payment.amount_vnd, currency="vnd", payment_intent=intent
    )


def test_a_vietqr_deposit_then_the_weighed_balance_by_transfer(
    client, farmer, mango, cai_be, account
):
    announcement = announce(mango, deposit_percent=20)
    response = client.post(announcement.get_absolute_url(),
                           preorder_data(cai_be, payment_method=PaymentMethod.BANK_TRANSFER))  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    booked = PreOrder.objects.get()
    part = booked.line.part
    deposit = Payment.objects.get(part=part)
    assert (part.status, deposit.amount_vnd, booked.deposit_vnd) == (
        PartStatus.AWAITING_PAYMENT, 200_000, 200_000)  # fmt: skip
    assert Message.objects.filter(text__contains="200.000 ₫", phone="+84903123456").exists()

    confirm_transfer(part, farmer)
    part.refresh_from_db()
    assert (part.status, part.payment_status) == (PartStatus.PREORDERED, PaymentStatus.DEPOSIT_PAID)

    harvesting.confirm(announcement, Decimal("2000"), farmer)
    harvesting.weigh(booked, "10.6", farmer)
    balance = Payment.objects.get(part=part, for_balance=True)
    assert balance.amount_vnd == 860_000 and balance.status == "pending"
    assert Message.objects.filter(text__contains="860.000 ₫", phone="+84903123456").exists()
    page = client.get(part.order.get_absolute_url()).content.decode()
    assert format_vnd(1_060_000) in page and format_vnd(860_000) in page and "10,6 kg" in page

    confirm_transfer(part, farmer)
    part.refresh_from_db()
    assert part.payment_status == PaymentStatus.PAID
    change_part_status(part, PartStatus.DELIVERED, farmer)
    figures = sales(
        timezone.now() - datetime.timedelta(hours=1), timezone.now() + datetime.timedelta(hours=1)
    )
    assert figures["value_vnd"] == 1_060_000


def test_a_card_deposit_the_tax_withheld_and_what_the_farm_is_owed_follow_the_weight(
    farmer, mango, cai_be
):
    announcement = announce(mango, deposit_percent=20)
    booked = by(PaymentMethod.CARD, announcement, cai_be)
    part = booked.line.part
    deposit = Payment.objects.get(order=part.order)
    assert deposit.amount_vnd == 200_000
    assert card_paid(deposit, "pi_deposit") == "paid"
    part.refresh_from_db()
    assert (part.status, part.payment_status) == (PartStatus.PREORDERED, PaymentStatus.DEPOSIT_PAID)
    withheld = Withholding.objects.get(part=part)
    assert withheld.revenue_vnd == 1_000_000

    harvesting.confirm(announcement, Decimal("2000"), farmer)
    harvesting.weigh(booked, "10.6", farmer)

    adjustment = Withholding.objects.get(part=part, reweighed=True)
    assert adjustment.revenue_vnd == 60_000
    assert adjustment.vat_vnd + adjustment.pit_vnd == (
        withheld.vat_vnd + withheld.pit_vnd) * 60_000 // 1_000_000  # fmt: skip
    part.refresh_from_db()
    with pytest.raises(ValidationError):  # the marketplace collects a card order's balance
        change_part_status(part, PartStatus.DELIVERED, farmer)
    balance = Payment.objects.get(order=part.order, for_balance=True)
    assert balance.amount_vnd == 860_000
    assert card_paid(balance, "pi_balance") == "balance paid"
    change_part_status(part, PartStatus.DELIVERED, farmer)

    withheld_total = sum(
        each.vat_vnd + each.pit_vnd for each in Withholding.objects.filter(part=part)
    )
    assert ledger.owed_to(mango.producer) == 1_060_000 - withheld_total


@pytest.mark.parametrize("method", [PaymentMethod.CARD, PaymentMethod.BANK_TRANSFER])
def test_a_failed_harvest_gives_every_deposit_back(farmer, mango, cai_be, account, method):
    announcement = announce(mango, deposit_percent=30)
    booked = by(method, announcement, cai_be)
    part = booked.line.part
    payment = Payment.objects.get(order=part.order)
    if method == PaymentMethod.CARD:
        card_paid(payment, "pi_failed_harvest")
    else:
        confirm_transfer(part, farmer)

    harvesting.confirm(announcement, Decimal("0"), farmer)

    back = Refund.objects.get(part=part)
    assert back.amount_vnd == 300_000
    assert back.status == (
        RefundStatus.OWED if method == PaymentMethod.BANK_TRANSFER else RefundStatus.PENDING
    )


def test_weighed_below_a_full_deposit_the_difference_goes_back_to_the_card(farmer, mango, cai_be):
    announcement = announce(mango, deposit_percent=100)
    booked = by(PaymentMethod.CARD, announcement, cai_be)
    card_paid(Payment.objects.get(order=booked.line.part.order), "pi_full")
    harvesting.confirm(announcement, Decimal("2000"), farmer)

    harvesting.weigh(booked, "9.5", farmer)

    assert list(Refund.objects.values_list("amount_vnd", flat=True)) == [50_000]
    assert not Payment.objects.filter(for_balance=True).exists()
    total, paid, due = harvesting.balance(PreOrder.objects.get(pk=booked.pk))
    assert (total, paid, due) == (950_000, 950_000, 0)


def test_cash_on_delivery_takes_no_deposit_and_a_harvest_without_one_takes_no_card(mango, cai_be):
    announcement = announce(mango, deposit_percent=20)
    booked = by(PaymentMethod.CASH_ON_DELIVERY, announcement, cai_be)
    assert (booked.deposit_vnd, booked.line.part.deposit_vnd) == (0, 0)
    assert not Payment.objects.exists()
    free = announce(mango, deposit_percent=0)
    with pytest.raises(ValidationError):
        by(PaymentMethod.CARD, free, cai_be)
    assert Order.objects.count() == 1
