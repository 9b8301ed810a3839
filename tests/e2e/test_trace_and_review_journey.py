"""On phones: a farmer records a lot of mangoes and prints its label; a buyer scans the
label's QR code (decoded from the PNG) and lands on the trace page with the lot's dates
and the VietGAP certificate valid at its harvest; the buyer orders, and the order line
takes from that lot; the farmer delivers; the buyer reviews the mangoes with five stars;
the product page shows the rating and its JSON-LD carries aggregateRating."""

import datetime
import io
import json
import os
import shutil

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from producers.models import Certification
from reviews.models import Review
from tests.factories import ProducerFactory, ProductFactory
from traceability.models import Lot, LotTake

from .pages import accessibility_violations, fill_checkout, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "vi-VN"}


def shot(page, tmp_path, name):
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("SCREENSHOTS_DIR"):  # to read them after the run
        shutil.copy(path, os.environ["SCREENSHOTS_DIR"])
    assert accessibility_violations(page) == [], name


def decoded(png):
    import zxingcpp

    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def day(offset):
    return (timezone.localdate() + datetime.timedelta(days=offset)).isoformat()


def test_a_buyer_traces_the_lot_orders_it_and_reviews_it(
    live_server, browser, tmp_path, home_communes, farmer
):
    base = live_server.url
    cai_be = home_communes.get(name="Xã Cái Bè")
    farm = ProducerFactory(display_name="Vườn xoài Út Ba", owner=farmer, commune=cai_be,
                           address="Ấp Hòa Lộc")  # fmt: skip
    Certification.objects.create(producer=farm, kind="vietgap", number="VG-0427", issuer="Sở NN",
                                 expires_on=timezone.localdate() + datetime.timedelta(days=200),
                                 approved_at=timezone.now())  # fmt: skip
    mango = ProductFactory(producer=farm, name="Xoài cát Hòa Lộc", price_vnd=80_000, unit="kg",
                           quantity_step="1", min_order_quantity="1", stock_quantity="500",
                           origin_commune=cai_be)  # fmt: skip

    # The farmer records a lot from the product's page in the portal and prints its label.
    grower = browser.new_context(**PHONE).new_page()
    log_in(grower, base, "0912 000 001")
    grower.goto(f"{base}/cua-toi/san-pham/{mango.pk}/sua/")
    grower.get_by_role("link", name="Lô hàng").click()
    grower.get_by_label("Mã lô (không bắt buộc)").fill("hl-2612")
    grower.get_by_label("Ngày thu hoạch").fill(day(-2))
    grower.get_by_label("Ngày đóng gói").fill(day(-1))
    grower.get_by_label("Hạn sử dụng").fill(day(12))
    grower.get_by_label("Sản lượng thu hoạch (kg)").fill("130")
    grower.get_by_label("Số lượng đóng gói để bán (kg)").fill("120,5")
    grower.get_by_role("button", name="Ghi lô hàng").click()
    expect(grower.locator("body")).to_contain_text("HL-2612")
    expect(grower.locator("main")).to_contain_text("còn 120,5 / 120,5 kg")
    shot(grower, tmp_path, "lots-portal")
    label_url = grower.get_by_role("link", name="Nhãn để in (PNG)").get_attribute("href")
    label = grower.request.get(base + label_url)
    assert label.headers["content-type"] == "image/png"
    [scanned] = decoded(label.body())
    assert scanned == base + "/truy-xuat/HL-2612/"

    # The buyer scans it: the trace page says what the decree lists.
    buyer = browser.new_context(**PHONE).new_page()
    buyer.goto(scanned)
    main = buyer.locator("main")
    for text in ("Xoài cát Hòa Lộc", "Vườn xoài Út Ba", "Ấp Hòa Lộc", "Xã Cái Bè", "HL-2612",
                 "VG-0427", "Sở NN"):  # fmt: skip
        expect(main).to_contain_text(text)
    expect(main).to_contain_text(
        (timezone.localdate() - datetime.timedelta(days=2)).strftime("%d/%m/%Y")
    )
    shot(buyer, tmp_path, "trace-page")
    trace = json.loads(buyer.request.get(scanned + "?format=json").text())
    assert trace["lot"] == "HL-2612" and trace["certificates"][0]["number"] == "VG-0427"

    # The buyer orders two kilos; the line takes them from this lot.
    buyer.goto(base + mango.get_absolute_url())
    expect(buyer.get_by_role("link", name="Truy xuất lô đang bán: HL-2612")).to_be_visible()
    buyer.get_by_label("Số lượng (kg)").fill("2")
    buyer.get_by_role("button", name="Thêm vào giỏ").click()
    buyer.goto(base + "/gio-hang/")
    buyer.get_by_role("link", name="Đặt hàng", exact=True).click()
    fill_checkout(buyer)
    order_url = buyer.url
    take = LotTake.objects.get()
    assert (take.lot.code, take.quantity, take.line.product_id) == ("HL-2612", 2, mango.pk)
    assert Lot.objects.get().remaining == take.lot.quantity - 2

    # The farmer delivers.
    grower.goto(base + "/cua-toi/don-hang/")
    grower.get_by_role("link", name="CNS-").first.click()
    grower.get_by_role("button", name="Xác nhận").click()
    grower.get_by_role("button", name="Đã giao và đã thu tiền").click()
    expect(grower.locator("body")).to_contain_text("Đã giao")

    # The buyer's order page names the lot and offers the review.
    buyer.goto(order_url)
    expect(buyer.get_by_role("link", name="HL-2612")).to_be_visible()
    buyer.get_by_role("link", name="Đánh giá “Xoài cát Hòa Lộc”").click()
    buyer.get_by_label("★★★★★", exact=True).check()
    buyer.get_by_label("Nhận xét của bạn").fill("Xoài thơm, ngọt, đúng lô ghi trên nhãn.")
    shot(buyer, tmp_path, "review-form")
    buyer.get_by_role("button", name="Gửi đánh giá").click()
    expect(buyer.locator("body")).to_contain_text("đã đánh giá, cảm ơn bạn")
    assert Review.objects.get().stars == 5

    # The product page shows the rating, and says it to search engines.
    buyer.goto(base + mango.get_absolute_url())
    expect(buyer.locator("#danh-gia")).to_contain_text("5,0/5 ★")
    expect(buyer.locator("#danh-gia")).to_contain_text("Xoài thơm, ngọt")
    shot(buyer, tmp_path, "product-rated")
    blocks = buyer.locator('script[type="application/ld+json"]').all_text_contents()
    product = next(data for data in map(json.loads, blocks) if data["@type"] == "Product")
    assert product["aggregateRating"]["ratingValue"] == 5.0
    assert product["aggregateRating"]["reviewCount"] == 1
    assert product["review"][0]["author"]["name"] == "Mai"
