"""GET /api/v1/prices and /gia-thi-truong/: the figures with their sales and producers,
every wrong parameter a 400 that names it (issue 27's fixed points)."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from .conftest import sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def sold(farms, fruit):
    for n, price in enumerate([45_000, 48_000, 52_000, 52_000, 55_000, 60_000]):
        sale(farms[n % 3], fruit, price)
    sale(farms[0], fruit, 1_000_000, unit="qua")  # one farm alone: never shown


def test_the_api_gives_each_figure_with_its_sales_and_producers(client, sold):
    answer = client.get("/api/v1/prices", {"interval": "month"}).json()
    assert answer["threshold"] == {"sales": 5, "producers": 3}
    assert answer["hidden"] == 1
    (figure,) = answer["figures"]
    assert figure["category"] == "trai-cay" and figure["unit"] == "kg"
    assert figure["channel"] == "retail" and figure["area"]["level"] == "province"
    assert (figure["sales"], figure["producers"]) == (6, 3)
    assert (figure["min"], figure["q1"], figure["median"], figure["q3"], figure["max"]) == (
        45_000, 49_000, 52_000, 54_250, 60_000,
    )  # fmt: skip
    assert figure["period"] == timezone.localdate().replace(day=1).isoformat()
    assert "1000000" not in str(answer)


def test_the_csv_has_the_same_figures(client, sold):
    response = client.get("/api/v1/prices", {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row["median"], row["sales"], row["producers"]) for row in rows] == [
        ("52000", "6", "3")
    ]


@pytest.mark.parametrize(
    "parameters, named",
    [
        ({"category": "khong-co"}, "category"),
        ({"commune": "abc"}, "commune"),
        ({"commune": "9" * 40}, "commune"),
        ({"legacy_district": "-1"}, "legacy_district"),
        ({"unit": "tấn"}, "unit"),
        ({"channel": "si"}, "channel"),
        ({"interval": "day"}, "interval"),
        ({"start": "2026-13-01"}, "start"),
        ({"start": "2026-11-30", "end": "2026-11-01"}, "start"),
        ({"end": "2999-01-01"}, "end"),
        ({"start": "2020-01-01", "end": "2026-11-30"}, "start"),  # weekly: two years at most
        ({"format": "xlsx"}, "format"),
    ],
)
def test_a_wrong_parameter_is_a_400_that_names_it(client, parameters, named):
    response = client.get("/api/v1/prices", parameters)
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == named


def test_five_years_by_month_are_allowed(client, sold):
    end = timezone.localdate()
    start = end - datetime.timedelta(days=5 * 365)
    response = client.get("/api/v1/prices", {"interval": "month", "start": start, "end": end})
    assert response.status_code == 200


def test_the_board_page_shows_the_figures_in_vietnamese(client, sold):
    page = client.get("/gia-thi-truong/").content.decode()
    assert "Giá thị trường" in page
    assert "52.000\u00a0₫" in page and "45.000\u00a0₫–60.000\u00a0₫" in page
    assert "1.000.000" not in page


def test_the_board_page_answers_a_wrong_filter_with_a_400_and_a_message(client, sold):
    response = client.get("/gia-thi-truong/", {"end": "2999-01-01"})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_the_price_form_tells_the_farmer_what_sold_lately(client, farmer, sold, cai_be, fruit):
    from catalog.models import Category
    from tests.factories import ProducerFactory, ProductFactory

    farm = ProducerFactory(owner=farmer, commune=cai_be)
    product = ProductFactory(producer=farm, category=fruit, unit="kg", photos=0)
    client.force_login(farmer)
    page = client.get(f"/cua-toi/san-pham/{product.pk}/sua/").content.decode()
    assert "Giá bán lẻ gần đây trong tỉnh (12 tuần): 49.000\u00a0₫–54.250\u00a0₫/kg" in page
    assert "trung vị 52.000\u00a0₫" in page

    fish = ProductFactory(
        producer=farm, category=Category.objects.get(slug="ca"), unit="kg", photos=0
    )
    page = client.get(f"/cua-toi/san-pham/{fish.pk}/sua/").content.decode()
    assert "gần đây trong tỉnh" not in page  # no sales behind it: nothing said
