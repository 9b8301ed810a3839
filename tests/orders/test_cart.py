"""The cart: quantities follow the product's step and minimum, prices are re-read,
and a line that changed is flagged, never silently changed."""

import pytest

from catalog.models import Product

from .conftest import put

pytestmark = pytest.mark.django_db


def cart_html(client):
    return client.get("/gio-hang/").content.decode()


def test_lines_from_two_farms_are_grouped_with_their_subtotals(client, mango, pomelo):
    put(client, mango, "1,5")
    put(client, pomelo, "3")

    html = cart_html(client)

    assert "Vườn xoài Út Ba" in html and "Vườn bưởi Tư Hiền" in html
    assert "180.000\u00a0₫" in html  # 1.5 kg × 120,000
    assert "360.000\u00a0₫" in html  # the total


@pytest.mark.parametrize(
    "quantity, message",
    [("1,3", "bước 0,5"), ("0,5", "tối thiểu"), ("abc", "Nhập số lượng"), ("1e9", "Nhập số lượng"),
     ("-2", "Nhập số lượng")],
)  # fmt: skip
def test_a_quantity_off_the_step_or_under_the_minimum_is_refused(client, mango, quantity, message):
    response = put(client, mango, quantity)

    assert message in client.get(response["Location"]).content.decode()
    assert "cart" not in client.session or not client.session["cart"]


def test_a_product_not_for_sale_cannot_be_added(client, farm):
    from tests.factories import ProductFactory

    draft = ProductFactory(producer=farm, status="draft")

    response = put(client, draft, "1")

    assert "không có bán" in client.get(response["Location"]).content.decode()


def test_a_repriced_or_sold_out_line_is_flagged_and_blocks_checkout(client, mango, pomelo):
    put(client, mango, "2")
    put(client, pomelo, "2")
    Product.objects.filter(pk=mango.pk).update(price_vnd=130_000)
    Product.objects.filter(pk=pomelo.pk).update(status="sold_out")

    html = cart_html(client)

    assert "Giá đã đổi từ 120.000\u00a0₫ thành 130.000\u00a0₫" in html
    assert "Không còn bán" in html
    assert "/thanh-toan/" not in html


def test_a_line_is_removed(client, mango):
    put(client, mango, "2")

    client.post("/gio-hang/cap-nhat/", {"product": mango.pk, "remove": "1"})

    assert client.session["cart"] == {}


def test_a_signed_in_buyers_cart_follows_them_to_another_phone(client, buyer, mango, pomelo):
    from django.test import Client

    client.force_login(buyer)
    put(client, mango, "2")
    other_phone = Client()
    put(other_phone, pomelo, "3")  # before logging in there

    other_phone.post("/dang-nhap/", {"username": "nguoimua1", "password": "mat-khau-123"})

    assert set(other_phone.session["cart"]) == {str(mango.pk), str(pomelo.pk)}
