"""The price board: quantiles of realised prices, published only above the threshold,
a short commune figure replaced by its former district's (issue 27)."""

import datetime
import statistics

import pytest
from django.utils import timezone

from prices import board
from prices.models import Channel, PriceBoardSettings

from .conftest import sale

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 2)  # a Wednesday


def query(**fields):
    return board.Query(start=TODAY - datetime.timedelta(weeks=4), end=TODAY, **fields)


def direct(prices):
    """What PostgreSQL's percentile_cont gives, from the prices themselves."""
    q1, median, q3 = statistics.quantiles(prices, n=4, method="inclusive")
    return {"q1": round(q1), "median": round(median), "q3": round(q3),
            "min": min(prices), "max": max(prices)}  # fmt: skip


def test_the_figures_are_the_quantiles_of_the_sales_themselves(farms, fruit):
    # Written in no order, with repeats: the board sorts and counts them.
    prices = [52_000, 45_000, 60_000, 52_000, 47_500, 58_000, 45_000, 52_000, 61_000]
    for n, price in enumerate(prices):
        sale(farms[n % 4], fruit, price, day=TODAY)
    (figure,), hidden = board.figures(query())
    assert hidden == 0
    assert {name: figure[name] for name in ("q1", "median", "q3", "min", "max")} == direct(prices)
    assert (figure["sales"], figure["producers"]) == (9, 4)
    assert figure["area"] == {"level": "province", "code": None} and not figure["merged"]


def test_an_even_number_of_sales_takes_the_middle_of_the_two_and_rounds_half_up(farms, fruit):
    for n, price in enumerate([40_000, 40_001, 40_002, 40_004, 50_000, 50_001]):
        sale(farms[n % 3], fruit, price, day=TODAY)
    (figure,), _ = board.figures(query())
    assert figure["median"] == 40_003  # (40.002 + 40.004) / 2
    assert figure["q1"] == 40_001  # 40.001 + 0,25 × 1 = 40.001,25
    assert figure["q3"] == 47_501  # 40.004 + 0,75 × 9.996 = 47.501


@pytest.mark.parametrize(
    "producers, sales, shown", [(3, 5, True), (3, 4, False), (2, 9, False), (4, 4, False)]
)
def test_a_figure_needs_five_sales_from_three_producers(farms, fruit, producers, sales, shown):
    for n in range(sales):
        sale(farms[n % producers], fruit, 50_000 + n, day=TODAY)
    published, hidden = board.figures(query())
    assert (len(published), hidden) == ((1, 0) if shown else (0, 1))


def test_the_threshold_is_the_officials_setting(farms, fruit):
    rule = PriceBoardSettings.load()
    rule.min_sales, rule.min_producers = 3, 2
    rule.save()
    for n in range(3):
        sale(farms[n % 2], fruit, 50_000, day=TODAY)
    assert len(board.figures(query())[0]) == 1


def test_a_commune_short_of_sales_shows_its_former_districts_figure(farms, fruit, home_communes):
    cai_be = farms[0].commune
    for n, farm in enumerate(farms[:4] * 2):  # 6 sales in Cái Bè, 2 next door
        sale(farm, fruit, 50_000 + 1_000 * n, day=TODAY)
    sale(farms[0], fruit, 30_000, day=TODAY, channel=Channel.WHOLESALE)  # alone: hidden
    published, hidden = board.figures(query(commune=cai_be))
    assert hidden == 1
    (retail,) = published
    assert retail["area"] == {"level": "commune", "code": cai_be.pk} and not retail["merged"]

    neighbour = farms[3].commune
    (retail,), hidden = board.figures(query(commune=neighbour))
    assert retail["area"] == {"level": "legacy_district", "code": neighbour.legacy_district_id}
    assert retail["merged"] and retail["sales"] == 8 and retail["producers"] == 4
    assert hidden == 0


def test_a_figure_too_thin_everywhere_is_hidden_even_in_the_province(farms, fruit):
    far = farms[4].commune
    for n in range(6):
        sale(farms[4 + n % 2], fruit, 50_000, day=TODAY)  # two producers only
    assert board.figures(query(commune=far)) == ([], 1)


def test_weeks_and_months_each_have_their_figure_and_a_past_period_never_changes(farms, fruit):
    monday = TODAY - datetime.timedelta(days=TODAY.weekday())
    for week, price in ((monday - datetime.timedelta(weeks=1), 40_000), (monday, 60_000)):
        for n in range(5):
            sale(farms[n % 3], fruit, price + n, day=week + datetime.timedelta(days=1))
    weekly, _ = board.figures(query(interval="week"))
    assert [(row["period"], row["median"]) for row in weekly] == [
        (monday - datetime.timedelta(weeks=1), 40_002),
        (monday, 60_002),
    ]
    last_week = board.Query(
        start=monday - datetime.timedelta(weeks=1), end=monday - datetime.timedelta(days=1)
    )
    before = board.figures(last_week)
    for n in range(5):
        sale(farms[n % 3], fruit, 99_000, day=TODAY)  # sold since: not last week's
    assert board.figures(last_week) == before
    monthly, _ = board.figures(query(interval="month", unit="kg"))
    assert [(row["period"], row["sales"]) for row in monthly] == [
        (datetime.date(2026, 11, 1), 5),  # the 24th
        (datetime.date(2026, 12, 1), 10),  # the 1st, and today
    ]


def test_retail_and_wholesale_are_apart_and_units_never_mix(farms, fruit):
    for n in range(5):
        sale(farms[n % 3], fruit, 50_000, day=TODAY)
        sale(farms[n % 3], fruit, 40_000, day=TODAY, channel=Channel.WHOLESALE)
        sale(farms[n % 3], fruit, 9_000, day=TODAY, unit="qua")
    published, _ = board.figures(query(interval=None))
    assert sorted((row["unit"], row["channel"], row["median"]) for row in published) == [
        ("kg", "retail", 50_000), ("kg", "wholesale", 40_000), ("qua", "retail", 9_000),
    ]  # fmt: skip
    (wholesale,), _ = board.figures(query(interval=None, channel="wholesale"))
    assert wholesale["median"] == 40_000


def test_a_delivered_part_becomes_sales_at_its_weighed_quantity(
    farms, fruit, farmer, cai_be, django_capture_on_commit_callbacks
):
    from orders import services
    from orders.cart import CartLine
    from orders.models import PartStatus
    from prices.models import Sale
    from tests.factories import ProducerFactory, ProductFactory

    farm = ProducerFactory(owner=farmer, commune=cai_be)
    mango = ProductFactory(producer=farm, price_vnd=52_000, origin_commune=None, photos=0)
    order = services.place_order(
        [CartLine(mango, mango.min_order_quantity, mango.price_vnd)],
        buyer_name="Lê Thị Mai", buyer_phone="+84903123456", commune=cai_be, address="Ấp 1",
    )  # fmt: skip
    part = order.parts.get()
    services.change_part_status(part, PartStatus.CONFIRMED, farmer, "")
    assert not Sale.objects.exists()  # confirmed is not sold
    services.change_part_status(part, PartStatus.DELIVERED, farmer, "")
    sold = Sale.objects.get()
    line = part.lines.get()
    assert (sold.line, sold.price_vnd, sold.quantity, sold.unit) == (
        line,
        52_000,
        line.quantity,
        mango.unit,
    )
    assert (sold.commune, sold.producer, sold.channel) == (cai_be, farm, "retail")
    assert sold.delivered_on == timezone.localdate()
    assert sold.week.weekday() == 0 and sold.month.day == 1
