"""A person's data: the download, a deletion request refused while something is open,
and one carried out (README, "Legal duties": Law 91/2025/QH15)."""

import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from complaints.services import open_complaint
from notifications.models import Message
from orders.cart import CartLine
from orders.models import DeliveryMethod, Order, PartStatus, PaymentMethod
from orders.services import change_part_status, place_order
from payments import ledger
from payments.models import Payout
from privacy.models import DataRequest
from taxes.models import Withholding
from tests.payments.test_ledger import pay

pytestmark = pytest.mark.django_db

FARMER_NAMES = ("Vườn xoài Út Ba", "Trần Văn Út Ba", "Út Ba")


@pytest.fixture
def named_farmer(farmer, farm):
    farm.representative = "Trần Văn Út Ba"  # the other farms' is the factory's
    farm.save()
    farmer.first_name, farmer.last_name, farmer.email = "Ba", "Út", "utba@example.vn"
    farmer.save()
    return farmer


def buy(product, commune, phone, method=PaymentMethod.CASH_ON_DELIVERY, buyer=None):
    return place_order(
        [CartLine(product, Decimal("2"), product.price_vnd)],
        deliveries={product.producer_id: DeliveryMethod.PICKUP},
        buyer=buyer, buyer_name="Út Ba" if buyer else "Lê Thị Mai", buyer_phone=phone,
        commune=commune, address="Ấp Mỹ Lợi", payment_method=method,
    )  # fmt: skip


def deliver(order, actor):
    for part in order.parts.all():
        for status in (PartStatus.CONFIRMED, PartStatus.SHIPPED, PartStatus.DELIVERED):
            change_part_status(part, status, actor)


def rows_naming(traces):
    """Every row of every table, as dumpdata writes it, that still holds one of the traces."""
    everything = io.StringIO()
    call_command("dumpdata", exclude=["contenttypes", "auth.permission"], stdout=everything)
    return [
        (row["model"], row["pk"], trace)
        for row in json.loads(everything.getvalue())
        for trace in traces
        if trace in json.dumps(row, ensure_ascii=False)
    ]


