"""Checkout by card through the project's views onto stripe-mock; refunds from the admin
(whole order or one producer's part, with the stock returned); what producers are owed."""

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from catalog.models import ProductStatus
from orders.models import PartStatus, PaymentMethod
from orders.models import PaymentStatus as PartPayment
from orders.services import change_part_status
from payments import ledger, refunds, stripe_api
from payments.models import Payment, Payout, Refund, RefundStatus
from tests.orders.conftest import checkout_data, put
from tests.stripe_payloads import event

from .conftest import order_of, session_object, signed_post

pytestmark = [pytest.mark.stripe, pytest.mark.django_db]


def test_checkout_by_card_opens_a_stripe_session_in_whole_dong(client, mango, cai_be, monkeypatch):
    sent = []
    real_client = stripe_api.stripe_client

    def recording_client():
        client = real_client()
        create = client.v1.checkout.sessions.create
        monkeypatch.setattr(
            client.v1.checkout.sessions,
            "create",
            lambda params, options: sent.append((params, options)) or create(params, options),
        )
        return client

    monkeypatch.setattr(stripe_api, "stripe_client", recording_client)
    put(client, mango, "1,5")

    response = client.post("/thanh-toan/", checkout_data(cai_be, payment_method="card"))

    [(params, options)] = sent
    [line] = params["line_items"]
    assert line["price_data"]["unit_amount"] == 180_000 and line["price_data"]["currency"] == "vnd"
    assert params["metadata"]["order_id"] and options["idempotency_key"].startswith("checkout-")

    payment = Payment.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith("https://checkout.stripe.com/")
    assert payment.amount_vnd == 180_000  # not 18.000.000: đồng are not ×100
    assert payment.stripe_session_id.startswith("cs_")  # answered by stripe-mock
    hold = (payment.expires_at - timezone.now()).total_seconds() / 60
    assert 31 < hold <= 35
    assert payment.order.parts.get().status == PartStatus.AWAITING_PAYMENT


def test_card_is_not_offered_without_a_stripe_key(client, settings, mango, cai_be):
    settings.STRIPE_SECRET_KEY = ""
    put(client, mango, "1")

    assert 'value="card"' not in client.get("/thanh-toan/").content.decode()
    response = client.post("/thanh-toan/", checkout_data(cai_be, payment_method="card"))
    assert response.status_code == 200 and not Payment.objects.exists()


def test_stripe_down_keeps_the_order_and_says_so(client, settings, mango, cai_be):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens
    put(client, mango, "1")

    response = client.post(
        "/thanh-toan/", checkout_data(cai_be, payment_method="card"), follow=True
    )

    page = response.content.decode()
    assert response.status_code == 200 and "Hiện chưa thanh toán bằng thẻ được" in page
    assert "Thanh toán bằng thẻ" in page  # the button to try again
    assert Payment.objects.get().order.parts.get().status == PartStatus.AWAITING_PAYMENT


@pytest.fixture
def paid_order(client, mango, pomelo, cai_be):
    order = order_of([(mango, "2"), (pomelo, "4")], PaymentMethod.CARD, cai_be)
    payment = order.payments.get()
    payment.stripe_payment_intent = "pi_test_paid"
    payment.save()
    signed_post(client, event("checkout.session.completed", session_object(payment)))
    return order


@pytest.fixture
def refunder(official):
    official.user_permissions.add(Permission.objects.get(codename="add_refund"))
    return official


def test_an_official_refunds_one_producers_part_and_its_stock_returns(
    client, refunder, paid_order, mango, farm, django_capture_on_commit_callbacks
):
    payment = paid_order.payments.get()
    part = paid_order.parts.get(producer=farm)
    client.force_login(refunder)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/payments/{payment.pk}/refund/", {"part": part.pk, "reason": "Hết xoài"}
        )

    assert response.status_code == 302
    refund = Refund.objects.get()
    assert (refund.amount_vnd, refund.status) == (240_000, RefundStatus.SUCCEEDED)
    assert refund.stripe_refund_id.startswith("re_")
    part.refresh_from_db()
    assert (part.status, part.payment_status) == (PartStatus.CANCELLED, PartPayment.REFUNDED)
    mango.refresh_from_db()
    assert mango.stock_quantity == 10 and mango.status == ProductStatus.ACTIVE
    other = paid_order.parts.exclude(producer=farm).get()
    assert other.status == PartStatus.PLACED  # the other producer's part goes on


def test_a_whole_order_refund_cancels_every_part(
    client, refunder, paid_order, django_capture_on_commit_callbacks
):
    payment = paid_order.payments.get()
    client.force_login(refunder)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/payments/{payment.pk}/refund/", {"part": 0, "reason": "Mưa bão"})

    assert sum(refund.amount_vnd for refund in Refund.objects.all()) == payment.amount_vnd
    assert set(paid_order.parts.values_list("status", flat=True)) == {PartStatus.CANCELLED}
    assert refunds.refundable(payment) == 0


