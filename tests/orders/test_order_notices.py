"""Issue 22, item 11: a new order's notice asks the farm to confirm it; once the order is
cancelled (or confirmed) the notice says so instead of asking."""

import pytest

from orders import services as order_services
from orders.models import PartStatus
from producers.models import ProducerNotice

from .conftest import checkout_data, put

pytestmark = pytest.mark.django_db


def test_a_cancelled_order_no_longer_asks_to_be_confirmed(client, farmer, ordered):
    order = ordered
    farmer_client = type(client)()
    farmer_client.force_login(farmer)
    asking = farmer_client.get("/cua-toi/").content.decode()
    assert f"Đơn hàng mới {order.code}" in asking and "<del>" not in asking

    order_services.cancel_by_buyer(order, "Đặt nhầm")

    html = farmer_client.get("/cua-toi/").content.decode()
    assert f"<del>Đơn hàng mới {order.code}" in html
    assert "“Đã hủy”: không cần xác nhận" in html


def test_a_confirmed_order_no_longer_asks_either_but_a_newer_one_still_does(
    client, farmer, ordered, farm, mango, cai_be
):
    order = ordered
    part = order.parts.get(producer=farm)
    order_services.change_part_status(part, PartStatus.CONFIRMED, farmer)
    put(client, mango, "1")
    assert client.post("/thanh-toan/", checkout_data(cai_be)).status_code == 302
    newer = type(order).objects.exclude(pk=order.pk).get()

    notices = {n.message.split(":")[0]: n for n in ProducerNotice.objects.filter(producer=farm)}
    assert notices[f"Đơn hàng mới {order.code}"].closed_at is not None
    assert notices[f"Đơn hàng mới {newer.code}"].closed_at is None
    assert ProducerNotice.objects.filter(producer=farm, closed_at=None).count() == 1


def test_the_farm_and_its_helper_are_texted_when_the_buyer_cancels(
    ordered, farm, farmer, helper, sms_outbox, django_capture_on_commit_callbacks
):
    sms_outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        order_services.cancel_by_buyer(ordered, "Đặt nhầm")

    for phone in (farmer.phone, helper.phone):
        texts = [text for to, text in sms_outbox if to == phone]
        assert any(
            ordered.code in text and "da bi huy" in text and "Dat nham" in text for text in texts
        ), phone
    assert ProducerNotice.objects.filter(producer=farm, message__contains="Đặt nhầm").exists()
