"""Sales grouped into figures: each group's prices with their counts, its sales, producers
and quantity, and its quantiles as PostgreSQL's percentile_cont computes them (linear
between the two nearest sales, whole đồng rounded half up), the same on every database.
One rule for the board's live figures and for the figures written when a period closes.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Sum

KEY = ("category_id", "unit", "channel")
STATS = ("median", "q1", "q3", "min", "max")


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

    def summary(self):
        return {
            "median": self.quantile(0.5),
            "q1": self.quantile(0.25),
            "q3": self.quantile(0.75),
            "min": self.prices[0][0],
            "max": self.prices[-1][0],
        }


@dataclass(slots=True)
class StoredFigure:
    """A figure of a closed period, read back as written (prices.rollup); thousands are
    read at once, so its figures stay a tuple until it is published."""

    key: tuple
    sales: int
    producers: int
    quantity: object
    stats: tuple  # in STATS order

    def summary(self):
        return dict(zip(STATS, self.stats, strict=True))


def of_kind(rows, query):
    """Sales or figures of the query's categories, unit and channel."""
    if query.category_ids is not None:
        rows = rows.filter(category_id__in=query.category_ids)
    if query.unit:
        rows = rows.filter(unit=query.unit)
    if query.channel:
        rows = rows.filter(channel=query.channel)
    return rows


def group(sales, period_field, by=None):
    """{key: Figure} of the sales, key = (category id, unit, channel, period start or None)
    with `period_field` ("week", "month", or None for one figure over them all); with
    `by` (an area's field), {area code: {key: Figure}}. Two queries."""
    fields = [*KEY, period_field] if period_field else list(KEY)
    if by:
        fields.append(by)

    def place(row):
        key = (*(row[name] for name in KEY), row[period_field] if period_field else None)
        return (row[by] if by else None), key

    areas = {}
    for row in (
        sales.values(*fields, "price_vnd").annotate(n=Count("pk")).order_by(*fields, "price_vnd")
    ):
        area, key = place(row)
        figure = areas.setdefault(area, {}).get(key)
        if figure is None:
            figure = areas[area][key] = Figure(key)
        figure.prices.append((row["price_vnd"], row["n"]))
        figure.sales += row["n"]
    for row in (
        sales.values(*fields)
        .annotate(producers=Count("producer_id", distinct=True), quantity=Sum("quantity"))
        .order_by()
    ):
        area, key = place(row)
        figure = areas[area][key]
        figure.producers, figure.quantity = row["producers"], row["quantity"]
    return areas if by else areas.get(None, {})
