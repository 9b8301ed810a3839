"""For any sales and any filters, the price board never publishes a figure with fewer
sales or producers than the threshold, and each figure it publishes is exactly the
quantiles of the sales it stands for (issue 27: a property-based test)."""

import datetime
import statistics
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from catalog.models import Category
from prices import board, rollup
from prices.models import Channel, ClosedPeriod, PeriodFigure, Sale

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 2)
FIRST = TODAY - datetime.timedelta(weeks=6)

# Mostly one kind of sale, in few weeks and from few farms: groups of five or more
# sales from one or two farms, the ones a careless board would publish, are common.
SALES = st.lists(
    st.tuples(
        st.sampled_from([0, 0, 0, 1, 1, 2, 3, 4, 5]),  # farm
        st.sampled_from([False, False, False, True]),  # fruit itself, or mango under it
        st.sampled_from(["kg", "kg", "kg", "qua"]),
        st.sampled_from([Channel.RETAIL] * 3 + [Channel.WHOLESALE]),
        st.integers(0, 41),  # day after FIRST
        st.sampled_from([10_000, 12_000, 12_500, 15_000, 40_000, 52_000]),
    ),
    max_size=60,
)
FILTERS = st.fixed_dictionaries(
    {
        "area": st.sampled_from(
            ["province", "commune:0", "commune:3", "commune:4", "district:0", "district:4"]
        ),  # fmt: skip
        "category": st.sampled_from([None, "trai-cay", "xoai"]),
        "unit": st.sampled_from(["", "kg", "qua"]),
        "channel": st.sampled_from(["", *Channel.values]),
        "interval": st.sampled_from(["week", "month", None]),
        "start_day": st.integers(0, 41),
        "days": st.integers(0, 41),
    }
)


@given(sales=SALES, filters=FILTERS, closed=st.booleans())
@example(  # six sales from two farms: never published
    sales=[(farm, False, "kg", Channel.RETAIL, 3, 12_000) for farm in (0, 0, 0, 1, 1, 1)],
    filters={"area": "province", "category": None, "unit": "", "channel": "",
             "interval": "week", "start_day": 0, "days": 41},
    closed=True,
)  # fmt: skip
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_no_figure_below_the_threshold_and_each_exact(farms, sales, filters, closed):
    """`closed`: the weeks and months over before TODAY are read from their written
    figures (prices.rollup), the rest from the sales; the answer must not change."""
    fruit, mango = Category.objects.get(slug="trai-cay"), Category.objects.get(slug="xoai")
    Sale.objects.all().delete()
    ClosedPeriod.objects.all().delete()
    PeriodFigure.objects.all().delete()
    rows = []
    for farm_index, in_mango, unit, channel, day, price in sales:
        farm, day = farms[farm_index], FIRST + datetime.timedelta(days=day)
        rows.append(Sale(
            delivered_on=day, week=day - datetime.timedelta(days=day.weekday()),
            month=day.replace(day=1), category=mango if in_mango else fruit, unit=unit,
            commune=farm.commune, legacy_district_id=farm.commune.legacy_district_id,
            producer=farm, channel=channel, price_vnd=price, quantity=Decimal(1),
        ))  # fmt: skip
    Sale.objects.bulk_create(rows)
    if closed:
        rollup.close_periods(today=TODAY)

    level, _, index = filters["area"].partition(":")
    place = farms[int(index)].commune if index else None
    start = FIRST + datetime.timedelta(days=filters["start_day"])
    branch = {None: None, "trai-cay": (fruit.pk, mango.pk), "xoai": (mango.pk,)}[
        filters["category"]
    ]
    asked = board.Query(
        start=start, end=start + datetime.timedelta(days=filters["days"]),
        interval=filters["interval"], category_ids=branch, unit=filters["unit"],
        commune=place if level == "commune" else None,
        legacy_district=place.legacy_district if level == "district" else None,
        channel=filters["channel"],
    )  # fmt: skip
    published, hidden = board.figures(asked)

    def behind(figure, area_level, code):
        category_id, unit, channel, period = (
            figure[name] for name in ("category_id", "unit", "channel", "period")
        )
        return [
            row for row in rows
            if asked.start <= row.delivered_on <= asked.end
            and (row.category_id, row.unit, row.channel) == (category_id, unit, channel)
            and (period is None or getattr(row, asked.interval) == period)
            and (area_level != "commune" or row.commune_id == code)
            and (area_level != "legacy_district" or row.legacy_district_id == code)
        ]  # fmt: skip

    for figure in published:
        stood_for = behind(figure, figure["area"]["level"], figure["area"]["code"])
        prices = sorted(row.price_vnd for row in stood_for)
        assert figure["sales"] == len(prices) >= 5
        assert figure["producers"] == len({row.producer_id for row in stood_for}) >= 3
        if len(prices) > 1:
            q1, median, q3 = statistics.quantiles(prices, n=4, method="inclusive")
            assert (figure["q1"], figure["median"], figure["q3"]) == tuple(
                int(value + 0.5) for value in (q1, median, q3)
            )
        assert (figure["min"], figure["max"]) == (prices[0], prices[-1])

    first_level = asked.areas()[0]
    keys = {
        (row.category_id, row.unit, row.channel, getattr(row, asked.interval) if asked.interval else None)
        for row in rows
        if asked.start <= row.delivered_on <= asked.end
        and (branch is None or row.category_id in branch)
        and (not asked.unit or row.unit == asked.unit)
        and (not asked.channel or row.channel == asked.channel)
        and (first_level[0] != "commune" or row.commune_id == first_level[1])
        and (first_level[0] != "legacy_district" or row.legacy_district_id == first_level[1])
    }  # fmt: skip
    assert len(published) + hidden == len(keys)
