"""A producer (or their helper) announces a coming harvest; buyers see it on the product,
the producer and /sap-thu-hoach/; bad input is refused in words, nothing saved."""

import pytest

from catalog.models import Category
from harvests.models import AnnouncementChange, HarvestAnnouncement
from tests.factories import ProducerFactory, ProductFactory

from .conftest import announce, days

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    return {
        "expected_quantity": "2",
        "open_quantity": "1,2",
        "quantity_unit": "tan",
        "window_start": days(10).isoformat(),
        "window_end": days(25).isoformat(),
        "pricing": "fixed",
        "price_vnd": "100.000",
        "price_low_vnd": "",
        "price_high_vnd": "",
        "deposit_percent": "20",
        "tolerance_percent": "10",
        "note": "Xoài loại 1, bao trái",
        **overrides,
    }


def test_the_helper_announces_in_tonnes_and_buyers_see_it_on_every_page(client, helper, mango):
    client.force_login(helper)
    response = client.post(f"/cua-toi/thu-hoach/moi/{mango.pk}/", form_data())
    assert response.status_code == 302, response.content.decode()[:3000]

    announcement = HarvestAnnouncement.objects.get()
    assert (announcement.expected_quantity, announcement.open_quantity) == (2000, 1200)
    assert announcement.price_vnd == 100_000 and announcement.created_by == helper
    assert list(AnnouncementChange.objects.values_list("what", "open_quantity")) == [
        ("announced", 1200)
    ]
    start, end = days(10), days(25)
    window = (f"{start.day}–{end.day}/{end.month}" if start.month == end.month
              else f"{start.day}/{start.month}–{end.day}/{end.month}")  # fmt: skip
    words = f"Sắp thu hoạch {window}, còn nhận đặt trước 1,2 tấn"
    client.logout()
    for page in (mango.get_absolute_url(), mango.producer.get_absolute_url(), "/sap-thu-hoach/"):
        html = client.get(page).content.decode()
        assert words in html, page
        assert "100.000\u00a0₫/kg" in html, page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"open_quantity": "3"}, "open_quantity", "không thể mở đặt trước nhiều hơn"),
        ({"expected_quantity": "0"}, "expected_quantity", "lớn hơn 0"),
        ({"expected_quantity": "-5"}, "expected_quantity", ""),
        ({"window_start": days(-20).isoformat(), "window_end": days(-5).isoformat()},
         "window_end", "đã qua"),
        ({"window_start": days(-3).isoformat()}, "window_start", "quá khứ"),
        ({"window_start": days(500).isoformat(), "window_end": days(510).isoformat()},
         "window_end", "năm tới"),
        ({"window_end": days(5).isoformat()}, "window_end", "trước ngày đầu"),
        ({"window_end": days(200).isoformat()}, "window_end", "tối đa 120 ngày"),
        ({"pricing": "at_harvest", "price_vnd": "", "price_low_vnd": "90.000",
          "price_high_vnd": "60.000"}, "price_high_vnd", "ngược"),
        ({"pricing": "at_harvest", "price_vnd": ""}, "price_low_vnd", "khoảng giá"),
        ({"price_vnd": ""}, "price_vnd", "giá mỗi đơn vị"),
        ({"deposit_percent": "150"}, "deposit_percent", ""),
        ({"tolerance_percent": "80"}, "tolerance_percent", "50"),
        ({"window_start": "1-1-1"}, "window_start", ""),
        ({"expected_quantity": "1e9"}, "expected_quantity", ""),
    ],
)  # fmt: skip
def test_bad_announcements_are_refused_in_words_and_nothing_is_saved(
    client, farmer, mango, overrides, field, message
):
    client.force_login(farmer)
    response = client.post(f"/cua-toi/thu-hoach/moi/{mango.pk}/", form_data(**overrides))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not HarvestAnnouncement.objects.exists() and not AnnouncementChange.objects.exists()


def test_fruit_counted_whole_cannot_be_announced_in_tonnes_or_halves(client, farmer, farm):
    pomelo = ProductFactory(producer=farm, unit="qua", quantity_step="1", min_order_quantity="1")
    client.force_login(farmer)
    response = client.post(
        f"/cua-toi/thu-hoach/moi/{pomelo.pk}/",
        form_data(quantity_unit="tan", expected_quantity="500,5", open_quantity="100"),
    )
    errors = response.context["form"].errors
    assert "quantity_unit" in errors and "expected_quantity" in errors
    assert not HarvestAnnouncement.objects.exists()


