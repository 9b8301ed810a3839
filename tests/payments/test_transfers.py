"""Bank transfers by VietQR: offered when every producer has an account, confirmed by the
producer, and expired (the stock freed) when the money does not come."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from orders.models import PartStatus
from orders.models import PaymentStatus as PartPayment
from payments.models import BankAccount, Payment, PaymentStatus
from tests.orders.conftest import checkout_data, put

pytestmark = pytest.mark.django_db


def test_transfer_is_offered_only_when_every_producer_has_an_account(
    client, account, mango, pomelo, cai_be
):
    put(client, mango, "1")
    page = client.get("/thanh-toan/").content.decode()
    assert 'value="bank_transfer"' in page

    put(client, pomelo, "2")  # the other farm has no account
    page = client.get("/thanh-toan/").content.decode()
    assert 'value="bank_transfer"' not in page
    response = client.post("/thanh-toan/", checkout_data(cai_be, payment_method="bank_transfer"))
    assert (
        response.status_code == 200
        and "Hãy chọn một trong các cách thanh toán" in response.content.decode()
    )
    assert not Payment.objects.exists()


def test_the_buyer_gets_a_vietqr_code_with_the_amount_and_order_code(
    client, account, mango, cai_be
):
    put(client, mango, "2")

    response = client.post(
        "/thanh-toan/", checkout_data(cai_be, payment_method="bank_transfer"), follow=True
    )

    page = response.content.decode()
    payment = Payment.objects.get()
    assert payment.amount_vnd == 240_000 and payment.part.status == PartStatus.AWAITING_PAYMENT
    assert "<svg" in page and "1234567890123" in page and payment.order.code in page
    assert "240.000" in page


def test_the_producer_confirms_the_transfer_and_the_order_goes_ahead(
    client, farmer, transfer_order
):
    part = transfer_order.parts.get()
    client.force_login(farmer)

    page = client.get(f"/cua-toi/don-hang/{part.pk}/").content.decode()
    assert "Tiền đã vào tài khoản của tôi" in page
    client.post(f"/cua-toi/chuyen-khoan/{part.pk}/da-nhan/")

    part.refresh_from_db()
    assert (part.status, part.payment_status) == (PartStatus.PLACED, PartPayment.PAID)
    assert Payment.objects.get().confirmed_by == farmer


def test_another_farmer_cannot_confirm(client, other_farmer, transfer_order):
    part = transfer_order.parts.get()
    client.force_login(other_farmer)

    assert client.post(f"/cua-toi/chuyen-khoan/{part.pk}/da-nhan/").status_code == 404
    assert Payment.objects.get().status == PaymentStatus.PENDING


def test_an_unconfirmed_transfer_expires_and_frees_the_stock(transfer_order, mango):
    Payment.objects.update(expires_at=timezone.now() - timezone.timedelta(seconds=1))

    call_command("settle_payments")

    mango.refresh_from_db()
    assert mango.stock_quantity == 10
    assert transfer_order.parts.get().status == PartStatus.CANCELLED
    assert Payment.objects.get().status == PaymentStatus.EXPIRED


def test_a_late_confirmation_takes_the_order_back_when_the_stock_is_there(
    client, farmer, transfer_order
):
    Payment.objects.update(expires_at=timezone.now() - timezone.timedelta(seconds=1))
    call_command("settle_payments")
    client.force_login(farmer)
    part = transfer_order.parts.get()

    client.post(f"/cua-toi/chuyen-khoan/{part.pk}/da-nhan/")

    part.refresh_from_db()
    assert part.status == PartStatus.PLACED


@pytest.mark.parametrize(
    "number, error",
    [
        ("12345ABC90", "6 đến 19 chữ số"),
        ("１２３４５６７８", "6 đến 19 chữ số"),  # full-width digits
        ("123", "6 đến 19 chữ số"),
        ("1" * 40, "19"),
    ],
)
def test_an_account_number_with_letters_is_refused(client, farmer, farm, number, error):
    client.force_login(farmer)

    response = client.post(
        f"/cua-toi/nha-san-xuat/{farm.pk}/ngan-hang/",
        {"bank_bin": "970405", "account_number": number, "account_holder": "Nguyễn Văn Ba"},
    )

    assert response.status_code == 200 and error in response.content.decode()
    assert not BankAccount.objects.exists()


def test_the_producer_saves_an_account_with_spaces_in_the_number(client, farmer, farm):
    client.force_login(farmer)

    client.post(
        f"/cua-toi/nha-san-xuat/{farm.pk}/ngan-hang/",
        {
            "bank_bin": "970405",
            "account_number": "1234 5678 90123",
            "account_holder": "Nguyễn Văn Ba",
        },
    )

    account = BankAccount.objects.get()
    assert (account.account_number, account.account_holder) == ("1234567890123", "NGUYEN VAN BA")


def test_the_buyer_is_emailed_the_transfer_details(
    client, account, mango, cai_be, django_capture_on_commit_callbacks
):
    put(client, mango, "2")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/thanh-toan/", checkout_data(cai_be, payment_method="bank_transfer"))

    message = next(
        m for m in mail.outbox if m.to == ["mai@example.vn"] and "1234567890123" in m.body
    )
    assert "240.000" in message.body and Payment.objects.get().order.code in message.body
    assert message.attachments or message.alternatives  # the VietQR picture


def test_each_farms_code_asks_for_that_farms_part_not_the_whole_order(
    client, account, other_farm, mango, pomelo, cai_be
):
    """Item 41: with the order's total in the code, a two-farm buyer pays everything twice.
    The page's picture is the code of the payload read here, field by field."""
    from payments import vietqr

    from .test_vietqr import crc16_ccitt_false, fields

    other_account = BankAccount.objects.create(
        producer=other_farm, bank_bin="970436", account_number="0071000888999",
        account_holder="TRAN THI HIEN",
    )  # fmt: skip
    put(client, mango, "2")  # 240.000 ₫
    put(client, pomelo, "3")  # 180.000 ₫
    response = client.post(
        "/thanh-toan/", checkout_data(cai_be, payment_method="bank_transfer"), follow=True
    )
    page = response.content.decode()

    accounts = {account.producer_id: account, other_account.producer_id: other_account}
    payments = Payment.objects.select_related("part", "order")
    assert {payment.amount_vnd for payment in payments} == {240_000, 180_000}
    for payment in payments:
        bank = accounts[payment.part.producer_id]
        text = vietqr.for_transfer(payment)
        layout = fields(text)
        assert layout["54"] == str(payment.part.total_vnd) != str(payment.order.total_vnd)
        assert bank.account_number in layout["38"] and bank.bank_bin in layout["38"]
        assert payment.order.code in layout["62"]
        assert crc16_ccitt_false(text[:-4]) == layout["63"]
        assert vietqr.svg(text) in page  # the code shown is this one


