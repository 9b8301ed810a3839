"""On a phone: a buyer pays by card (a Checkout session made on stripe-mock, completed by a
signed webhook posted to the site), and a farmer confirms a VietQR bank transfer."""

import json

import pytest
import requests
from playwright.sync_api import expect

from payments.models import BankAccount, Payment
from tests.factories import ProducerFactory, ProductFactory
from tests.payments.conftest import WEBHOOK, WEBHOOK_SECRET, session_object
from tests.stripe_payloads import event, stripe_signature_header

from .pages import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STRIPE_PAGE = "<!doctype html><title>Stripe Checkout</title><h1>Stripe Checkout (test)</h1>"


@pytest.fixture
def mango(home_communes, farmer):
    farm = ProducerFactory(
        display_name="Vườn xoài Út Ba", owner=farmer, commune=home_communes.get(name="Xã Cái Bè")
    )
    return ProductFactory(producer=farm, name="Xoài cát Hòa Lộc", price_vnd=120_000,
                          quantity_step="0.5", stock_quantity="20")  # fmt: skip


def order_in_browser(page, base, product, payment_label):
    page.goto(base + product.get_absolute_url())
    page.get_by_label("Số lượng (kg)").fill("2")
    page.get_by_role("button", name="Thêm vào giỏ").click()
    page.goto(base + "/thanh-toan/")
    page.get_by_label("Tên").fill("Lê Thị Mai")
    page.get_by_label("Số điện thoại").fill("0903 123 456")
    page.get_by_label("Xã/phường").select_option(label="Xã Cái Bè")
    page.get_by_label("Địa chỉ (số nhà, đường, ấp)").fill("12 Ấp Bắc")
    page.get_by_label(payment_label).check()
    page.get_by_label("Tôi đồng ý với Quy chế hoạt động của sàn").check()
    page.locator("main button[type=submit]").last.click()


@pytest.mark.stripe
def test_a_buyer_pays_by_card_and_the_order_shows_paid(live_server, phone_page, settings, mango):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    base, page = live_server.url, phone_page
    stripe_pages = []
    page.route(
        "https://checkout.stripe.com/**",
        lambda route: (stripe_pages.append(route.request.url), route.fulfill(
            status=200, content_type="text/html", body=STRIPE_PAGE))[-1],
    )  # fmt: skip

    order_in_browser(page, base, mango, "Thẻ (Stripe)")

    page.wait_for_url("https://checkout.stripe.com/**")
    payment = Payment.objects.get()
    assert stripe_pages and payment.stripe_session_id.startswith("cs_")
    assert payment.amount_vnd == 240_000
    # Stripe tells the site, signed, through its own endpoint; then sends the buyer back.
    payload = event("checkout.session.completed", session_object(payment))
    answer = requests.post(
        base + WEBHOOK,
        data=payload.encode(),
        headers={
            "Content-Type": "application/json",
            "Stripe-Signature": stripe_signature_header(payload, WEBHOOK_SECRET),
        },
        timeout=10,
    )
    assert (answer.status_code, answer.text) == (200, "paid")
    order = payment.order
    page.goto(base + f"/don-hang/{order.code}/{order.secret}/the/xong/")
    expect(page.locator("body")).to_contain_text("Stripe đã xác nhận khoản thanh toán")
    page.get_by_role("link", name="Theo dõi đơn hàng").click()
    expect(page.locator("body")).to_contain_text("Đã thanh toán bằng thẻ")
    expect(page.locator("body")).to_contain_text("240.000")
    expect(page.locator("body")).to_contain_text("Mới, chờ nhà vườn xác nhận")
    assert json.loads(payload)["data"]["object"]["currency"] == "vnd"


def test_a_farmer_confirms_a_vietqr_transfer(live_server, browser, phone_page, mango):
    BankAccount.objects.create(
        producer=mango.producer, bank_bin="970405", account_number="1234567890123",
        account_holder="NGUYEN VAN BA",
    )  # fmt: skip
    base, page = live_server.url, phone_page

    order_in_browser(page, base, mango, "Chuyển khoản ngân hàng (VietQR)")

    page.wait_for_url("**/don-hang/CNS-*/**")
    status_url = page.url
    assert page.locator(".vietqr svg").count() == 1
    expect(page.locator("body")).to_contain_text("1234567890123")
    expect(page.locator("body")).to_contain_text("Chờ thanh toán")

    farmer_page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    log_in(farmer_page, base, "0912 000 001")
    farmer_page.goto(base + "/cua-toi/don-hang/")
    farmer_page.get_by_role("link", name="CNS-").first.click()
    farmer_page.get_by_role("button", name="Tiền đã vào tài khoản của tôi").click()
    expect(farmer_page.locator("body")).to_contain_text("Đã xác nhận chuyển khoản")
    farmer_page.get_by_role("button", name="Xác nhận").click()
    farmer_page.context.close()

    page.goto(status_url)
    expect(page.locator("body")).to_contain_text("Đã nhận chuyển khoản")
    expect(page.locator("body")).to_contain_text("Đã xác nhận")
    assert page.locator(".vietqr svg").count() == 0