def test_no_one_else_announces_or_changes_a_farms_harvest(client, other_farmer, mango):
    announcement = announce(mango)
    client.force_login(other_farmer)
    assert client.get(f"/cua-toi/thu-hoach/moi/{mango.pk}/").status_code == 404
    assert client.post(f"/cua-toi/thu-hoach/{announcement.pk}/sua/", form_data()).status_code == 404
    assert (
        client.post(f"/cua-toi/thu-hoach/{announcement.pk}/rut/", {"reason": "x"}).status_code
        == 404
    )
    assert HarvestAnnouncement.objects.get().status == "open"


def test_a_change_is_logged_and_the_open_share_never_drops_below_what_is_reserved(
    client, farmer, mango
):
    announcement = announce(mango)
    HarvestAnnouncement.objects.filter(pk=announcement.pk).update(reserved_quantity=300)
    client.force_login(farmer)

    refused = client.post(
        f"/cua-toi/thu-hoach/{announcement.pk}/sua/",
        form_data(quantity_unit="kg", expected_quantity="2000", open_quantity="250"),
    )
    assert "đã đặt trước 300 kg" in " ".join(refused.context["form"].errors["open_quantity"])

    client.post(
        f"/cua-toi/thu-hoach/{announcement.pk}/sua/",
        form_data(quantity_unit="kg", expected_quantity="3000", open_quantity="400"),
    )
    announcement.refresh_from_db()
    assert (announcement.expected_quantity, announcement.open_quantity) == (3000, 400)
    assert announcement.reserved_quantity == 300  # the form never writes what buyers reserved
    log = list(
        AnnouncementChange.objects.order_by("at", "pk").values_list(
            "what", "expected_quantity", "until"
        )
    )
    assert [(what, quantity) for what, quantity, _until in log] == [
        ("announced", 2000),
        ("changed", 3000),
    ]
    assert log[0][2] is not None and log[1][2] is None


def test_the_list_filters_by_category_and_commune_and_refuses_unknown_values(
    client, mango, farm, cai_be
):
    other = ProductFactory(
        producer=ProducerFactory(),
        name="Sầu riêng Ngũ Hiệp",
        category=Category.objects.get(slug="sau-rieng"),
    )
    announce(other, window_start=days(3), window_end=days(9))
    announce(mango)

    everything = client.get("/sap-thu-hoach/").content.decode()
    assert everything.index("Sầu riêng Ngũ Hiệp") < everything.index(
        "Xoài cát Hòa Lộc"
    )  # soonest first
    only_here = client.get("/sap-thu-hoach/", {"commune": cai_be.code}).content.decode()
    assert "Xoài cát Hòa Lộc" in only_here and "Sầu riêng Ngũ Hiệp" not in only_here
    by_category = client.get("/sap-thu-hoach/", {"category": other.category.slug}).content.decode()
    assert "Sầu riêng Ngũ Hiệp" in by_category and "Xoài cát Hòa Lộc" not in by_category
    assert client.get("/sap-thu-hoach/", {"category": "khong-co"}).status_code == 400
    assert client.get("/sap-thu-hoach/", {"commune": "99999999999"}).status_code == 400


def test_an_unlisted_product_or_a_withdrawn_harvest_is_not_shown(client, farmer, mango):
    announcement = announce(mango)
    client.force_login(farmer)
    client.post(f"/cua-toi/thu-hoach/{announcement.pk}/rut/", {"reason": "Mưa đá làm rụng trái"})
    client.logout()

    assert HarvestAnnouncement.objects.get().status == "withdrawn"
    assert "Xoài cát Hòa Lộc" not in client.get("/sap-thu-hoach/").content.decode()
    product_page = client.get(mango.get_absolute_url()).content.decode()
    assert "harvest-coming" not in product_page and "còn nhận đặt trước" not in product_page
    assert AnnouncementChange.objects.latest("at").status == "withdrawn"
