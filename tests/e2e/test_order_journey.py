"""A buyer fills a cart from two farms on a phone and orders with cash on delivery;
each farmer sees only their part and marks it delivered; the buyer's page shows it."""

import pytest
from playwright.sync_api import expect

from tests.factories import ProducerFactory, ProductFactory

from .pages import fill_checkout, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_buyer_orders_from_two_farms_and_each_farmer_delivers_their_part(
    live_server, browser, phone_page, home_communes, farmer, other_farmer
):
    base, page = live_server.url, phone_page
    cai_be = home_communes.get(name="Xã Cái Bè")
    mango = ProductFactory(
        producer=ProducerFactory(display_name="Vườn xoài Út Ba", owner=farmer, commune=cai_be),
        name="Xoài cát Hòa Lộc", price_vnd=120_000, quantity_step="0.5", stock_quantity="20",
    )  # fmt: skip
    pomelo = ProductFactory(
        producer=ProducerFactory(display_name="Vườn bưởi Tư Hiền", owner=other_farmer, commune=cai_be),
        name="Bưởi da xanh", price_vnd=60_000, unit="qua", quantity_step="1",
    )  # fmt: skip

    page.goto(base + mango.get_absolute_url())
    page.get_by_label("Số lượng (kg)").fill("1,3")
    page.get_by_role("button", name="Thêm vào giỏ").click()
    expect(page.locator("body")).to_contain_text("bán theo bước 0,5 kg")  # refused, said plainly
    page.get_by_label("Số lượng (kg)").fill("1,5")
    page.get_by_role("button", name="Thêm vào giỏ").click()
    page.goto(base + pomelo.get_absolute_url())
    page.get_by_role("button", name="Thêm vào giỏ").click()
    # The buyer stays on the product, told it is in the cart, the header counting it.
    page.wait_for_url(base + pomelo.get_absolute_url())
    expect(page.get_by_role("status")).to_contain_text("vào giỏ hàng")
    page.get_by_role("link", name="Giỏ hàng (2)").click()

    expect(page.locator("body")).to_contain_text("Vườn xoài Út Ba")

    expect(page.locator("body")).to_contain_text("Vườn bưởi Tư Hiền")
    page.get_by_role("link", name="Đặt hàng", exact=True).click()
    fill_checkout(page)
    status_url = page.url
    expect(page.locator("body")).to_contain_text("240.000")  # 180.000 + 60.000

    for phone, mine, theirs in (("0912 000 001", "Xoài", "Bưởi"), ("0912 000 002", "Bưởi", "Xoài")):
        farmer_page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
        log_in(farmer_page, base, phone)
        farmer_page.goto(base + "/cua-toi/don-hang/")
        farmer_page.get_by_role("link", name="CNS-").first.click()
        expect(farmer_page.locator("main")).to_contain_text(mine)
        expect(farmer_page.locator("main")).not_to_contain_text(theirs)
        farmer_page.get_by_role("button", name="Xác nhận").click()
        farmer_page.get_by_role("button", name="Đã giao và đã thu tiền").click()
        expect(farmer_page.locator("body")).to_contain_text("Đã giao")
        farmer_page.context.close()

    page.goto(status_url)
    assert page.content().count("Đã giao") == 2
    assert page.content().count("Đã thanh toán") == 2
