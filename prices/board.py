"""The market price board: realised unit prices of delivered lines, as the median, the
quartiles and the range, per category, unit, channel, area and week or month.

A figure is published only with at least PriceBoardSettings.min_sales sales from at
least min_producers producers behind it, so no farm's own prices can be read off.
Asked for a commune, a figure short of that is replaced by its former district's, then
the province's, and hidden when even that is short; the answer says which area each
figure covers. Quantiles are PostgreSQL's percentile_cont (linear between the two
nearest sales), computed here from each group's prices and their counts, the same on
every database.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Sum

from areas.models import Commune, LegacyDistrict
from catalog.models import Category, Unit

from .models import PriceBoardSettings, Sale

INTERVALS = ("week", "month")
PROVINCE, DISTRICT, COMMUNE = "province", "legacy_district", "commune"
KEY = ("category_id", "unit", "channel")


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


@dataclass
class Figure:
    key: tuple  # (category id, unit, channel, period start or None)
    prices: list = field(default_factory=list)  # [(price, sales at it)], ascending
    sales: int = 0
    producers: int = 0
    quantity: object = 0

    def quantile(self, share):
        """percentile_cont(share) over the sales, whole đồng rounded half up."""
        position = (self.sales - 1) * share
        low = int(position)
        below, above = self._nth(low), self._nth(min(low + 1, self.sales - 1))
        value = below + (above - below) * (position - low)
        return int(value + 0.5)

    def _nth(self, index):
        seen = 0
        for price, count in self.prices:
            seen += count
            if index < seen:
                return price
        raise IndexError(index)


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
    """{key: Figure} of the sales in one area."""
    sales = _sales(query, level, code)
    keys = [*KEY, query.interval] if query.interval else list(KEY)
    figures = {}
    for row in (
        sales.values(*keys, "price_vnd").annotate(n=Count("pk")).order_by(*keys, "price_vnd")
    ):
        figure = figures.setdefault(_key(row, query), Figure(_key(row, query)))
        figure.prices.append((row["price_vnd"], row["n"]))
        figure.sales += row["n"]
    for row in (
        sales.values(*keys)
        .annotate(producers=Count("producer_id", distinct=True), quantity=Sum("quantity"))
        .order_by()
    ):
        figure = figures[_key(row, query)]
        figure.producers, figure.quantity = row["producers"], row["quantity"]
    return figures


def _key(row, query):
    return (*(row[name] for name in KEY), row[query.interval] if query.interval else None)


def _sales(query, level, code):
    sales = Sale.objects.filter(delivered_on__gte=query.start, delivered_on__lte=query.end)
    if query.category_ids is not None:
        sales = sales.filter(category_id__in=query.category_ids)
    if query.unit:
        sales = sales.filter(unit=query.unit)
    if query.channel:
        sales = sales.filter(channel=query.channel)
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
        "median": figure.quantile(0.5),
        "q1": figure.quantile(0.25),
        "q3": figure.quantile(0.75),
        "min": figure.prices[0][0],
        "max": figure.prices[-1][0],
    }


def labelled(published):
    """The figures with the names of their category, unit and area, for pages and files."""
    categories = Category.objects.in_bulk({row["category_id"] for row in published})
    codes = {row["area"]["code"] for row in published}
    communes = Commune.objects.in_bulk([c for c in codes if c is not None])
    districts = LegacyDistrict.objects.in_bulk([c for c in codes if c is not None])
    for row in published:
        category = categories[row["category_id"]]
        level, code = row["area"]["level"], row["area"]["code"]
        area_name = {COMMUNE: communes, DISTRICT: districts}.get(level, {}).get(code)
        yield {
            **row,
            "category": category.slug,
            "category_label": category.name,
            "unit_label": Unit(row["unit"]).label if row["unit"] in Unit.values else row["unit"],
            "area": {**row["area"], "name": area_name.name if area_name else None},
        }
