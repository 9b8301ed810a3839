"""Checkout with cash on delivery: one order, one part per producer, stock taken in
one transaction; producers fulfil only their part; buyers follow a secret link."""

import pytest

from catalog.models import Product
from orders.models import Order, OrderPart

from .conftest import checkout_data, put

pytestmark = pytest.mark.django_db


def test_one_order_with_one_part_per_producer(ordered, mango, pomelo, mailoutbox):
    assert ordered.code.startswith("CNS-") and len(ordered.code) == 10
    # Each producer's part holds its own lines only, at its own total.
    parts = {
        part.producer.display_name: (
            [line.product_id for line in part.lines.all()], part.subtotal_vnd)
        for part in ordered.parts.all()
    }  # fmt: skip
    assert parts == {
        "Vườn xoài Út Ba": ([mango.pk], 2 * 120_000),
        "Vườn bưởi Tư Hiền": ([pomelo.pk], 4 * 60_000),
    }
    assert ordered.total_vnd == 2 * 120_000 + 4 * 60_000
    mango.refresh_from_db()
    assert mango.stock_quantity == 8
    assert ordered.buyer_phone == "+84903123456"


def test_a_producers_lines_apart_in_the_list_still_make_one_part(mango, pomelo, farm, cai_be):
    """place_order's callers (the cart, the demo, harvests) need not sort lines by producer."""
    from decimal import Decimal

    from orders.cart import CartLine
    from orders.services import place_order
    from tests.factories import ProductFactory

    papaya = ProductFactory(producer=farm, name="Đu đủ", price_vnd=30_000, stock_quantity=None,
                            min_order_quantity="1", quantity_step="1")  # fmt: skip
    lines = [CartLine(product, Decimal(quantity), product.price_vnd)
             for product, quantity in [(mango, "1"), (pomelo, "2"), (papaya, "3")]]  # fmt: skip
    order = place_order(lines, buyer_name="Lê Thị Mai", buyer_phone="+84903123456",
                        commune=cai_be, address="12 Ấp Bắc")  # fmt: skip
    parts = {part.producer_id: sorted(line.product_id for line in part.lines.all())
             for part in order.parts.all()}  # fmt: skip
    assert parts == {farm.pk: sorted([mango.pk, papaya.pk]), pomelo.producer_id: [pomelo.pk]}


def test_the_status_page_needs_the_secret(client, ordered):
    assert client.get(ordered.get_absolute_url()).status_code == 200
    assert client.get(f"/don-hang/{ordered.code}/doan-bua/").status_code == 404


def test_the_last_units_sell_the_product_out(client, mango, cai_be):
    put(client, mango, "10")

    client.post("/thanh-toan/", checkout_data(cai_be))

    mango.refresh_from_db()
    assert (mango.stock_quantity, mango.status, mango.listing_state) == (0, "sold_out", "sold_out")


def test_a_price_changed_during_checkout_stops_the_whole_order(client, mango, pomelo, cai_be):
    put(client, mango, "2")
    put(client, pomelo, "2")
    Product.objects.filter(pk=pomelo.pk).update(price_vnd=70_000)

    response = client.post("/thanh-toan/", checkout_data(cai_be))

    assert "Giá đã đổi" in response.content.decode()
    assert not Order.objects.exists()
    mango.refresh_from_db()
    assert mango.stock_quantity == 10  # nothing taken


def test_a_suspended_producer_cannot_be_ordered_from(client, mango, cai_be, official):
    from producers import services

    put(client, mango, "2")
    services.suspend(mango.producer, official, "Kiểm tra")

    client.post("/thanh-toan/", checkout_data(cai_be))

    assert not Order.objects.exists()


def test_the_producer_confirms_and_delivers_its_part_and_is_paid(client, ordered, farmer):
    part = ordered.parts.get(producer__display_name="Vườn xoài Út Ba")
    client.force_login(farmer)

    client.post(f"/cua-toi/don-hang/{part.pk}/xac-nhan/")
    client.post(f"/cua-toi/don-hang/{part.pk}/da-giao/")

    part.refresh_from_db()
    assert (part.status, part.payment_status) == ("delivered", "paid")


def test_a_cancelled_part_gives_its_stock_back(client, ordered, farmer, mango):
    part = ordered.parts.get(producer=mango.producer)
    client.force_login(farmer)

    client.post(f"/cua-toi/don-hang/{part.pk}/huy/", {"reason": "Hết xoài loại 1"})

    part.refresh_from_db()
    mango.refresh_from_db()
    assert part.status == "cancelled" and part.cancel_reason == "Hết xoài loại 1"
    assert mango.stock_quantity == 10


def test_a_producer_never_sees_another_producers_part(client, ordered, farmer, other_farmer):
    theirs = ordered.parts.get(producer__display_name="Vườn bưởi Tư Hiền")
    client.force_login(farmer)

    assert client.get(f"/cua-toi/don-hang/{theirs.pk}/").status_code == 404
    assert client.post(f"/cua-toi/don-hang/{theirs.pk}/xac-nhan/").status_code == 404
    assert "Vườn bưởi" not in client.get("/cua-toi/don-hang/").content.decode()
    theirs.refresh_from_db()
    assert theirs.status == "placed"


def test_the_buyer_cancels_before_confirmation_and_the_stock_returns(client, ordered, mango):
    client.post(f"{ordered.get_absolute_url()}huy/")

    assert set(OrderPart.objects.values_list("status", flat=True)) == {"cancelled"}
    mango.refresh_from_db()
    assert mango.stock_quantity == 10


def test_a_producer_sees_its_new_orders_counted_in_the_header(client, ordered, farmer):
    client.force_login(farmer)

    html = client.get("/gio-hang/").content.decode()

    assert "Đơn mới (1)" in html


def test_a_buyer_abroad_checks_out_with_a_foreign_phone_and_an_email(client, mango, cai_be):
    """Item 3: "+44 7700 900123" was refused at the last step ("Only Vietnamese phone
    numbers (+84)"). A buyer abroad gives an e-mail too; farmers' accounts stay +84."""
    put(client, mango, "2")
    no_email = client.post(
        "/en/thanh-toan/", checkout_data(cai_be, buyer_phone="+44 7700 900123", buyer_email="")
    )
    assert no_email.status_code == 200 and "e-mail address too" in no_email.content.decode()
    assert not Order.objects.exists()

    client.post("/en/thanh-toan/", checkout_data(cai_be, buyer_phone="+44 7700 900123"))

    order = Order.objects.get()
    assert order.buyer_phone == "+447700900123"
    assert order.buyer_phone_display == "+44 7700 900123"
    sign_up = client.post("/dang-ky/", {"phone": "+44 7700 900123"})
    assert "+84" in sign_up.content.decode()  # an account's phone is still Vietnamese


def test_changing_the_province_keeps_what_was_typed(client, mango, cai_be):
    """Item 4: the province switch was a separate GET form and wiped the name and phone."""
    from areas.models import Commune
    from areas.services import load_admin_units

    load_admin_units(province_codes=[79], legacy_province_codes=[])  # Hồ Chí Minh City
    put(client, mango, "2")
    elsewhere = Commune.objects.filter(province_id=79).first()

    response = client.post(
        "/thanh-toan/",
        checkout_data(cai_be, tinh=elsewhere.province_id, change_province="1"),
    )

    page = response.content.decode()
    assert response.status_code == 200 and not Order.objects.exists()
    assert 'value="Lê Thị Mai"' in page and 'value="0903 123 456"' in page
    assert f'value="{elsewhere.pk}"' in page  # the new province's communes
    assert "errorlist" not in page