def test_without_card_payment_the_card_sales_section_is_not_shown(client, farmer, farm, settings):
    """Issue 22, item 13: "what the marketplace owes you" for card sales, with no card."""
    settings.STRIPE_SECRET_KEY = ""
    client.force_login(farmer)

    page = client.get(f"/cua-toi/nha-san-xuat/{farm.pk}/ngan-hang/").content.decode()

    assert "Bán qua thẻ" not in page and "Tài khoản ngân hàng nhận chuyển khoản" in page


def test_the_cart_names_the_ways_to_pay_and_why_transfer_is_not_one(client, account, mango, pomelo):
    """Issue 22, item 8: the cart said "cash on delivery" whatever was offered, and not why
    a transfer was not."""
    put(client, mango, "1")
    alone = client.get("/gio-hang/").content.decode()
    put(client, pomelo, "2")  # the other farm has no account

    both = client.get("/gio-hang/").content.decode()

    assert "Chuyển khoản ngân hàng (VietQR)" in alone.split("Cách thanh toán", 1)[1][:300]
    assert "Chuyển khoản ngân hàng (VietQR)" not in both.split("Cách thanh toán", 1)[1][:120]
    assert "Chưa thể chuyển khoản cho Vườn bưởi Tư Hiền" in both


def test_the_buyer_is_texted_where_to_transfer_and_by_when(
    account, mango, cai_be, sms_outbox, django_capture_on_commit_callbacks
):
    from .conftest import order_of

    with django_capture_on_commit_callbacks(execute=True):
        order = order_of([(mango, "2")], "bank_transfer", cai_be)

    texts = [text for phone, text in sms_outbox if phone == order.buyer_phone]
    transfer = next(text for text in texts if "1234567890123" in text)
    assert order.code in transfer and "240.000 d" in transfer and "NGUYEN VAN BA" in transfer
    deadline = timezone.localtime(order.payments.get().expires_at).strftime("%d/%m")
    assert deadline in transfer
