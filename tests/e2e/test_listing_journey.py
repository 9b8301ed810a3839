import pytest
from playwright.sync_api import expect

from catalog.models import Product
from tests.factories import ProducerFactory

from .pages import log_in, photo_file

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_verified_farmer_lists_a_product_marks_it_sold_out_and_relists_it(
    live_server, phone_page, home_communes, farmer, tmp_path
):
    base = live_server.url
    ProducerFactory(
        display_name="Vườn xoài Út Ba", owner=farmer, commune=home_communes.get(name="Xã Cái Bè")
    )
    page = phone_page

    log_in(page, base, "0912 000 001")
    page.get_by_role("link", name="Sản phẩm của tôi").click()
    page.get_by_role("link", name="Thêm sản phẩm").click()

    page.get_by_label("Tên").fill("Xoài cát Hòa Lộc loại 1")
    page.get_by_label("Danh mục").select_option(label="— Xoài")
    page.get_by_label("Giá (đồng)").fill("150.000")
    page.get_by_label("Bán theo bước").fill("0,5")
    page.get_by_label("Tháng 4", exact=True).check()
    page.get_by_label("Ảnh (ảnh đầu tiên là ảnh bìa)").set_input_files(
        [
            photo_file(tmp_path, "xoai-1.jpg", (230, 190, 50)),
            photo_file(tmp_path, "xoai-2.jpg", (200, 160, 40)),
        ]
    )
    assert page.locator("[data-photo-preview] img").count() == 2  # previewed before upload
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator("body")).to_contain_text("Đã lưu.")
    page.get_by_role("button", name="Đăng bán").first.click()
    expect(page.locator("body")).to_contain_text("hiện: Đang bán.")

    product = Product.objects.get()
    assert product.status == "active" and product.photos.count() == 2
    page.goto(base + product.get_absolute_url())
    assert page.locator("h1").inner_text() == "Xoài cát Hòa Lộc loại 1"
    assert "150.000\u00a0₫/kg" in page.locator(".price").inner_text()
    assert page.locator(".gallery--product picture").count() == 2

    page.goto(base + "/cua-toi/san-pham/")
    page.get_by_role("button", name="Báo hết hàng").click()
    expect(page.locator(".portal-product .status")).to_contain_text("Hết hàng")
    page.get_by_role("button", name="Có hàng lại").click()
    expect(page.locator(".portal-product .status")).to_contain_text("Đang bán")
    product.refresh_from_db()
    assert product.status == "active"
    page.goto(base + product.get_absolute_url())
    assert page.locator("h1").inner_text() == "Xoài cát Hòa Lộc loại 1"
