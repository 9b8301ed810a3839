"""On phones: a school kitchen registers as a business buyer; the commune's official
approves it in the admin; the kitchen asks two cooperatives for 200 kg of rice every
week; both answer; the kitchen compares the offers and accepts the cheaper; the task
worker places the first standing order on schedule; the cooperative's portal shows it."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import OFFICIALS
from orders.models import OrderLine
from tests.factories import ProducerFactory, ProductFactory, UserFactory, _category
from wholesale.models import Business, BusinessStatus, StandingOrder, WholesaleSettings
from wholesale.tasks import place_standing_orders

from .pages import accessibility_violations, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "vi-VN"}


@pytest.fixture
def cooperatives(home_communes):
    cai_be = home_communes.get(name="Xã Cái Bè")
    other = home_communes.exclude(pk=cai_be.pk).order_by("name").first()
    rice = _category("gao-ngu-coc")
    coops = []
    for number, (name, commune, price) in enumerate(
        [("HTX Lúa gạo Mỹ Lợi", cai_be, 22_000), ("HTX Nông nghiệp Hậu Thành", other, 21_000)]
    ):
        owner = UserFactory(username=f"+8491277700{number + 1}", phone=f"+8491277700{number + 1}")
        coop = ProducerFactory(display_name=name, kind="cooperative", owner=owner, commune=commune)
        ProductFactory(producer=coop, category=rice, name=f"Gạo ST25 {name[4:]}", price_vnd=price,
                       unit="kg", quantity_step="1", stock_quantity="5000")  # fmt: skip
        coops.append(coop)
    return coops


def shot(page, tmp_path, name):
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
    assert accessibility_violations(page) == [], name


def answer(browser, base, tmp_path, phone, price, name):
    coop = browser.new_context(**PHONE).new_page()
    log_in(coop, base, phone)
    coop.goto(base + "/cua-toi/")
    coop.get_by_role("link", name="Yêu cầu báo giá").click()
    coop.get_by_role("link", name="Bếp ăn Trường Tiểu học Cái Bè").click()
    coop.get_by_label("Giá mỗi đơn vị (đồng)").fill(price)
    coop.get_by_label("Phí giao hàng (đồng)").fill("0")
    shot(coop, tmp_path, name)
    coop.get_by_role("button", name="Gửi báo giá").click()
    expect(coop.locator("body")).to_contain_text("Đã gửi báo giá")
    return coop


def test_a_school_kitchen_gets_its_rice_every_week(live_server, browser, tmp_path, cooperatives):
    base = live_server.url
    cai_be = cooperatives[0].commune
    UserFactory(username="canbo_caibe", roles=[OFFICIALS], areas={"communes": [cai_be]})
    UserFactory(username="+84903555001", phone="+84903555001")
    first_delivery = timezone.localdate() + datetime.timedelta(
        days=WholesaleSettings.load().lead_days
    )

    # The kitchen registers its business.
    kitchen = browser.new_context(**PHONE).new_page()
    log_in(kitchen, base, "0903 555 001")
    kitchen.goto(base + "/cua-toi/")
    kitchen.get_by_role("link", name="Mua sỉ cho doanh nghiệp").click()
    kitchen.get_by_label("Bếp ăn tập thể (trường học, nhà máy, bệnh viện)").check()
    kitchen.get_by_label("Tên doanh nghiệp").fill("Bếp ăn Trường Tiểu học Cái Bè")
    kitchen.get_by_label("Mã số thuế").fill("0312687879")  # a digit off
    kitchen.get_by_label("Người liên hệ").fill("Cô Hạnh")
    kitchen.get_by_label("Số điện thoại nhận đơn và tin nhắn").fill("0903 555 001")
    kitchen.get_by_label("Xã/phường").select_option(label="Xã Cái Bè")
    kitchen.get_by_label("Địa chỉ giao hàng (số nhà, đường, ấp)").fill("Ấp 1, Trường Tiểu học")
    kitchen.get_by_role("button", name="Gửi để kiểm tra").click()
    expect(kitchen.locator("main")).to_contain_text("Mã số thuế không hợp lệ")
    kitchen.get_by_label("Mã số thuế").fill("0312687878")
    shot(kitchen, tmp_path, "business-register")
    kitchen.get_by_role("button", name="Gửi để kiểm tra").click()
    expect(kitchen.locator("main")).to_contain_text("Đang chờ cán bộ duyệt")
    kitchen.goto(base + "/cua-toi/mua-si/yeu-cau-moi/")
    expect(kitchen.locator("main")).to_contain_text(
        "Chỉ tài khoản doanh nghiệp đã được cán bộ duyệt"
    )

    # The commune's official approves it.
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN").new_page()
    desk.goto(base + "/admin/login/")
    desk.locator("#id_username").fill("canbo_caibe")
    desk.locator("#id_password").fill("mat-khau-123")
    desk.locator("form button[type=submit]").click()
    desk.wait_for_url(base + "/admin/")
    expect(desk.locator("body")).to_contain_text("Người mua doanh nghiệp chờ kiểm tra")
    business = Business.objects.get()
    desk.goto(f"{base}/admin/business-buyers/inspect/{business.pk}/")
    expect(desk.locator("body")).to_contain_text("0312687878")
    desk.get_by_role("button", name="Duyệt").click()
    desk.wait_for_url(f"{base}/admin/business-buyers/")
    business.refresh_from_db()
    assert business.status == BusinessStatus.APPROVED

    # It asks both cooperatives for 200 kg of rice every week.
    kitchen.goto(base + "/cua-toi/mua-si/")
    expect(kitchen.locator("main")).to_contain_text("Đã duyệt")
    kitchen.get_by_role("link", name="Yêu cầu báo giá").first.click()
    kitchen.get_by_label("Bạn cần mua gì?").select_option(value="gao-ngu-coc")
    kitchen.get_by_role("button", name="Tiếp tục").click()
    kitchen.get_by_label("Số lượng:", exact=True).fill("200")
    kitchen.get_by_label("Hằng tuần", exact=True).check()
    kitchen.get_by_label("Ngày giao (lần đầu, nếu hằng tuần)").fill(first_delivery.isoformat())
    for coop in cooperatives:
        kitchen.get_by_label(coop.display_name, exact=False).check()
    kitchen.get_by_label("Ghi chú").fill("Gạo trắng, bao 25 kg, giao trước 7 giờ sáng thứ Hai")
    shot(kitchen, tmp_path, "request-new")
    kitchen.get_by_role("button", name="Gửi yêu cầu").click()
    expect(kitchen.locator("main")).to_contain_text("Đã gửi cho 2 nhà sản xuất")

    # Both answer; the second is cheaper.
    first = answer(browser, base, tmp_path, "0912 777 001", "22.000", "offer-first")
    answer(browser, base, tmp_path, "0912 777 002", "20.500", "offer-second")

    # The kitchen compares them side by side and accepts the cheaper.
    kitchen.reload()
    rows = kitchen.locator(".offers .offer")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("HTX Nông nghiệp Hậu Thành")
    expect(rows.first).to_contain_text("20.500")
    shot(kitchen, tmp_path, "offers-compared")
    kitchen.get_by_role("button", name="Chọn báo giá của HTX Nông nghiệp Hậu Thành").click()
    expect(kitchen.locator("main")).to_contain_text("đơn đặt định kỳ hằng tuần")
    standing = StandingOrder.objects.get()
    assert standing.producer == cooperatives[1] and standing.price_vnd == 20_500

    # The task worker places the first week on schedule.
    assert place_standing_orders.call() == 1
    line = OrderLine.objects.get()
    assert (line.unit_price_vnd, line.quantity, line.wholesale) == (20_500, Decimal("200"), True)
    code = line.part.order.code

    second = browser.new_context(**PHONE).new_page()
    log_in(second, base, "0912 777 002")
    second.goto(base + "/cua-toi/yeu-cau-bao-gia/")
    expect(second.locator(".standing-order")).to_contain_text(code)
    shot(second, tmp_path, "producer-standing")
    second.goto(base + "/cua-toi/don-hang/")
    expect(second.locator("main")).to_contain_text(code)
    kitchen.goto(base + "/cua-toi/mua-si/")
    expect(kitchen.locator(".standing-order")).to_contain_text(code)
    shot(kitchen, tmp_path, "business-home")
    # The cooperative not chosen is told when the kitchen closes the request.
    first.goto(base + "/cua-toi/yeu-cau-bao-gia/")
    expect(first.locator("main")).to_contain_text("Chờ người mua chọn")
