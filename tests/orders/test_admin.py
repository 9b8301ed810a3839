"""An official follows an order up in the admin (issue 22, item 16): its parts with their
producers, statuses, delivery, payment and lines, the buyer's contact; the list shows
and filters by the parts' statuses and payments."""

import pytest

from orders.models import Order
from orders.services import change_part_status

pytestmark = pytest.mark.django_db


def test_the_order_page_shows_each_part_with_its_lines_and_the_buyers_contact(
    client, ordered, official, farm, farmer
):
    change_part_status(ordered.parts.get(producer=farm), "confirmed", farmer)
    client.force_login(official)

    html = client.get(f"/admin/orders/inspect/{ordered.pk}/").content.decode()

    assert "Lê Thị Mai" in html and "+84903123456" in html and "12 Ấp Bắc" in html
    assert "Vườn xoài Út Ba · Đã xác nhận" in html and "Vườn bưởi Tư Hiền" in html
    assert "Xoài cát Hòa Lộc" in html and "Bưởi da xanh" in html
    assert "240.000\u00a0₫" in html  # each part's total


def test_the_order_list_shows_and_filters_by_the_parts_status(
    client, ordered, official, farm, farmer
):
    other = Order.objects.create(
        buyer_name="Bình", buyer_phone="+84903000001", commune=ordered.commune, address="Ấp 2",
        total_vnd=1, code="CNS-OTHER1",
    )  # fmt: skip
    change_part_status(ordered.parts.get(producer=farm), "confirmed", farmer)
    client.force_login(official)

    listing = client.get("/admin/orders/").content.decode()
    confirmed = client.get("/admin/orders/", {"part_status": "confirmed"}).content.decode()

    assert "Đã xác nhận" in listing
    assert ordered.code in confirmed and other.code not in confirmed
