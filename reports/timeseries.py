"""Listed products over time, from the daily figures (and today's, when the range ends today)."""

from django.db.models import Sum
from django.utils import timezone

from catalog.models import Category

from . import figures, snapshots
from .models import DailyCount, Dimension, ListingSnapshot

SUMS = {
    "listed_products": Sum("listed_products"),
    "newly_listed": Sum("newly_listed"),
    "delisted": Sum("delisted"),
}


def timeseries(start, end, interval="day", commune=None, category=None):
    snapshots.ensure(start, end)
    by_date = {row.pop("date"): row for row in _rows(start, end, commune, category)}
    if end >= timezone.localdate():
        by_date[end] = _today(commune, category)
    points = [
        {"date": day.isoformat(), **by_date.get(day, dict.fromkeys(SUMS, 0))}
        for day in snapshots.days(start, end)
    ]
    return {"interval": interval, "points": _by_month(points) if interval == "month" else points}


def _category_keys(slug):
    branch = Category.objects.filter(slug=slug).first()
    if branch is None:
        return []
    return [
        str(pk)
        for pk in Category.objects.filter(path__startswith=branch.path).values_list("pk", flat=True)
    ]


def _branch_key(slug):
    return str(Category.objects.filter(slug=slug).values_list("pk", flat=True).first())


def _rows(start, end, commune, category):
    """Per date sums; the per-group figures answer one filter, the snapshot rows both."""
    if commune and category:
        rows = ListingSnapshot.objects.filter(
            date__range=(start, end), commune_id=commune, category_id__in=_category_keys(category)
        )
    elif commune:
        rows = DailyCount.objects.filter(
            date__range=(start, end), dimension=Dimension.COMMUNE, key=str(commune)
        )
    elif category:
        rows = DailyCount.objects.filter(
            date__range=(start, end), dimension=Dimension.CATEGORY_BRANCH, key=_branch_key(category)
        )
    else:
        rows = DailyCount.objects.filter(date__range=(start, end), dimension=Dimension.TOTAL)
    return rows.values("date").annotate(**SUMS).order_by("date")


def _today(commune, category):
    if commune and category:
        keys = set(_category_keys(category))
        today = figures.for_date(timezone.localdate(), cube=True)
        rows = [row for key, row in today.cube.items() if key[0] == commune and str(key[2]) in keys]
    else:
        today = figures.for_date(timezone.localdate())
        if commune:
            keys = [(Dimension.COMMUNE, str(commune))]
        elif category:
            keys = [(Dimension.CATEGORY_BRANCH, _branch_key(category))]
        else:
            keys = [(Dimension.TOTAL, "")]
        rows = [today.groups.get(key, figures.ZERO) for key in keys]
    return {column: sum(row[column] for row in rows) for column in SUMS}


def _by_month(points):
    """Listed at the month's last day in the range; listings and delistings summed."""
    months = {}
    for point in points:
        month = point["date"][:7]
        total = months.setdefault(month, {"date": month, "newly_listed": 0, "delisted": 0})
        total["listed_products"] = point["listed_products"]
        total["newly_listed"] += point["newly_listed"]
        total["delisted"] += point["delisted"]
    return list(months.values())
