"""Listed products over time, from the daily figures (and today's, when the range ends today)."""

from django.db.models import Q, Sum
from django.utils import timezone

from catalog.models import Category

from . import figures, snapshots
from .models import DailyCount, Dimension, ListingSnapshot
from .tally import categories_in_branch

SUMS = {
    "listed_products": Sum("listed_products"),
    "newly_listed": Sum("newly_listed"),
    "delisted": Sum("delisted"),
}


def timeseries(start, end, interval="day", commune=None, category=None, today=None, area=None):
    """`category` is a slug: its whole branch counts; an unknown one counts nothing.
    `today`: today's figures when the caller has them already (of `area` when given:
    an official's provinces and communes, summed)."""
    snapshots.ensure(start, end)
    category_id = None
    if category:
        category_id = Category.objects.filter(slug=category).values_list("pk", flat=True).first()
        if category_id is None:
            return {"interval": interval, "points": _points(start, end, {}, interval)}
    if area is not None:
        rows = _area_rows(start, end, area)
    else:
        rows = _rows(start, end, commune, category_id)
    by_date = {row.pop("date"): row for row in rows}
    if end >= timezone.localdate():
        if today is None:
            today = figures.for_date(end, cube=bool(commune and category_id) or area is not None)
            today = today.within(area) if area is not None else today
        numbers = today.of_area(commune, category_id)
        by_date[end] = {column: numbers[column] for column in SUMS}
    return {"interval": interval, "points": _points(start, end, by_date, interval)}


def _points(start, end, by_date, interval):
    points = [
        {"date": day.isoformat(), **by_date.get(day, dict.fromkeys(SUMS, 0))}
        for day in snapshots.days(start, end)
    ]
    return by_month(points) if interval == "month" else points


def _area_rows(start, end, area):
    groups = Q(dimension=Dimension.PROVINCE, key__in=[str(code) for code in area.provinces]) | Q(
        dimension=Dimension.COMMUNE, key__in=[str(code) for code in area.communes]
    )
    rows = DailyCount.objects.filter(groups, date__range=(start, end))
    return rows.values("date").annotate(**SUMS).order_by("date")


def _rows(start, end, commune, category_id):
    """Per date sums; the per-group figures answer one filter, the snapshot rows both."""
    if commune and category_id:
        rows = ListingSnapshot.objects.filter(
            date__range=(start, end),
            commune_id=commune,
            category_id__in=categories_in_branch(category_id),
        )
    elif commune:
        rows = DailyCount.objects.filter(
            date__range=(start, end), dimension=Dimension.COMMUNE, key=str(commune)
        )
    elif category_id:
        rows = DailyCount.objects.filter(
            date__range=(start, end), dimension=Dimension.CATEGORY_BRANCH, key=str(category_id)
        )
    else:
        rows = DailyCount.objects.filter(date__range=(start, end), dimension=Dimension.TOTAL)
    return rows.values("date").annotate(**SUMS).order_by("date")


def by_month(points):
    """Listed at the month's last day in the range; listings and delistings summed."""
    months = {}
    for point in points:
        month = point["date"][:7]
        total = months.setdefault(month, {"date": month, "newly_listed": 0, "delisted": 0})
        total["listed_products"] = point["listed_products"]
        total["newly_listed"] += point["newly_listed"]
        total["delisted"] += point["delisted"]
    return list(months.values())
