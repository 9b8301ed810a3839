"""On phones: a farmer announces a mango harvest with a 20 % deposit; a buyer pre-orders
10 kg and pays the deposit by VietQR, which the farmer confirms; at harvest the farmer
weighs 10,6 kg; the buyer's page shows the final amount and the balance; the balance is
confirmed and the part delivered; the official's dashboard counts the sale at 10,6 kg."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from payments.models import BankAccount
from tests.factories import ProducerFactory, ProductFactory

from .pages import accessibility_violations, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "vi-VN"}


@pytest.fixture
def mango(home_communes, farmer):
    cai_be = home_communes.get(name="Xã Cái Bè")
    farm = ProducerFactory(display_name="Vườn xoài Út Ba", owner=farmer, commune=cai_be)
    BankAccount.objects.create(producer=farm, bank_bin="970405", account_number="1234567890123",
                               account_holder="NGUYEN VAN BA")  # fmt: skip
    return ProductFactory(producer=farm, name="Xoài cát Hòa Lộc", price_vnd=120_000,
                          quantity_step="0.5", stock_quantity="20", origin_commune=cai_be)  # fmt: skip


def shot(page, tmp_path, name):
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
    assert accessibility_violations(page) == [], name


def test_a_mango_harvest_from_announcement_to_the_weighed_sale(
    live_server, browser, tmp_path, mango, official
):
    base = live_server.url
    start = timezone.localdate() + datetime.timedelta(days=7)
    farmer = browser.new_context(**PHONE).new_page()
    log_in(farmer, base, "0912 000 001")
    farmer.goto(base + "/cua-toi/thu-hoach/")
    farmer.get_by_role("link", name="Xoài cát Hòa Lộc").click()
    farmer.get_by_label("Sản lượng dự kiến").fill("500")
    farmer.get_by_label("Mở đặt trước").fill("200")
    farmer.get_by_label("Thu hoạch từ").fill(start.isoformat())
    farmer.get_by_label("Thu hoạch đến").fill((start + datetime.timedelta(days=10)).isoformat())
    farmer.get_by_label("Giá mỗi đơn vị (đồng) / kg").fill("100.000")
    farmer.get_by_label("Tiền cọc (%)").fill("20")
    shot(farmer, tmp_path, "portal-announce")
    farmer.get_by_role("button", name="Đăng tin").click()
    expect(farmer.locator("body")).to_contain_text("Đã lưu: người mua thấy vụ sắp thu hoạch.")

    buyer = browser.new_context(**PHONE).new_page()
    buyer.goto(base + "/sap-thu-hoach/")
    expect(buyer.locator("main")).to_contain_text("còn nhận đặt trước 200 kg")
    shot(buyer, tmp_path, "upcoming")
    buyer.get_by_role("link", name="Đặt trước").first.click()
    buyer.get_by_label("Số lượng (kg)").fill("10")
    buyer.get_by_label("Tên").fill("Lê Thị Mai")
    buyer.get_by_label("Số điện thoại").fill("0903 123 456")
    buyer.get_by_label("Xã/phường").select_option(label="Xã Cái Bè")
    buyer.get_by_label("Địa chỉ (số nhà, đường, ấp)").fill("12 Ấp Bắc")
    buyer.get_by_label("Chuyển khoản ngân hàng (VietQR)").check()
    buyer.get_by_label("Tôi đồng ý với Quy chế hoạt động của sàn").check()
    shot(buyer, tmp_path, "preorder")
    buyer.locator("main button[type=submit]").last.click()
    buyer.wait_for_url("**/don-hang/CNS-*/**")
    status_url = buyer.url
    expect(buyer.locator(".transfer")).to_contain_text("200.000")
    assert buyer.locator(".vietqr svg").count() == 1

    farmer.goto(base + "/cua-toi/don-hang/")
    farmer.get_by_role("link", name="CNS-").first.click()
    farmer.get_by_role("button", name="Tiền đã vào tài khoản của tôi").click()
    expect(farmer.locator("main")).to_contain_text("Đặt trước, chờ thu hoạch · Đã cọc")

    farmer.goto(base + "/cua-toi/thu-hoach/")
    farmer.get_by_role("link", name="Xoài cát Hòa Lộc").first.click()
    farmer.locator("summary", has_text="Đã thu hoạch").click()
    farmer.get_by_label("Đã thu hoạch (theo đơn vị sản phẩm)").fill("480")
    farmer.get_by_role("button", name="Ghi nhận thu hoạch").click()
    expect(farmer.locator("body")).to_contain_text("1 đơn đặt trước được giao")
    farmer.get_by_label("Đã cân (kg)").fill("10,6")
    shot(farmer, tmp_path, "portal-weigh")
    farmer.get_by_role("button", name="Ghi số cân").click()
    expect(farmer.locator("body")).to_contain_text("người mua đã được báo số tiền cuối cùng")

    buyer.goto(status_url)
    body = buyer.locator("main")
    expect(body).to_contain_text("Đã cân: 10,6 kg")
    expect(body).to_contain_text("Số tiền cuối cùng: 1.060.000")
    expect(body).to_contain_text("Còn phải trả: 860.000")
    expect(buyer.locator(".transfer")).to_contain_text("860.000")
    shot(buyer, tmp_path, "order-weighed")

    farmer.goto(base + "/cua-toi/don-hang/")
    farmer.get_by_role("link", name="CNS-").first.click()
    farmer.get_by_role("button", name="Tiền đã vào tài khoản của tôi").click()
    expect(farmer.locator("main")).to_contain_text("Đã thanh toán")
    farmer.get_by_role("button", name="Đã giao").click()
    expect(farmer.locator("body")).to_contain_text("Đã giao")

    desk = browser.new_context(**PHONE).new_page()
    log_in(desk, base, "canbo1")
    desk.goto(base + reverse("listing_figures:dashboard"))
    expect(desk.locator("[data-figure=sales-value]")).to_contain_text("1.060.000")
    desk.goto(base + "/admin/trien-vong-nguon-cung/")
    desk.screenshot(path=str(tmp_path / "outlook.png"), full_page=True)
    for context in (farmer.context, buyer.context, desk.context):
        context.close()
