"""Money paid by bank transfer that must go back (issue 22 items 2, 25, 26, 46): a record
with a state the buyer, the producer and officials all see until the producer records it
sent; holds the producer or an official release; the account a transfer goes to."""

import datetime

import pytest
from django.utils import timezone

from orders.models import PartStatus, PaymentMethod
from orders.models import PaymentStatus as PartPayment
from payments import refunds
from payments.models import BankAccount, Payment, PaymentStatus, Refund, RefundStatus

from .conftest import order_of

pytestmark = pytest.mark.django_db


def paid_by_transfer(client, farmer, order):
    part = order.parts.get()
    client.force_login(farmer)
    client.post(f"/cua-toi/chuyen-khoan/{part.pk}/da-nhan/")
    client.logout()
    return part


def test_a_cancelled_transfer_is_owed_back_until_the_farm_records_it_sent(
    client, farmer, transfer_order, mango
):
    part = paid_by_transfer(client, farmer, transfer_order)
    status_url = transfer_order.get_absolute_url()

    # The buyer is asked to confirm, and for a reason, before anything paid is cancelled.
    confirm = client.get(f"{status_url}huy/").content.decode()
    assert "Hủy đơn" in confirm and "240.000" in confirm and "gửi lại tiền" in confirm
    refused = client.post(f"{status_url}huy/", {"reason": ""})
    assert refused.status_code == 200
    part.refresh_from_db()
    assert part.status == PartStatus.PLACED and not Refund.objects.exists()

    client.post(f"{status_url}huy/", {"reason": "Đặt nhầm số lượng"})

    part.refresh_from_db()
    owed = Refund.objects.get()
    assert part.status == PartStatus.CANCELLED and "Đặt nhầm số lượng" in part.cancel_reason
    assert (owed.status, owed.amount_vnd, owed.part) == (RefundStatus.OWED, 240_000, part)
    payment = Payment.objects.get()
    assert payment.problem_code == refunds.RETURN_OWED and "240.000" in payment.problem
    page = client.get(status_url).content.decode()
    assert "Được hoàn lại cho bạn: 240.000" in page and "Nhà vườn còn nợ" in page

    # The buyer says where the money goes; the holder is stored as the bank prints it.
    client.post(
        f"{status_url}hoan-tien/{owed.pk}/",
        {"bank_bin": "970436", "account_number": "0071 0008 88999", "account_holder": "Lê Thị Mai"},
    )
    owed.refresh_from_db()
    assert (owed.return_account_number, owed.return_account_holder) == (
        "0071000888999",
        "LE THI MAI",
    )

    client.force_login(farmer)
    portal = client.get(f"/cua-toi/don-hang/{part.pk}/").content.decode()
    assert "Cần gửi lại cho người mua: 240.000" in portal and "0071000888999" in portal
    client.post(f"/cua-toi/hoan-tien/{owed.pk}/da-gui/", {"bank_reference": ""})
    assert Refund.objects.get().status == RefundStatus.OWED  # no reference, nothing recorded
    client.post(f"/cua-toi/hoan-tien/{owed.pk}/da-gui/", {"bank_reference": "FT26336123456"})

    owed.refresh_from_db()
    part.refresh_from_db()
    payment.refresh_from_db()
    assert owed.status == RefundStatus.SUCCEEDED and owed.bank_reference == "FT26336123456"
    assert owed.settled_by == farmer and owed.settled_at is not None
    assert part.payment_status == PartPayment.REFUNDED
    assert payment.problem == "" and payment.problem_code == ""
    client.logout()
    assert "FT26336123456" in client.get(status_url).content.decode()


def test_another_farmer_cannot_record_the_money_sent_back(
    client, farmer, other_farmer, transfer_order
):
    paid_by_transfer(client, farmer, transfer_order)
    client.post(f"{transfer_order.get_absolute_url()}huy/", {"reason": "Không cần nữa"})
    owed = Refund.objects.get()
    client.force_login(other_farmer)

    response = client.post(f"/cua-toi/hoan-tien/{owed.pk}/da-gui/", {"bank_reference": "FT1"})

    assert response.status_code == 404
    assert Refund.objects.get().status == RefundStatus.OWED


