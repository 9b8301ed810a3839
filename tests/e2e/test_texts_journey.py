"""Issue 23, the journey: a buyer orders from two farms; each farmer is texted the order
(read from the loopback eSMS gateway) and confirms it in the portal; the buyer is texted
the new status; having lost the link, the buyer finds the order at /tra-cuu-don-hang/
with a code texted to their phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import ProducerFactory, ProductFactory
from tests.notifications.conftest import gateway  # noqa: F401 (the fixture)

from .pages import accessibility_violations, fill_checkout, log_in
from .test_every_page import SHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def texts_to(gateway, phone):  # noqa: F811
    return [text for to, text, _unicode in gateway.sms if to == phone]


def test_every_step_of_an_order_is_texted_and_a_lost_order_is_found_by_phone(
    live_server,
    browser,
    phone_page,
    home_communes,
    farmer,
    other_farmer,
    gateway,  # noqa: F811
    settings,
):
    settings.ZALO_TEMPLATES = {}  # SMS: the gateway under test
    base, page = live_server.url, phone_page
    cai_be = home_communes.get(name="Xã Cái Bè")
    for owner, farm_name, product_name in (
        (farmer, "Vườn xoài Út Ba", "Xoài cát Hòa Lộc"),
        (other_farmer, "Vườn bưởi Tư Hiền", "Bưởi da xanh"),
    ):
        product = ProductFactory(
            producer=ProducerFactory(display_name=farm_name, owner=owner, commune=cai_be, phone=owner.phone),
            name=product_name, price_vnd=60_000, quantity_step="1", min_order_quantity="1",
        )  # fmt: skip
        page.goto(base + product.get_absolute_url())
        page.get_by_role("button", name="Thêm vào giỏ").click()
        page.wait_for_url(base + product.get_absolute_url())
    page.goto(base + "/thanh-toan/")
    fill_checkout(page)
    code = re.search(r"CNS-[A-Z0-9]+", page.url)[0]
    buyer = "+84903123456"

    for owner in (farmer, other_farmer):
        assert any(code in text and "/cua-toi/" in text for text in texts_to(gateway, owner.phone))
    assert any(code in text for text in texts_to(gateway, buyer))

    farmer_page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    log_in(farmer_page, base, "0912 000 001")
    farmer_page.goto(base + "/cua-toi/don-hang/")
    farmer_page.get_by_role("link", name="CNS-").first.click()
    farmer_page.get_by_role("button", name="Xác nhận").click()
    expect(farmer_page.locator("body")).to_contain_text("Đã xác nhận")
    farmer_page.context.close()
    assert any("Da xac nhan" in text and code in text for text in texts_to(gateway, buyer))

    lost = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN").new_page()
    lost.goto(base + "/tra-cuu-don-hang/")
    lost.screenshot(path=SHOTS / "order-lookup.png", full_page=True)
    assert accessibility_violations(lost) == []
    lost.get_by_label("Mã đơn hàng").fill(code.lower())
    lost.get_by_label("Số điện thoại đã ghi khi đặt hàng").fill("0903 123 456")
    lost.get_by_role("button", name="Nhắn mã cho tôi").click()
    expect(lost.locator("body")).to_contain_text("mã 6 chữ số")
    lost.screenshot(path=SHOTS / "order-lookup-code.png", full_page=True)
    texted = re.search(r"\b(\d{6})\b", texts_to(gateway, buyer)[-1])[1]
    lost.get_by_label("Mã trong tin nhắn (6 chữ số)").fill(texted)
    lost.get_by_role("button", name="Mở đơn hàng").click()
    lost.wait_for_url(f"**/don-hang/{code}/**")
    expect(lost.locator("body")).to_contain_text("Vườn bưởi Tư Hiền")
