"""Between 00:00 and 07:00 in Vietnam it is still yesterday in UTC: "today", "that day"
and "this month" are Vietnam's (issue 22, item 43). Bugs these catch: `timezone.now().date()`
for `timezone.localdate()` in reports.figures.for_date and in the in-season filter."""

import datetime

import pytest
import time_machine

from catalog import services
from catalog.models import Product
from reports.figures import for_date, from_log
from search.params import parse
from search.queries import search_products
from tests.factories import ProductFactory

from .conftest import VIETNAM

pytestmark = pytest.mark.django_db


def in_stock(figures):
    return figures.total["in_stock_products"]


def test_yesterday_after_midnight_in_vietnam_is_read_from_its_snapshot(clock, history, farmer):
    mango = Product.objects.get(name="Xoài")
    clock(datetime.datetime(2026, 3, 7, 0, 30, tzinfo=VIETNAM))  # 6 March 17:30 UTC
    services.change_status(mango, "active", farmer)  # back in stock on 7 March
    clock(datetime.datetime(2026, 3, 7, 1, 0, tzinfo=VIETNAM))

    yesterday, today = datetime.date(2026, 3, 6), datetime.date(2026, 3, 7)

    assert in_stock(for_date(yesterday)) == in_stock(from_log(yesterday))
    assert (
        in_stock(for_date(today)) == in_stock(from_log(today)) == in_stock(from_log(yesterday)) + 1
    )


def test_in_season_is_this_month_in_vietnam(settings):
    settings.ELASTICSEARCH_URL = ""
    with time_machine.travel(datetime.datetime(2026, 4, 1, 1, 0, tzinfo=VIETNAM), tick=False):
        april = ProductFactory(name="Xoài tháng tư")
        april.harvest_month_mask = 1 << 4
        april.save()

        found = search_products(parse({"in_season": "1"}))["results"]

    assert [result["id"] for result in found] == [april.pk]
