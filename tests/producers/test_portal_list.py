"""A digital-team member with many households: the action first, search, filters, pages."""

import pytest

from tests.factories import ProducerFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def households(helper, cai_be):
    made = [
        ProducerFactory(display_name=f"Hộ số {number}", helper=helper, commune=cai_be,
                        status="verified", phone=f"+8491200{number:04d}")
        for number in range(45)
    ]  # fmt: skip
    ProducerFactory(display_name="Hộ bà Tư", representative="Lê Thị Tư", helper=helper,
                    commune=cai_be, status="rejected", status_reason="Thiếu ảnh CCCD")  # fmt: skip
    ProducerFactory(display_name="Hộ ông Sáu", helper=helper, commune=cai_be, status="submitted")
    ProductFactory(producer=made[0])
    return made


def test_the_register_button_comes_before_the_households(client, helper, households):
    client.force_login(helper)

    html = client.get("/cua-toi/").content.decode()

    assert html.index("Đăng ký cho hộ dân") < html.index("Hộ số")
    assert html.count('class="card producer-card"') == 20  # a page, not all 47
    assert "Trang 1 / 3" in html


def test_a_member_finds_a_household_by_name_or_phone(client, helper, households):
    client.force_login(helper)

    by_name = client.get("/cua-toi/", {"q": "bà Tư"}).content.decode()
    by_phone = client.get("/cua-toi/", {"q": "0912 000 007"}).content.decode()

    assert "Hộ bà Tư" in by_name and "Thiếu ảnh CCCD" in by_name and "Hộ số" not in by_name
    assert "Hộ số 7" in by_phone and by_phone.count('class="card producer-card"') == 1


def test_the_household_search_does_not_need_the_accents(client, helper, households):
    """Issue 22, item 11: "ba tu" found nothing; the public search folds, this did not."""
    client.force_login(helper)

    html = client.get("/cua-toi/", {"q": "ba tu"}).content.decode()

    assert "Hộ bà Tư" in html and "Hộ số" not in html


def test_filters_count_and_show_the_households_in_each_state(client, helper, households):
    client.force_login(helper)

    html = client.get("/cua-toi/", {"loc": "chua-co-san-pham"}).content.decode()

    assert "Chờ xác minh (1)" in html and "Bị từ chối: cần sửa (1)" in html
    assert "Chưa có sản phẩm (46)" in html
    assert "Hộ số 0<" not in html  # it has a product


@pytest.mark.parametrize("params", [{"q": "\x00"}, {"q": "x" * 5000}, {"loc": "khong-co"},
                                    {"page": "9999999999999999999999"}])  # fmt: skip
def test_odd_parameters_get_a_page(client, helper, households, params):
    client.force_login(helper)
    assert client.get("/cua-toi/", params).status_code in (200, 400)
