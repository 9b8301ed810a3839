"""A new farmer on a phone: finds sign-up from the home page, then on the profile's
"where" step finds the commune by typing without accents and fills the farm's position
from the phone's location."""

import pytest
from playwright.sync_api import expect

from tests.factories import ProducerFactory

from .pages import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_farmer_finds_sign_up_and_fills_where_the_farm_is_without_a_list(
    live_server, browser, demo_site, home_communes, farmer
):
    base = live_server.url
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN",
        geolocation={"latitude": 10.3512, "longitude": 106.0231}, permissions=["geolocation"],
    )  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(10_000)

    page.goto(base + "/")
    page.get_by_role("link", name="Đăng ký bán hàng").first.click()
    assert "Bán hàng trên Chợ Nông Sản" in page.content()
    assert page.get_by_role("link", name="Đăng ký bán hàng").count() >= 1

    farm = ProducerFactory(owner=farmer, status="draft", commune=None)
    log_in(page, base, "0912 000 001")
    page.goto(f"{base}/cua-toi/nha-san-xuat/{farm.pk}/buoc/2/")
    page.get_by_placeholder("Gõ để tìm xã (không cần dấu)").fill("cai be")
    assert page.get_by_label("Xã/phường").evaluate("s => s.selectedOptions[0].text") == "Xã Cái Bè"
    page.get_by_role("button", name="Dùng vị trí hiện tại của tôi").click()
    expect(page.locator("input[name=latitude]")).to_have_value("10.351200")
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    farm.refresh_from_db()
    assert farm.commune.name == "Xã Cái Bè"
    assert (round(float(farm.latitude), 4), round(float(farm.longitude), 4)) == (10.3512, 106.0231)
    context.close()
