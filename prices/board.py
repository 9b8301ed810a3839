"""The market price board: realised unit prices of delivered lines, as the median, the
quartiles and the range, per category, unit, channel, area and week or month.

A figure is published only with at least PriceBoardSettings.min_sales sales from at
least min_producers producers behind it, so no farm's own prices can be read off.
Asked for a commune, a figure short of that is replaced by its former district's, then
the province's, and hidden when even that is short; the answer says which area each
figure covers. Quantiles are PostgreSQL's percentile_cont, computed by prices.grouping
from each group's prices and their counts; a week or month already over is read from
the figures prices.rollup wrote when it closed.
"""

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q

from areas.models import Commune, LegacyDistrict
from catalog.models import Category, Unit

from . import grouping, rollup
from .models import PriceBoardSettings, Sale

INTERVALS = ("week", "month")
PROVINCE, DISTRICT, COMMUNE = rollup.PROVINCE, rollup.DISTRICT, "commune"


@dataclass(frozen=True)
class Query:
    start: datetime.date
    end: datetime.date  # included
    interval: str | None = "week"  # None: one figure for the whole period
    category_ids: tuple | None = None
    unit: str = ""
    commune: Commune | None = None
    legacy_district: LegacyDistrict | None = None
    channel: str = ""

    def areas(self):
        """From the area asked for to the province: [(level, code)]."""
        if self.commune is not None:
            chain = [(COMMUNE, self.commune.pk)]
            if self.commune.legacy_district_id:
                chain.append((DISTRICT, self.commune.legacy_district_id))
            return [*chain, (PROVINCE, None)]
        if self.legacy_district is not None:
            return [(DISTRICT, self.legacy_district.pk), (PROVINCE, None)]
        return [(PROVINCE, None)]


def figures(query):
    """(published figures as dicts, how many were hidden), in category, unit, channel
    and period order."""
    rule = PriceBoardSettings.load()
    levels = query.areas()
    by_area = {levels[0]: _figures(query, *levels[0])}
    published, hidden = [], 0
    for key in sorted(by_area[levels[0]], key=_order):
        for area in levels:
            if area not in by_area:
                by_area[area] = _figures(query, *area)  # only once a figure falls short
            figure = by_area[area].get(key)
            if figure and _publishable(figure, rule):
                published.append(_as_dict(figure, *area, merged=area != levels[0]))
                break
        else:
            hidden += 1
    return published, hidden


def _publishable(figure, rule):
    return figure.sales >= rule.min_sales and figure.producers >= rule.min_producers


def _order(key):
    category_id, unit, channel, period = key
    return category_id, unit, channel, period or datetime.date.min


def _figures(query, level, code):
    """{key: figure} of one area: closed periods as written (prices.rollup), the rest
    from the sales."""
    closed = rollup.closed_within(query, level)
    sales = _sales(query, level, code)
    if closed:
        days = [Q(delivered_on__range=days) for days in rollup.uncovered(query, closed)]
        sales = sales.filter(reduce(or_, days)) if days else sales.none()
    return {**grouping.group(sales, query.interval), **rollup.stored(query, level, code, closed)}


def _sales(query, level, code):
    sales = grouping.of_kind(
        Sale.objects.filter(delivered_on__gte=query.start, delivered_on__lte=query.end), query
    )
    if level == COMMUNE:
        sales = sales.filter(commune_id=code)
    elif level == DISTRICT:
        sales = sales.filter(legacy_district_id=code)
    return sales


def _as_dict(figure, level, code, merged):
    category_id, unit, channel, period = figure.key
    return {
        "category_id": category_id,
        "unit": unit,
        "channel": channel,
        "period": period,
        "area": {"level": level, "code": code},
        "merged": merged,
        "sales": figure.sales,
        "producers": figure.producers,
        "quantity": figure.quantity,
        **figure.summary(),
    }


def labelled(published):
    """The figures with the names of their category, unit and area, for pages and files."""
    categories = Category.objects.in_bulk({row["category_id"] for row in published})
    codes = {row["area"]["code"] for row in published}
    communes = Commune.objects.in_bulk([c for c in codes if c is not None])
    districts = LegacyDistrict.objects.in_bulk([c for c in codes if c is not None])
    units = dict(Unit.choices)  # once: an enum's choices are built anew at each call
    for row in published:
        category = categories[row["category_id"]]
        level, code = row["area"]["level"], row["area"]["code"]
        area_name = {COMMUNE: communes, DISTRICT: districts}.get(level, {}).get(code)
        yield {
            **row,
            "category": category.slug,
            "category_label": category.name,
            "unit_label": units.get(row["unit"], row["unit"]),
            "area": {**row["area"], "name": area_name.name if area_name else None},
        }
