"""Listed products over time, from the daily snapshots."""

import datetime

from django.db.models import Sum

from catalog.models import Category

from . import snapshots
from .models import ListingSnapshot


def timeseries(start, end, interval="day", commune=None, category=None):
    snapshots.ensure(start, end)
    rows = ListingSnapshot.objects.filter(date__range=(start, end))
    if commune:
        rows = rows.filter(commune_id=commune)
    if category:
        branch = Category.objects.filter(slug=category).first()
        ids = (
            Category.objects.filter(path__startswith=branch.path).values_list("pk", flat=True)
            if branch
            else []
        )
        rows = rows.filter(category_id__in=list(ids))
    by_date = {
        row["date"]: row
        for row in rows.values("date").annotate(
            listed=Sum("listed_products"), newly=Sum("newly_listed"), gone=Sum("delisted")
        )
    }
    points, day = [], start
    while day <= end:
        row = by_date.get(day, {})
        points.append(
            {
                "date": day.isoformat(),
                "listed_products": row.get("listed", 0),
                "newly_listed": row.get("newly", 0),
                "delisted": row.get("gone", 0),
            }
        )
        day += datetime.timedelta(days=1)
    return {"interval": interval, "points": _by_month(points) if interval == "month" else points}


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
