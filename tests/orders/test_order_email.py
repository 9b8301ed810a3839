"""Issue 22, item 5: the e-mail of an order received says, for each farm, how to reach it
(call, Zalo) and, for a pick-up, when and where (hours, address, map)."""

from decimal import Decimal

import pytest
from django.core import mail

from orders.models import DeliverySettings

from .conftest import checkout_data, put

pytestmark = pytest.mark.django_db


def test_the_order_email_carries_each_farms_contacts_and_pick_up_details(
    client, farm, mango, pomelo, cai_be, django_capture_on_commit_callbacks
):
    farm.phone, farm.zalo_phone = "+84912345678", "+84987654321"
    farm.address, farm.latitude, farm.longitude = "Ấp Hòa Lộc", Decimal("10.35"), Decimal("106.05")
    farm.save()
    DeliverySettings.objects.create(producer=farm, pickup_hours="6:00–11:00 sáng")
    put(client, mango, "2")
    put(client, pomelo, "4")

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/thanh-toan/", checkout_data(cai_be)).status_code == 302

    body = mail.outbox[-1].body
    assert "Vườn xoài Út Ba: 240.000\xa0₫" in body
    assert "Gọi: 0912 345 678" in body
    assert "Zalo: https://zalo.me/0987654321" in body
    assert "Giờ nhận hàng tại vườn: 6:00–11:00 sáng" in body
    assert "Nhận hàng tại: Ấp Hòa Lộc, Xã Cái Bè" in body
    assert "https://www.openstreetmap.org/?mlat=10.350000&mlon=106.050000" in body
    assert "Vườn bưởi Tư Hiền: 240.000\xa0₫" in body  # the other farm, no map without a position
    assert body.count("openstreetmap") == 1
    assert "&amp;" not in body  # plain text, not HTML-escaped