def test_officials_see_money_owed_back_with_its_age_and_overdue_on_their_home(
    client, farmer, official, transfer_order
):
    paid_by_transfer(client, farmer, transfer_order)
    client.post(f"{transfer_order.get_absolute_url()}huy/", {"reason": "Không cần nữa"})
    Refund.objects.update(created_at=timezone.now() - datetime.timedelta(days=5))
    client.force_login(official)

    listing = client.get("/admin/refunds/?status=owed").content.decode()
    home = client.get("/admin/").content.decode()

    assert "5 ngày" in listing and "Nhà vườn còn nợ" in listing
    assert "Tiền nhà vườn còn nợ người mua, quá hạn" in home
    assert "<strong>1<" in home.split("quá hạn", 1)[1][:200]


def test_money_that_arrives_for_a_cancelled_transfer_is_recorded_and_owed_back(
    client, farmer, transfer_order
):
    """Item 46: the farm could not record a transfer the buyer made after cancelling."""
    client.post(f"{transfer_order.get_absolute_url()}huy/", {"reason": ""})
    assert Payment.objects.get().status == PaymentStatus.CANCELLED
    part = transfer_order.parts.get()
    client.force_login(farmer)

    client.post(f"/cua-toi/chuyen-khoan/{part.pk}/da-nhan/")

    part.refresh_from_db()
    assert Payment.objects.get().status == PaymentStatus.PAID
    assert part.status == PartStatus.CANCELLED and part.payment_status == PartPayment.PAID
    assert Refund.objects.get().status == RefundStatus.OWED


def test_the_farm_releases_a_part_waiting_for_its_transfer(client, farmer, transfer_order, mango):
    """Item 25: a transfer holds the stock two days; the farm could not let it go."""
    part = transfer_order.parts.get()
    client.force_login(farmer)
    assert "Hủy" in client.get(f"/cua-toi/don-hang/{part.pk}/").content.decode()

    client.post(f"/cua-toi/don-hang/{part.pk}/huy/", {"reason": "Người mua không trả lời"})

    part.refresh_from_db()
    mango.refresh_from_db()
    assert part.status == PartStatus.CANCELLED and mango.stock_quantity == 10
    assert Payment.objects.get().status == PaymentStatus.CANCELLED


def test_a_card_hold_is_not_the_farms_to_release(client, farmer, mango, cai_be):
    order = order_of([(mango, "2")], PaymentMethod.CARD, cai_be)
    part = order.parts.get()
    client.force_login(farmer)

    client.post(f"/cua-toi/don-hang/{part.pk}/huy/", {"reason": "Thử"})

    part.refresh_from_db()
    assert part.status == PartStatus.AWAITING_PAYMENT  # the card's hold ends within the hour


def test_an_official_frees_the_stock_an_unpaid_order_holds(client, official, buyer, mango, cai_be):
    order = order_of([(mango, "2")], PaymentMethod.CARD, cai_be)
    client.force_login(buyer)
    assert client.post(
        f"/admin/orders/release/{order.pk}/", {"action": "release", "reason": "Giữ hàng"}
    ).status_code in (302, 403)
    assert order.parts.get().status == PartStatus.AWAITING_PAYMENT
    client.force_login(official)
    assert "Giải phóng hàng" in client.get(f"/admin/orders/inspect/{order.pk}/").content.decode()

    client.post(
        f"/admin/orders/release/{order.pk}/", {"action": "release", "reason": "Giữ hàng không trả"}
    )

    mango.refresh_from_db()
    assert order.parts.get().status == PartStatus.CANCELLED and mango.stock_quantity == 10
    assert Payment.objects.get().status == PaymentStatus.CANCELLED


def test_a_transfer_goes_to_the_account_shown_when_ordering(client, account, transfer_order):
    """Item 26: a changed account redirected money already asked for to the new one."""
    BankAccount.objects.filter(pk=account.pk).update(account_number="9999999999")

    page = client.get(transfer_order.get_absolute_url()).content.decode()

    assert "1234567890123" in page and "9999999999" not in page
    assert "1234567890123" in Payment.objects.get().payee.account_number


def test_the_orders_service_itself_wants_a_reason_to_cancel_what_is_paid(
    client, farmer, transfer_order
):
    from django.core.exceptions import ValidationError

    from orders.services import cancel_by_buyer

    part = paid_by_transfer(client, farmer, transfer_order)

    with pytest.raises(ValidationError):
        cancel_by_buyer(transfer_order, "  ")

    part.refresh_from_db()
    assert part.status == PartStatus.PLACED and not Refund.objects.exists()
