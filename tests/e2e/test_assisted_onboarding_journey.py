import re

import pytest
from playwright.sync_api import expect

from producers.models import Producer

from .pages import log_in, photo_file

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_household_is_registered_by_its_digital_team_claims_its_account_and_is_verified(
    live_server, browser, phone_page, home_communes, helper, official, tmp_path
):
    base = live_server.url
    filled = []  # every field the member fills, from nothing to a public first product

    def field(label, **options):
        filled.append(label)
        return phone_page.get_by_label(label, **options)

    # A community digital-team member registers the household from a phone.
    log_in(phone_page, base, "0987 000 001")
    phone_page.get_by_role("link", name="Đăng ký cho hộ dân").click()
    field("Hộ nông dân").check()
    field("Tên hiển thị").fill("Vườn sơ ri Gò Công Tám Lành")
    field("Người đại diện").fill("Võ Thị Lành")
    field("Số điện thoại").fill("0912 777 888")
    field("Phiếu đồng ý hộ đã ký (ảnh hoặc PDF)").set_input_files(
        photo_file(tmp_path, "phieu-dong-y.jpg", (240, 240, 240))
    )
    phone_page.get_by_role("button", name="Đăng ký").click()
    code = phone_page.locator("[data-claim-code]").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert phone_page.locator(".qr svg").is_visible()

    # ...and fills in the profile on its behalf.
    phone_page.get_by_role("link", name="Tiếp tục hồ sơ của hộ").click()
    field("Xã/phường").select_option(label="Xã Gò Công Đông")
    phone_page.get_by_role("button", name="Lưu và tiếp tục").click()
    field("Sản phẩm chính").fill("Sơ ri Gò Công")
    phone_page.get_by_role("button", name="Lưu và tiếp tục").click()
    phone_page.get_by_role("button", name="Lưu và tiếp tục").click()  # no certificate yet
    phone_page.get_by_role("button", name="Gửi xác minh").click()
    expect(phone_page.locator("body")).to_contain_text("Đã gửi xác minh")
    phone_page.get_by_role("button", name="Đăng xuất").click()

    # The household claims its account with the code from the paper.
    # The QR code's link carries the code in its fragment, which the page reads itself.
    phone_page.goto(f"{base}/nhan-tai-khoan/#ma={code}")
    assert phone_page.get_by_label("Mã nhận tài khoản").input_value() == code
    phone_page.get_by_label("Mật khẩu:", exact=True).fill("so-ri-go-cong")
    phone_page.get_by_label("Xác nhận lại mật khẩu").fill("so-ri-go-cong")
    phone_page.get_by_role("button", name="Nhận tài khoản của tôi").click()
    phone_page.wait_for_url(base + "/cua-toi/")
    expect(phone_page.locator("body")).to_contain_text("Chờ xác minh")

    # An official verifies it in the Wagtail admin, on a desktop.
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN").new_page()
    desk.set_default_timeout(10_000)
    desk.goto(base + "/admin/login/")
    # Wagtail's own login form, partly translated by Wagtail: find it by its fields.
    desk.locator("#id_username").fill("canbo1")
    desk.locator("#id_password").fill("mat-khau-123")
    desk.locator("form button[type=submit]").click()
    desk.wait_for_url(base + "/admin/")
    producer = Producer.objects.get()
    desk.goto(f"{base}/admin/producers/?status=submitted")
    expect(desk.locator("body")).to_contain_text("Vườn sơ ri Gò Công Tám Lành")
    desk.goto(f"{base}/admin/producers/inspect/{producer.pk}/")
    # The household shows its chip ID card at the commune: the official records it first.
    desk.get_by_role("link", name="Ghi nhận xác thực danh tính trực tiếp").click()
    desk.get_by_label("Họ tên trên thẻ căn cước").fill("Trần Văn Tám")
    desk.get_by_label("Số định danh cá nhân (12 chữ số)").fill("082 180 012 345")
    desk.get_by_label("Tôi đã xem thẻ căn cước gắn chip").check()
    desk.get_by_role("button", name="Ghi nhận xác thực danh tính").click()
    desk.wait_for_url(f"{base}/admin/producers/inspect/{producer.pk}/")
    expect(desk.locator("body")).to_contain_text("0**********5")
    desk.get_by_label("Tôi đã xem những gì sẽ công khai").check()
    desk.get_by_role("button", name="Xác minh").click()
    desk.wait_for_url(
        f"{base}/admin/producers/?status=submitted&ordering=status_changed_at"
    )  # back to the queue

    # Its public page shows, and the household sees the notice.
    phone_page.goto(f"{base}/nha-san-xuat/{producer.slug}/")
    assert phone_page.locator("h1").inner_text() == "Vườn sơ ri Gò Công Tám Lành"
    assert phone_page.get_by_role("link", name="Gọi 0912 777 888").is_visible()
    phone_page.goto(base + "/cua-toi/")
    expect(phone_page.locator("body")).to_contain_text("đã được xác minh")
    phone_page.get_by_role("button", name="Đăng xuất").click()

    # The member lists the household's first product for it.
    log_in(phone_page, base, "0987 000 001")
    phone_page.goto(f"{base}/cua-toi/san-pham/moi/{producer.pk}/")
    field("Tên").fill("Sơ ri Gò Công")
    field("Danh mục").select_option(index=1)
    field("Giá (đồng)").fill("40.000")
    field("Ảnh (ảnh đầu tiên là ảnh bìa)").set_input_files(
        [photo_file(tmp_path, "so-ri.jpg", (200, 40, 40))]
    )
    phone_page.get_by_role("button", name="Lưu", exact=True).click()
    phone_page.get_by_role("button", name="Đăng bán").first.click()
    expect(phone_page.locator("body")).to_contain_text("hiện: Đang bán.")
    product = producer.products.get()
    buyer = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    buyer.goto(base + product.get_absolute_url())  # a buyer, not signed in, sees it
    assert buyer.locator("h1").inner_text() == "Sơ ri Gò Công"
    buyer.context.close()

    print(f"fields a digital-team member fills, nothing to a public product: {len(filled)}")
    assert len(filled) <= 15, filled
