"""GET /api/v1/stats/supply: open data, per week and category, with clear 400s."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from harvests import outlook

from .conftest import announce

pytestmark = pytest.mark.django_db


def test_per_week_and_category_announced_pre_ordered_and_flagged(client, mango):
    monday = outlook.first_monday(timezone.localdate()) + datetime.timedelta(weeks=3)
    announce(mango, expected_quantity=Decimal("7000"), open_quantity=Decimal("100"),
             window_start=monday, window_end=monday + datetime.timedelta(days=6))  # fmt: skip

    answer = client.get("/api/v1/stats/supply", {"weeks": "6"}).json()

    assert (
        answer["weeks"] == 6
        and answer["start"] == outlook.first_monday(timezone.localdate()).isoformat()
    )
    (row,) = answer["rows"]
    assert row == {
        "week": monday.isoformat(), "week_label": outlook.week_label(monday),
        "category": mango.category.slug, "category_label": mango.category.name, "unit": "kg",
        "announced": 7000.0, "preordered": 0.0, "sold_last_year": 0.0, "flagged": True,
        "communes": ["Xã Cái Bè"],
    }  # fmt: skip
    assert "producers" not in row  # names are for the officials' page
    csv = client.get("/api/v1/stats/supply", {"format": "csv"}).content.decode("utf-8-sig")
    assert csv.splitlines()[1].startswith(f"{monday.isoformat()},{mango.category.slug},")


@pytest.mark.parametrize(
    ("query", "parameter"),
    [({"weeks": "0"}, "weeks"), ({"weeks": "27"}, "weeks"), ({"weeks": "１２"}, "weeks"),
     ({"weeks": "99999999999"}, "weeks"), ({"start": "2026-13-01"}, "start"),
     ({"start": "1999-12-31"}, "start"), ({"start": "3026-01-01"}, "start"),
     ({"as_of": "2999-01-01"}, "as_of"), ({"category": "khong-co"}, "category"),
     ({"group_by": "producer"}, "group_by"), ({"format": "pdf"}, "format")],
)  # fmt: skip
def test_a_wrong_parameter_is_named_in_a_400(client, query, parameter):
    response = client.get("/api/v1/stats/supply", query)
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == parameter
