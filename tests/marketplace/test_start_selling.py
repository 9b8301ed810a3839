"""A farmer finds how to start selling from the home page and the header."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_home_page_and_header_lead_to_sign_up(client, demo_site):
    home = client.get("/").content.decode()
    assert home.count('href="/ban-hang/"') == 2  # the header and the home page

    page = client.get("/ban-hang/")

    content = page.content.decode()
    assert page.status_code == 200 and "Bán hàng trên Chợ Nông Sản" in content
    assert 'href="/dang-ky/"' in content and "Tổ công nghệ số cộng đồng" in content


def test_signed_in_users_are_not_asked_to_sign_up(client, demo_site, farmer):
    client.force_login(farmer)

    assert 'href="/ban-hang/"' not in client.get("/").content.decode()
    assert 'href="/cua-toi/"' in client.get("/ban-hang/").content.decode()


def test_a_farmer_waiting_for_verification_is_told_why_buyers_do_not_see_the_product(
    client, farmer, cai_be
):
    from tests.factories import ProducerFactory, ProductFactory

    farm = ProducerFactory(owner=farmer, commune=cai_be, status="submitted")
    ProductFactory(producer=farm, status="active")
    client.force_login(farmer)

    products = client.get("/cua-toi/san-pham/").content.decode()
    home = client.get("/cua-toi/").content.decode()

    assert "Người mua thấy sản phẩm khi hồ sơ nhà sản xuất được cán bộ xã xác minh" in products
    assert "Cán bộ xã đang kiểm tra hồ sơ này" in home
    assert 'class="button" href="/cua-toi/nha-san-xuat/moi/"' not in home  # has one already
    assert "Thêm một hồ sơ nhà sản xuất khác" in home


def test_photo_fields_explain_themselves_in_vietnamese(client, farmer, cai_be):
    from tests.factories import ProducerFactory

    farm = ProducerFactory(owner=farmer, commune=cai_be, status="draft")
    client.force_login(farmer)

    page = client.get(f"/cua-toi/nha-san-xuat/{farm.pk}/buoc/3/").content.decode()

    assert "Ảnh JPEG, PNG, WebP hoặc HEIC (ảnh điện thoại), tối đa 20 MB." in page
    assert "Supported formats" not in page and "Maximum filesize" not in page
