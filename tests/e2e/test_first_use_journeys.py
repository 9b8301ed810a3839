"""First use by each role, on a phone: a buyer browses communes, filters with readable chips
and sorts by price; a digital-team member finds a household by search and re-issues its
code; an official signs in to a Vietnamese admin and works the queue oldest first."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from producers import services as producer_services
from producers.models import Producer
from tests.factories import ProducerFactory, ProductFactory
from tests.marketplace.test_admin_in_vietnamese import english_interface_strings
from tests.photos import signed_form

from .pages import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_buyer_browses_a_commune_filters_and_sorts_by_price(
    live_server, phone_page, home_communes, settings
):
    # What the buyer sees of filters and sorting, not Elasticsearch (tested on its own):
    # the database answers at once for products made a moment ago.
    settings.ELASTICSEARCH_URL = ""
    base, page = live_server.url, phone_page
    cai_be = home_communes.get(name="Xã Cái Bè")
    farm = ProducerFactory(display_name="Vườn xoài Út Ba", commune=cai_be)
    for name, price in (("Xoài cát Hòa Lộc", 120_000), ("Xoài cát chu", 60_000)):
        ProductFactory(producer=farm, name=name, price_vnd=price, origin_commune=cai_be,
                       certifications=["vietgap"])  # fmt: skip

    page.goto(base + "/xa/")
    page.get_by_role("link", name="Xã Cái Bè").click()
    page.get_by_role("link", name="Giá: thấp đến cao").click()
    page.wait_for_url("**sort=price_asc*")
    expect(page.locator(".product-card__name")).to_have_text(["Xoài cát chu", "Xoài cát Hòa Lộc"])

    page.goto(base + f"/tim-kiem/?q=xoai&commune={cai_be.code}&certification=vietgap")
    chips = page.locator(".chip--active").all_inner_texts()
    assert "Xã Cái Bè ✕" in chips and "VietGAP ✕" in chips
    page.get_by_role("link", name="Giá: cao đến thấp").click()
    page.wait_for_url("**sort=price_desc*")
    expect(page.locator(".product-card__name").first).to_have_text("Xoài cát Hòa Lộc")


def test_a_digital_team_member_finds_a_household_and_reissues_its_code(
    live_server, phone_page, home_communes, helper
):
    base, page = live_server.url, phone_page
    cai_be = home_communes.get(name="Xã Cái Bè")
    for number, name in enumerate([*(f"Hộ số {n}" for n in range(8)), "Hộ bà Tư"]):
        producer_services.register_household(
            helper, phone=f"+8491255{number:04d}", display_name=name,
            representative="Lê Thị Tư", commune=cai_be, paper_form=signed_form(),
        )  # fmt: skip

    log_in(page, base, "0987 000 001")
    page.goto(base + "/cua-toi/")
    assert page.get_by_role("link", name="Đăng ký cho hộ dân").is_visible()
    page.get_by_placeholder("Tên hoặc số điện thoại").fill("bà Tư")
    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(page.locator(".producer-card")).to_have_count(1)
    page.get_by_role("button", name="Cấp mã nhận tài khoản mới và in phiếu").click()
    expect(page.locator("[data-claim-code]")).to_be_visible()


def test_an_official_signs_in_in_vietnamese_and_works_the_queue_oldest_first(
    live_server, browser, home_communes, official
):
    cai_be = home_communes.get(name="Xã Cái Bè")
    older = ProducerFactory(display_name="Vườn chờ lâu", status="submitted", commune=cai_be)
    ProducerFactory(display_name="Vườn mới gửi", status="submitted", commune=cai_be)
    Producer.objects.filter(pk=older.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=2)
    )
    page = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN").new_page()
    page.set_default_timeout(15_000)

    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Mật khẩu").fill("mat-khau-123")
    page.locator("input[name=username]").fill("canbo1")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Nhà sản xuất chờ xác minh").click()
    page.wait_for_url("**/admin/producers/?status=submitted&ordering=status_changed_at")
    names = page.locator("table.listing tbody tr").all_inner_texts()
    assert "Vườn chờ lâu" in names[0] and "2 ngày" in names[0]
    page.get_by_role("link", name="Vườn chờ lâu").click()
    page.get_by_label("Tôi đã xem những gì sẽ công khai").check()
    page.get_by_role("button", name="Xác minh").click()
    page.wait_for_url("**/admin/producers/?status=submitted&ordering=status_changed_at")
    assert "Vườn chờ lâu" not in page.locator("table.listing").inner_text()
    assert "Vườn mới gửi" in page.locator("table.listing").inner_text()

    # What the browser draws itself (the sidebar, the keyboard-shortcuts dialog) is
    # Vietnamese too.
    page.keyboard.press("Shift+?")
    expect(page.get_by_role("dialog")).to_contain_text("Phím tắt")
    shown = {line.strip() for line in page.locator("body").inner_text().splitlines()}
    shown |= set(page.eval_on_selector_all("[aria-label]", "els => els.map(e => e.ariaLabel)"))
    english, with_placeholders = english_interface_strings()
    assert {text for text in shown if text in english or with_placeholders.fullmatch(text)} == set()
