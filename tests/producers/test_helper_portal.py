"""Issue 22, item 11: a digital-team member helping many households finds each one's
products, adds one for a household from its card, reads texts meant for a helper, and
(the notices of orders cancelled meanwhile: tests/orders/test_order_notices.py)."""

import re

import pytest

from catalog.models import Product
from tests.factories import ProducerFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def households(helper, cai_be):
    """Three households the helper registered; their names sort otherwise than their ages."""
    made = {}
    for name, products in [
        ("Vườn Tư Lợi", ["Sầu riêng Ri6", "Chôm chôm"]),
        ("Bưởi Năm Hùng", ["Bưởi da xanh"]),
        ("Ao tôm Út", []),
    ]:
        household = ProducerFactory(
            display_name=name, commune=cai_be, helper=helper, status="verified"
        )
        for product in products:
            ProductFactory(producer=household, name=product)
        made[name] = household
    ProductFactory(name="Sầu riêng của người khác")  # a producer the helper does not help
    return made


def test_each_household_card_links_its_products_and_adding_one(client, helper, households):
    client.force_login(helper)
    html = client.get("/cua-toi/").content.decode()

    for household in households.values():
        assert f'href="/cua-toi/san-pham/?producer={household.pk}"' in html
        assert f'href="/cua-toi/san-pham/moi/{household.pk}/"' in html
    assert "2 sản phẩm" in html and "0 sản phẩm" in html


def test_my_products_come_grouped_by_household(client, helper, households):
    client.force_login(helper)
    html = client.get("/cua-toi/san-pham/").content.decode()

    headings = re.findall(r'<li class="portal-products__household"><h2>([^<]+)</h2>', html)
    assert headings == ["Ao tôm Út", "Bưởi Năm Hùng", "Vườn Tư Lợi"][1:]  # Ao tôm Út has none
    assert "Sầu riêng của người khác" not in html
    # Many households: no row of a hundred "New product" buttons on top.
    assert html.count('class="button" href="/cua-toi/san-pham/moi/') == 0


def test_my_products_narrow_to_one_household_or_by_name_without_accents(client, helper, households):
    client.force_login(helper)
    tu_loi = households["Vườn Tư Lợi"]

    one = client.get("/cua-toi/san-pham/", {"producer": tu_loi.pk}).content.decode()
    found = client.get("/cua-toi/san-pham/", {"q": "sau rieng"}).content.decode()
    by_household = client.get("/cua-toi/san-pham/", {"q": "nam hung"}).content.decode()

    assert "Chôm chôm" in one and "Bưởi da xanh" not in one
    assert f'href="/cua-toi/san-pham/moi/{tu_loi.pk}/"' in one
    assert "Sầu riêng Ri6" in found and "Chôm chôm" not in found
    assert "Sầu riêng của người khác" not in found
    assert "Bưởi da xanh" in by_household and "Sầu riêng Ri6" not in by_household


@pytest.mark.parametrize("value", ["abc", "999999", "-1", ""])
def test_a_household_the_helper_does_not_help_is_a_404(client, helper, households, value):
    client.force_login(helper)
    other = Product.objects.get(name="Sầu riêng của người khác").producer

    assert client.get("/cua-toi/san-pham/", {"producer": value}).status_code == 404
    assert client.get("/cua-toi/san-pham/", {"producer": other.pk}).status_code == 404


def test_the_helper_reads_of_the_households_profile_not_of_their_own(client, helper, cai_be):
    ProducerFactory(
        display_name="Vườn chờ duyệt", commune=cai_be, helper=helper, status="submitted"
    )
    client.force_login(helper)

    html = client.get("/cua-toi/").content.decode()

    assert "hồ sơ của bạn" not in html
    assert "đang kiểm tra hồ sơ này" in html
