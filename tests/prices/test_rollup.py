"""Closed weeks and months are read from the figures written when they closed, and give
the same answer as their sales (issue 27: the board fast at a million sales)."""

import datetime

import pytest

from prices import board, rollup
from prices.models import ClosedPeriod, PeriodFigure, Sale

from .conftest import sale

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 2)  # a Wednesday
PRICES = [45_000, 52_000, 60_000, 47_500, 58_000, 61_000, 52_000, 44_000]


@pytest.fixture
def spread(farms, fruit):
    """Sales every fourth day over two months, in every farm, today's included."""
    for n in range(16):
        day = TODAY - datetime.timedelta(days=4 * n)
        for m, farm in enumerate(farms):
            sale(farm, fruit, PRICES[(n + m) % len(PRICES)], day=day)


def asked(farms, **fields):
    values = {"start": TODAY - datetime.timedelta(days=60), "end": TODAY, **fields}
    return board.Query(**values)


QUERIES = [
    {},
    {"interval": "month"},
    {"start": TODAY - datetime.timedelta(days=45)},  # cuts a week and a month
    {"interval": "month", "start": TODAY - datetime.timedelta(days=45)},
    {"end": TODAY - datetime.timedelta(days=10)},
    {"interval": None},
]


@pytest.mark.parametrize("fields", QUERIES)
def test_closed_periods_give_what_their_sales_give(spread, farms, fields):
    for level in ("province", "district", "commune"):
        place = farms[0].commune
        extra = {"province": {}, "district": {"legacy_district": place.legacy_district},
                 "commune": {"commune": place}}[level]  # fmt: skip
        query = asked(farms, **fields, **extra)
        live = board.figures(query)
        ClosedPeriod.objects.all().delete()
        PeriodFigure.objects.all().delete()
        assert rollup.close_periods(today=TODAY) > 0
        assert board.figures(query) == live, (fields, level)


def test_closed_periods_are_read_from_their_figures_not_their_sales(spread, farms):
    query = asked(farms)
    before = board.figures(query)
    rollup.close_periods(today=TODAY)
    # Were the board to read a closed week's sales, these would be gone from it.
    closed = rollup.closed_within(query, "province")
    assert len(closed) == 8
    Sale.objects.filter(week__in=closed).delete()
    assert board.figures(query) == before


def test_only_periods_over_are_closed_and_closing_twice_writes_nothing(spread):
    rollup.close_periods(today=TODAY)
    this_week = TODAY - datetime.timedelta(days=TODAY.weekday())
    assert not ClosedPeriod.objects.filter(interval="week", period=this_week).exists()
    assert not ClosedPeriod.objects.filter(interval="month", period=TODAY.replace(day=1)).exists()
    assert ClosedPeriod.objects.filter(
        interval="week", period=this_week - datetime.timedelta(days=7)
    ).exists()
    rows = PeriodFigure.objects.count()
    assert rollup.close_periods(today=TODAY) == 0
    assert PeriodFigure.objects.count() == rows


def test_a_sale_recorded_late_into_a_closed_period_reopens_it(spread, farms, fruit):
    query = asked(farms)
    rollup.close_periods(today=TODAY)
    last_week = TODAY - datetime.timedelta(days=TODAY.weekday() + 7)
    late = sale(farms[0], fruit, 99_000, day=last_week)
    rollup.reopen([late])
    assert not ClosedPeriod.objects.filter(interval="week", period=last_week).exists()
    figure = next(f for f in board.figures(query)[0] if f["period"] == last_week)
    assert figure["max"] == 99_000


def test_delivering_records_the_sale_and_reopens_its_closed_period(spread, farms, fruit):
    from prices.recording import record_part  # noqa: F401 (the listener under test)

    rollup.close_periods(today=TODAY)
    closed = ClosedPeriod.objects.count()
    rollup.reopen([Sale(week=TODAY - datetime.timedelta(days=TODAY.weekday()),
                        month=TODAY.replace(day=1))])  # fmt: skip
    assert ClosedPeriod.objects.count() == closed  # today's periods were never closed
