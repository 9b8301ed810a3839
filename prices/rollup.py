"""Figures of closed periods, written once so that the board reads a few rows instead of
every sale of years past.

A week or month is closed once it is over (close_periods(), nightly): its figures for the
province and for each former district are written as PeriodFigures, through the same
grouping as the live figures (prices.grouping), so they are equal to what the sales give.
The board then takes a closed period's figures from here and computes the rest (the
current period, a period cut by the dates asked, a commune, a period not closed yet) from
the sales. Sales are written on the day they are delivered, so a closed period gets no new
sale; if one ever does (a delivery recorded late), reopen() drops that period's figures and
the board computes it from the sales again until it is closed anew.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from . import grouping
from .models import ClosedPeriod, PeriodFigure, Sale

PROVINCE, DISTRICT = "province", "legacy_district"
STORED_LEVELS = (PROVINCE, DISTRICT)


def period_end(interval, start):
    if interval == "week":
        return start + datetime.timedelta(days=6)
    following = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def close_periods(today=None):
    """Write the figures of every period over before `today` that has sales and is not
    closed yet; returns how many were closed. Safe to run twice."""
    today = today or timezone.localdate()
    closed = 0
    for interval in ("week", "month"):
        done = set(ClosedPeriod.objects.filter(interval=interval).values_list("period", flat=True))
        periods = Sale.objects.values_list(interval, flat=True).distinct().order_by(interval)
        for period in periods:
            if period not in done and period_end(interval, period) < today:
                closed += _close(interval, period)
    return closed


@transaction.atomic
def _close(interval, period):
    if not ClosedPeriod.objects.get_or_create(interval=interval, period=period)[1]:
        return 0  # closed meanwhile by another worker
    sales = Sale.objects.filter(**{interval: period})
    rows = [
        _row(interval, PROVINCE, None, figure)
        for figure in grouping.group(sales, interval).values()
    ]
    for code, figures in grouping.group(sales, interval, by="legacy_district_id").items():
        if code is not None:
            rows += [_row(interval, DISTRICT, code, figure) for figure in figures.values()]
    PeriodFigure.objects.bulk_create(rows, batch_size=2000)
    return 1


def _row(interval, level, code, figure):
    category_id, unit, channel, period = figure.key
    summary = figure.summary()
    return PeriodFigure(
        interval=interval, period=period, level=level, area_code=code,
        category_id=category_id, unit=unit, channel=channel, sales=figure.sales,
        producers=figure.producers, quantity=figure.quantity, median=summary["median"],
        q1=summary["q1"], q3=summary["q3"], min_vnd=summary["min"], max_vnd=summary["max"],
    )  # fmt: skip


def reopen(sales):
    """Sales just written into closed periods: those periods are computed live again."""
    for interval in ("week", "month"):
        periods = {getattr(sale, interval) for sale in sales}
        found = ClosedPeriod.objects.filter(interval=interval, period__in=periods)
        if found.exists():
            PeriodFigure.objects.filter(interval=interval, period__in=periods).delete()
            found.delete()


def closed_within(query, level):
    """The closed periods lying wholly between the query's dates, for a level stored."""
    if not query.interval or level not in STORED_LEVELS:
        return []
    periods = ClosedPeriod.objects.filter(
        interval=query.interval, period__gte=query.start, period__lte=query.end
    ).values_list("period", flat=True)
    return [p for p in periods if period_end(query.interval, p) <= query.end]


def uncovered(query, periods):
    """The query's days outside the closed `periods`: [(first, last)], so that the sales
    read live are those of the edges only (an index range each), not every day asked."""
    ranges, day = [], query.start
    for period in sorted(periods):
        if day < period:
            ranges.append((day, period - datetime.timedelta(days=1)))
        day = period_end(query.interval, period) + datetime.timedelta(days=1)
    if day <= query.end:
        ranges.append((day, query.end))
    return ranges


STORED = ("category_id", "unit", "channel", "period", "sales", "producers", "quantity",
          "median", "q1", "q3", "min_vnd", "max_vnd")  # fmt: skip


def stored(query, level, code, periods):
    """{key: StoredFigure} of the closed periods for one area, with the query's filters
    (read as plain rows: two years of weeks are thousands of them)."""
    if not periods:
        return {}
    rows = grouping.of_kind(
        PeriodFigure.objects.filter(
            interval=query.interval, level=level, area_code=code, period__in=periods
        ),
        query,
    )
    figures = {}
    for row in rows.values_list(*STORED):
        key = row[:4]
        figures[key] = grouping.StoredFigure(key, row[4], row[5], row[6], row[7:])
    return figures
