"""The order's page and the packing slip (issue 22, items 5 and 12): each farm's call and
Zalo buttons and pick-up hours, "Đặt hàng thành công" after checkout, a cancel offered
only while something can be cancelled; the slip names the farm as sender."""

import pytest

from orders.models import DeliverySettings

from .conftest import checkout_data, put

pytestmark = pytest.mark.django_db


def test_after_checkout_the_order_page_says_it_worked_and_how_to_reach_each_farm(
    client, farm, mango, cai_be
):
    farm.zalo_phone = "+84987654321"
    farm.save()
    DeliverySettings.objects.create(producer=farm, pickup_hours="7:00–17:00, trừ Chủ nhật")
    put(client, mango, "2")

    page = client.post("/thanh-toan/", checkout_data(cai_be), follow=True).content.decode()

    assert "Đặt hàng thành công!" in page
    assert f'href="tel:{farm.phone.replace("+84", "0")}"' in page
    assert 'href="https://zalo.me/0987654321"' in page
    assert "7:00–17:00, trừ Chủ nhật" in page
    assert "/huy/" in page  # nothing confirmed yet: it can be cancelled


def test_no_cancel_is_offered_once_every_farm_confirmed(client, ordered, farmer, other_farmer):
    from orders.services import change_part_status

    for part, user in zip(
        ordered.parts.order_by("producer__display_name"), (other_farmer, farmer), strict=True
    ):
        change_part_status(part, "confirmed", user)

    page = client.get(ordered.get_absolute_url()).content.decode()

    assert "/huy/" not in page


def test_the_packing_slip_names_the_farm_as_sender_and_who_picks_up(client, farmer, ordered, farm):
    part = ordered.parts.get(producer=farm)
    client.force_login(farmer)

    page = client.get(f"/cua-toi/don-hang/{part.pk}/").content.decode()

    assert "Người gửi" in page and farm.display_name in page
    assert "Người nhận / đến lấy" in page and "Giao cho" not in page  # a pick-up part
    assert f"<title>{ordered.code}</title>" in page  # the scannable code


def test_adding_from_the_product_page_stays_there_and_a_second_time_says_updated(client, mango):
    """Item 8: the buyer was sent to the cart, and told "added" when a quantity changed."""
    page = mango.get_absolute_url()
    data = {"product": mango.pk, "quantity": "2", "next": page}

    first = client.post("/gio-hang/cap-nhat/", data, follow=True)
    second = client.post("/gio-hang/cap-nhat/", {**data, "quantity": "3"}, follow=True)

    assert first.redirect_chain[-1][0] == page
    assert "Đã thêm “Xoài cát Hòa Lộc” vào giỏ hàng." in first.content.decode()
    assert "đã cập nhật số lượng" in second.content.decode()
    assert client.cookies["cart_count"].value == "1"
