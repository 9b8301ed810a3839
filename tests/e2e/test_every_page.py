"""The pages each role opens, in Chromium at 390×844, in Vietnamese: each loads, fits the
phone's width and logs no Content-Security-Policy violation (the browser fixture fails
the test on any). The screenshots are kept in var/screenshots/ to be looked at."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from orders.models import PaymentMethod
from payments.models import BankAccount, Payment, Refund, RefundStatus
from reviews.services import write_review
from tests.harvests.conftest import announce
from tests.orders.conftest import farm, mango  # noqa: F401 (fixtures)
from tests.payments.conftest import order_of
from traceability.models import Lot
from traceability.services import record_lot

from .pages import accessibility_violations, log_in, photo_file

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


@pytest.fixture
def money_owed_back(farm, mango, cai_be):  # noqa: F811 (the imported fixtures)
    BankAccount.objects.create(
        producer=farm, bank_bin="970405", account_number="1234567890123",
        account_holder="NGUYEN VAN BA",
    )  # fmt: skip
    waiting = order_of([(mango, "1")], PaymentMethod.BANK_TRANSFER, cai_be)
    cancelled = order_of([(mango, "2")], PaymentMethod.BANK_TRANSFER, cai_be)
    part = cancelled.parts.get()
    Payment.objects.filter(part=part).update(status="paid", paid_at=timezone.now())
    part.status, part.payment_status, part.cancel_reason = "cancelled", "paid", "Đặt nhầm"
    part.save()
    Refund.objects.create(
        payment=part.transfers.get(), part=part, amount_vnd=part.total_vnd, reason="Đặt nhầm",
        status=RefundStatus.OWED,
    )  # fmt: skip
    return waiting, cancelled


@pytest.fixture
def complained(farmer, mango, cai_be):  # noqa: F811 (the imported fixture)
    """A delivered order the buyer complains about; another the buyer may complain about."""
    from complaints import services as complaints
    from orders.services import change_part_status

    orders = [order_of([(mango, "1")], PaymentMethod.CASH_ON_DELIVERY, cai_be) for _ in "ab"]
    for order in orders:
        for status in ("confirmed", "shipped", "delivered"):
            change_part_status(order.parts.get(), status, farmer)
    complaint = complaints.open_complaint(
        orders[0].parts.get(), reason="damaged", text="Hai trái xoài bị dập khi nhận."
    )
    return orders[0], orders[1], complaint


def visit(page, url, name):
    response = page.goto(url)
    assert response.ok, (url, response.status)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)
    assert page.locator("html").get_attribute("lang") == "vi"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, (url, width)
    assert accessibility_violations(page) == [], url
    # A file field in a form without multipart sends only the file's name.
    assert (
        page.locator("form:has(input[type=file]):not([enctype='multipart/form-data'])").count() == 0
    ), url


def test_buyers_and_farmers_pages_load_on_a_phone_without_a_policy_violation(
    live_server,
    browser,
    demo_site,
    farmer,
    money_owed_back,
    complained,
    mango,  # noqa: F811 (the imported fixture)
    tmp_path,
):
    waiting, cancelled = money_owed_back
    with_complaint, delivered, complaint = complained
    harvest = announce(mango)
    traced = record_lot(mango, Lot(
        harvested_on=timezone.localdate(), packed_on=timezone.localdate(),
        best_before=timezone.localdate() + datetime.timedelta(days=9),
        harvested_quantity=Decimal("10"), quantity=Decimal("10")), farmer)  # fmt: skip
    delivered_line = delivered.parts.get().lines.first()
    base = live_server.url
    page = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN").new_page()
    page.set_default_timeout(15_000)
    for url, name in [
        ("/", "home"),
        ("/thong-ke/", "statistics"),
        ("/du-lieu-mo/", "open-data"),
        ("/quy-che/", "regulations"),
        ("/chinh-sach-du-lieu/", "privacy"),
        ("/dang-ky/?vai-tro=mua", "sign-up"),
        (mango.get_absolute_url(), "product"),
        (mango.producer.get_absolute_url(), "producer"),
        (mango.category.get_absolute_url(), "category"),
        ("/xa/", "communes"),
        ("/tinh/", "provinces"),
        (f"/tinh/{mango.producer.commune.province.slug}/", "province"),
        ("/tim-kiem/?q=xoai", "search"),
        ("/sap-thu-hoach/", "coming-harvests"),
        ("/gia-thi-truong/", "price-board"),
        (f"/truy-xuat/{traced.code}/", "trace-lot"),
        (harvest.get_absolute_url(), "pre-order"),
        (waiting.get_absolute_url(), "order-transfer"),
        (cancelled.get_absolute_url(), "order-owed-back"),
        (waiting.get_absolute_url() + "huy/", "order-cancel"),
        (with_complaint.get_absolute_url(), "order-complaint"),
        (
            f"{delivered.get_absolute_url()}khieu-nai/moi/{delivered.parts.get().pk}/",
            "complaint-open",
        ),
        (f"{delivered.get_absolute_url()}danh-gia/{delivered_line.pk}/", "review-write"),
    ]:
        visit(page, base + url, name)
    page.goto(base + mango.get_absolute_url())
    page.get_by_role("button", name="Thêm vào giỏ").click()
    # The count comes from a cookie the page's script reads: the page is everyone's.
    visit(page, base + mango.producer.get_absolute_url(), "producer-with-cart")
    assert page.get_by_role("link", name="Giỏ hàng (1)").is_visible()
    visit(page, base + "/gio-hang/", "cart")
    visit(page, base + "/thanh-toan/", "checkout")

    write_review(delivered_line, None, stars=4, text="Xoài ngọt, giao đúng hẹn.")
    visit(page, base + mango.get_absolute_url(), "product-reviewed")
    log_in(page, base, "0912000001")
    part = cancelled.parts.get()
    for url, name in [
        ("/cua-toi/", "portal"),
        (f"/cua-toi/don-hang/{part.pk}/", "portal-part-owed-back"),
        (f"/cua-toi/nha-san-xuat/{part.producer_id}/ngan-hang/", "portal-bank-account"),
        (f"/cua-toi/nha-san-xuat/{part.producer_id}/giao-hang/", "portal-delivery"),
        (f"/cua-toi/nha-san-xuat/{part.producer_id}/danh-tinh/", "portal-identity"),
        (f"/cua-toi/nha-san-xuat/{part.producer_id}/thue/", "portal-taxes"),
        (f"/cua-toi/khieu-nai/{complaint.pk}/", "portal-complaint-answer"),
        ("/cua-toi/du-lieu/", "my-data"),
        ("/cua-toi/quy-che-moi/", "accept-regulations"),
        ("/cua-toi/thu-hoach/", "portal-harvests"),
        (f"/cua-toi/thu-hoach/moi/{mango.pk}/", "portal-harvest-announce"),
        (f"/cua-toi/thu-hoach/{harvest.pk}/sua/", "portal-harvest"),
        ("/cua-toi/yeu-cau-bao-gia/", "portal-quote-requests"),
        (f"/cua-toi/gia-si/{mango.pk}/", "portal-quantity-prices"),
        ("/cua-toi/mua-si/dang-ky/", "business-register"),
        (f"/cua-toi/lo-hang/{mango.pk}/", "portal-lots"),
        ("/cua-toi/danh-gia/", "portal-reviews"),
        (f"/cua-toi/san-pham/{mango.pk}/sua/", "portal-product-form"),  # last: a photo is added
    ]:
        visit(page, base + url, name)
        if name == "portal-delivery":  # ~100 communes: the box narrows them as typed
            page.get_by_placeholder("Gõ để tìm xã (không cần dấu)").fill("cai be")
            shown = page.locator("input[name=own_delivery_communes]:visible").count()
            assert 1 <= shown <= 3, shown
            page.screenshot(path=SHOTS / "portal-delivery-filtered.png", full_page=True)
    page.locator("input[type=file]").first.set_input_files(
        photo_file(tmp_path, "xoai.jpg", "orange")
    )
    page.wait_for_timeout(500)  # the preview is drawn from a blob: URL
    page.screenshot(path=SHOTS / "portal-product-form-preview.png", full_page=True)


def test_a_helpers_households_and_their_products_on_a_phone(
    live_server,
    browser,
    demo_site,
    helper,
    mango,  # noqa: F811 (the imported fixture; its farm is helped by `helper`)
    cai_be,
):
    from tests.factories import ProducerFactory, ProductFactory

    pomelo_farm = ProducerFactory(display_name="Vườn bưởi Năm Hùng", helper=helper, commune=cai_be)
    ProductFactory(producer=pomelo_farm, name="Bưởi da xanh")
    ProducerFactory(display_name="Ao tôm Út", helper=helper, commune=cai_be, status="submitted")
    base = live_server.url
    page = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN").new_page()
    page.set_default_timeout(15_000)

    log_in(page, base, "0987000001")
    visit(page, base + "/cua-toi/", "helper-households")
    visit(page, base + "/cua-toi/ho-tro/dang-ky-ho/", "helper-register-household")
    visit(page, base + "/cua-toi/san-pham/", "helper-products")
    visit(page, base + f"/cua-toi/san-pham/?producer={pomelo_farm.pk}", "helper-one-household")
