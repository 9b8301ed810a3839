"""A new farmer on a phone, from the home page to a product buyers see: finds sign-up,
proves the phone with the texted code, fills the profile (the commune found by typing
without accents, the farm's position from the phone), submits it, lists a first product
that says it waits for verification, and sees it public once an official verifies."""

import re

import pytest
from playwright.sync_api import expect

from accounts.sms import LocmemBackend
from compliance import identity
from producers import services as producer_services
from producers.models import Producer

from .pages import photo_file

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_new_farmer_signs_up_from_the_home_page_and_lists_a_first_product(
    live_server, browser, demo_site, home_communes, official, tmp_path
):
    base = live_server.url
    LocmemBackend.outbox.clear()
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN",
        geolocation={"latitude": 10.3512, "longitude": 106.0231}, permissions=["geolocation"],
    )  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(10_000)

    page.goto(base + "/")
    page.get_by_role("link", name="Đăng ký bán hàng").first.click()
    expect(page.locator("h1")).to_have_text("Bán hàng trên Chợ Nông Sản")
    page.get_by_role("link", name="Đăng ký bán hàng").last.click()

    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Mật khẩu:", exact=True).fill("xoai-hoa-loc-2026")
    page.get_by_label("Xác nhận lại mật khẩu").fill("xoai-hoa-loc-2026")
    page.get_by_label("Tôi đã đọc và đồng ý", exact=False).check()
    page.get_by_role("button", name="Gửi mã cho tôi").click()
    expect(page).to_have_url(base + "/dang-ky/xac-nhan/")
    phone, message = LocmemBackend.outbox[-1]
    assert phone == "+84912345678"
    page.get_by_label("Mã trong tin nhắn", exact=False).fill(
        re.search(r"\b(\d{6})\b", message).group(1)
    )
    page.get_by_role("button", name="Tạo tài khoản").click()

    # The profile wizard, step by step.
    expect(page).to_have_url(base + "/cua-toi/nha-san-xuat/moi/")
    page.get_by_label("Hộ nông dân").check()
    page.get_by_label("Tên hiển thị").fill("Vườn xoài Út Ba")
    page.get_by_label("Người đại diện").fill("Nguyễn Văn Ba")
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.get_by_placeholder("Gõ để tìm xã (không cần dấu)").fill("cai be")
    expect(page.get_by_label("Xã/phường")).to_have_value(
        str(home_communes.get(name="Xã Cái Bè").pk)
    )
    page.get_by_role("button", name="Dùng vị trí hiện tại của tôi").click()
    expect(page.locator("input[name=latitude]")).to_have_value("10.351200")
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.get_by_label("Sản phẩm chính").fill("Xoài cát Hòa Lộc")
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.get_by_role("button", name="Lưu và tiếp tục").click()  # no certificate yet
    page.get_by_role("button", name="Gửi xác minh").click()
    expect(page.locator("body")).to_contain_text("Chờ xác minh")

    farm = Producer.objects.get()
    assert farm.commune.name == "Xã Cái Bè" and farm.status == "submitted"
    assert (round(float(farm.latitude), 4), round(float(farm.longitude), 4)) == (10.3512, 106.0231)

    # A first product, listed while the farm waits: it says when buyers will see it.
    page.get_by_role("link", name="Sản phẩm của tôi").click()
    page.get_by_role("link", name="Thêm sản phẩm").click()
    page.get_by_label("Tên").fill("Xoài cát Hòa Lộc loại 1")
    page.get_by_label("Danh mục").select_option(label="— Xoài")
    page.get_by_label("Giá (đồng)").fill("120.000")
    page.get_by_label("Ảnh (ảnh đầu tiên là ảnh bìa)").set_input_files(
        [photo_file(tmp_path, "xoai.jpg", (230, 190, 50))]
    )
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_role("button", name="Đăng bán").first.click()
    expect(page.locator("body")).to_contain_text("Người mua thấy sản phẩm khi hồ sơ")
    product = farm.products.get()
    buyer = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    assert buyer.goto(base + product.get_absolute_url()).status == 404

    # The official's side (identity check, verification) has its own journey.
    identity.record_in_person(farm, official, full_name="Nguyễn Văn Ba", citizen_id="082195012345")
    producer_services.verify(farm, official)

    assert buyer.goto(base + product.get_absolute_url()).status == 200
    expect(buyer.locator("h1")).to_have_text("Xoài cát Hòa Lộc loại 1")
    buyer.context.close()
    context.close()