@pytest.mark.parametrize("amount", ["240001", "0", "-5", "99999999999999999999", "１０"])
def test_a_refund_larger_than_paid_or_odd_is_refused(client, refunder, paid_order, farm, amount):
    payment = paid_order.payments.get()
    part = paid_order.parts.get(producer=farm)
    client.force_login(refunder)

    response = client.post(
        f"/admin/payments/{payment.pk}/refund/",
        {"part": part.pk, "amount": amount, "reason": "Thử"},
    )

    assert response.status_code == 200
    assert not Refund.objects.exists()
    part.refresh_from_db()
    assert part.status == PartStatus.PLACED


def test_an_official_without_the_permission_cannot_refund(client, official, paid_order):
    payment = paid_order.payments.get()
    client.force_login(official)

    response = client.post(f"/admin/payments/{payment.pk}/refund/", {"part": 0, "reason": "x"})

    assert response.status_code in (302, 403) and not Refund.objects.exists()


def test_a_producer_cancelling_a_paid_part_refunds_it(
    paid_order, farm, farmer, django_capture_on_commit_callbacks
):
    part = paid_order.parts.get(producer=farm)

    with django_capture_on_commit_callbacks(execute=True):
        change_part_status(part, PartStatus.CANCELLED, farmer, "Xoài bị dập")

    refund = Refund.objects.get()
    assert (refund.part, refund.amount_vnd, refund.reason) == (part, 240_000, "Xoài bị dập")
    assert refund.status == RefundStatus.SUCCEEDED


def test_what_a_producer_is_owed_once_delivered_less_payouts(
    client, paid_order, farm, farmer, official
):
    part = paid_order.parts.get(producer=farm)
    for status in (PartStatus.CONFIRMED, PartStatus.DELIVERED):
        change_part_status(part, status, farmer)
    Payout.objects.create(
        producer=farm, amount_vnd=100_000, paid_on=timezone.localdate(), bank_reference="FT123"
    )

    balance = ledger.owed_to_producers().get(pk=farm.pk)

    # Less the tax withheld on the card sale (taxes): 1 % + 0,5 % of 240.000 ₫.
    assert (balance.earned, balance.withheld, balance.paid_out) == (240_000, 3_600, 100_000)
    assert balance.owed == 140_000 - 3_600
    client.force_login(farmer)
    page = client.get(f"/cua-toi/nha-san-xuat/{farm.pk}/ngan-hang/").content.decode()
    assert "136.400" in page and "3.600" in page and "FT123" in page
    client.force_login(official)
    response = client.get("/admin/owed-to-producers/?export=csv")
    csv = b"".join(response.streaming_content).decode()
    assert farm.display_name in csv and "136400" in csv
    other = paid_order.parts.exclude(producer=farm).get()
    assert other.producer.display_name not in csv  # not delivered yet: nothing owed


def test_an_official_with_the_permission_records_a_payout(client, official, farm):
    official.user_permissions.add(Permission.objects.get(codename="add_payout"))
    client.force_login(official)

    response = client.post(
        "/admin/payouts/new/",
        {"producer": farm.pk, "amount_vnd": "150.000", "paid_on": "2026-11-20",
         "bank_reference": "FT26324", "reason": "Tạm ứng"},  # owed nothing yet: a reason
    )  # fmt: skip

    assert response.status_code == 302
    payout = Payout.objects.get()
    assert (payout.amount_vnd, payout.recorded_by) == (150_000, official)


def test_nobody_adds_or_deletes_payments_by_hand(client, paid_order):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
    payment = paid_order.payments.get()

    assert client.get("/admin/payments/new/").status_code in (302, 403)
    assert client.post(f"/admin/payments/delete/{payment.pk}/").status_code in (302, 403)
    assert Payment.objects.filter(pk=payment.pk).exists()
    assert "Thêm thanh toán" not in client.get("/admin/payments/").content.decode()


def test_a_buyer_giving_up_frees_the_stock_and_closes_the_stripe_page(
    client, mango, cai_be, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    expired = []
    real_expire = stripe_api.expire_checkout_session
    monkeypatch.setattr(
        stripe_api,
        "expire_checkout_session",
        lambda session_id: expired.append(session_id) or real_expire(session_id),
    )
    put(client, mango, "2")
    client.post("/thanh-toan/", checkout_data(cai_be, payment_method="card"))
    order = Payment.objects.get().order

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/don-hang/{order.code}/{order.secret}/huy/")

    assert expired == [Payment.objects.get().stripe_session_id]  # answered by stripe-mock
    assert "Could not expire" not in caplog.text
    mango.refresh_from_db()
    assert mango.stock_quantity == 10
    assert Payment.objects.get().status == "cancelled"


def test_the_owed_report_exports_to_xlsx(client, official, paid_order, farm, farmer):
    import io

    from openpyxl import load_workbook

    part = paid_order.parts.get(producer=farm)
    for status in (PartStatus.CONFIRMED, PartStatus.DELIVERED):
        change_part_status(part, status, farmer)
    client.force_login(official)

    response = client.get("/admin/owed-to-producers/?export=xlsx")

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    header = next(index for index, row in enumerate(rows) if row[0] == "Nhà sản xuất")
    assert rows[header + 1][0] == farm.display_name and 240_000 in rows[header + 1]
    total = next(row for row in rows if row[0] == "Tổng cộng")
    assert 240_000 in total