def test_the_download_holds_the_account_farm_orders_and_consents(
    client, named_farmer, farm, pomelo, cai_be
):
    # An order the farmer placed as a guest with their phone is theirs too.
    buy(pomelo, cai_be, named_farmer.phone)
    client.force_login(named_farmer)

    response = client.post("/cua-toi/du-lieu/tai-ve/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    zipped = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    held = json.loads(zipped.read("du-lieu-cua-toi.json"))
    assert held["tai_khoan"][0]["dien_thoai"] == "+84912000001"
    assert held["nha_san_xuat"][0]["display_name"] == "Vườn xoài Út Ba"
    assert [order["dien_thoai"] for order in held["don_hang"]] == ["+84912000001"]
    assert held["chap_nhan_quy_che"]  # what the factory's sign-up accepted
    assert held["xac_thuc_danh_tinh"][0]["so_cccd"].count("*") == 10  # masked, never whole
    assert zipped.read("don_hang.csv").decode("utf-8-sig").startswith("ma,luc,ten")
    assert DataRequest.objects.get().kind == "download"


def test_a_deletion_request_with_an_open_order_is_refused_and_changes_nothing(
    client, named_farmer, mango, cai_be
):
    order = buy(mango, cai_be, "+84903123456")  # the farm has a part to deliver
    client.force_login(named_farmer)

    response = client.post("/cua-toi/du-lieu/xoa/", {"sure": "on"})

    assert response.status_code == 200
    assert "còn 1 đơn cần giao hoặc hủy" in response.content.decode()
    assert not DataRequest.objects.exists()
    named_farmer.refresh_from_db()
    assert named_farmer.is_active and named_farmer.phone == "+84912000001"
    deliver(order, named_farmer)
    assert client.post("/cua-toi/du-lieu/xoa/", {"sure": "on"}).status_code == 302
    assert DataRequest.objects.get().state == "received"


def test_a_deletion_carried_out_leaves_no_name_or_phone_and_keeps_orders_and_tax(
    client, named_farmer, farm, mango, pomelo, cai_be, official, sms_outbox
):
    sold = buy(mango, cai_be, "+84903123456", method=PaymentMethod.CARD)
    pay(sold.payments.get())
    deliver(sold, named_farmer)
    bought = buy(pomelo, cai_be, named_farmer.phone, buyer=named_farmer)
    deliver(bought, pomelo.producer.memberships.get().user)
    # As a guest, by phone only: found through the phone that orders' own erasure blanks.
    as_guest = buy(pomelo, cai_be, named_farmer.phone)
    deliver(as_guest, pomelo.producer.memberships.get().user)
    open_complaint(as_guest.parts.get(), reason="short", text="Út Ba nhận thiếu 1 trái")
    Payout.objects.create(producer=farm, amount_vnd=ledger.owed_to(farm),
                          paid_on=timezone.localdate(), bank_reference="FT1")  # fmt: skip
    withheld = list(Withholding.objects.values_list("pk", "vat_vnd", "pit_vnd"))
    assert withheld and withheld[0][1:] == (2_400, 1_200)  # 1 % and 0.5 % of 240.000 ₫
    product_page, farm_page = mango.get_absolute_url(), farm.get_absolute_url()
    assert client.get(farm_page).status_code == 200
    client.force_login(named_farmer)
    assert client.post("/cua-toi/du-lieu/xoa/", {"sure": "on"}).status_code == 302
    request = DataRequest.objects.get()
    assert (request.due_at - request.received_at).total_seconds() == 72 * 3600
    assert Message.objects.filter(phone="+84912000001", event="data_request").exists()

    client.force_login(official)
    response = client.post(f"/admin/data-requests/{request.pk}/carry-out/")

    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.state, request.handled_by) == ("done", official)
    traces = (*FARMER_NAMES, "+84912000001", "912000001", "utba@example.vn", farm.phone)
    left = rows_naming(traces)
    assert left == [], "\n".join(map(str, left))
    client.logout()
    assert client.get(farm_page).status_code == 404
    assert client.get(product_page).status_code == 404
    # The records the law keeps stay, naming nobody.
    assert Order.objects.count() == 3
    assert list(Withholding.objects.values_list("pk", "vat_vnd", "pit_vnd")) == withheld
    assert Order.objects.get(pk=bought.pk).buyer_name == "Đã xóa theo yêu cầu"
    assert not client.login(username="+84912000001", password="mat-khau-123")


def test_only_officials_who_handle_requests_carry_them_out(client, named_farmer, buyer):
    client.force_login(named_farmer)
    client.post("/cua-toi/du-lieu/xoa/", {"sure": "on"})
    request = DataRequest.objects.get()
    client.force_login(buyer)

    client.post(f"/admin/data-requests/{request.pk}/carry-out/")

    request.refresh_from_db()
    named_farmer.refresh_from_db()
    assert request.state == "received" and named_farmer.phone == "+84912000001"


def test_a_refusal_needs_a_reason_and_texts_the_person(client, named_farmer, official):
    client.force_login(named_farmer)
    client.post("/cua-toi/du-lieu/xoa/", {"sure": "on"})
    request = DataRequest.objects.get()
    client.force_login(official)

    client.post(f"/admin/data-requests/{request.pk}/refuse/", {"reason": "  "})
    request.refresh_from_db()
    assert request.state == "received"
    client.post(f"/admin/data-requests/{request.pk}/refuse/", {"reason": "Đang có tranh chấp"})

    request.refresh_from_db()
    assert (request.state, request.answer) == ("refused", "Đang có tranh chấp")
    assert "Đang có tranh chấp" in Message.objects.get(key__endswith="refused").text
