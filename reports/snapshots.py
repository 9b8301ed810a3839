"""Daily snapshots of listing counts, made from the event log."""

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from .counts import end_of_day, listed_at
from .models import ListingEvent, ListingSnapshot, ListingState, SnapshotDay


def _listed(date):
    """{product id: (group key, in stock)} of the products listed at the end of `date`."""
    rows = listed_at(end_of_day(date)).values_list(
        "product_id", "commune_id", "legacy_district_id", "category_id",
        "certifications", "ocop_stars", "state",
    )  # fmt: skip
    listed = {}
    for product_id, commune, district, category, codes, stars, state in rows:
        certificates = sorted({*(codes or []), *(["ocop"] if stars else [])})
        key = (commune, district, category, ",".join(certificates))
        listed[product_id] = (key, state == ListingState.IN_STOCK)
    return listed


@transaction.atomic
def snapshot(date):
    """(Re)make the snapshot rows of one date; running it again gives the same rows."""
    today, yesterday = _listed(date), _listed(date - datetime.timedelta(days=1))
    counts = defaultdict(lambda: [0, 0, 0, 0])  # listed, in stock, newly listed, delisted
    for product_id, (key, in_stock) in today.items():
        counts[key][0] += 1
        counts[key][1] += in_stock
        if product_id not in yesterday:
            counts[key][2] += 1
    for product_id, (key, _) in yesterday.items():
        if product_id not in today:
            counts[key][3] += 1
    ListingSnapshot.objects.filter(date=date).delete()
    ListingSnapshot.objects.bulk_create(
        ListingSnapshot(
            date=date,
            commune_id=commune,
            legacy_district_id=district,
            category_id=category,
            certifications=certificates,
            listed_products=listed,
            in_stock_products=in_stock,
            newly_listed=newly,
            delisted=delisted,
        )
        for (commune, district, category, certificates), (
            listed,
            in_stock,
            newly,
            delisted,
        ) in counts.items()
    )
    SnapshotDay.objects.update_or_create(date=date)
    return len(counts)


def ensure(start, end):
    """Make the snapshots missing between two dates (e.g. before the nightly task ran)."""
    made = set(SnapshotDay.objects.filter(date__range=(start, end)).values_list("date", flat=True))
    day = start
    while day <= end:
        if day not in made:
            snapshot(day)
        day += datetime.timedelta(days=1)


def backfill(start=None, end=None):
    """Snapshots for every day from the first event (or `start`) to yesterday (or `end`)."""
    first = ListingEvent.objects.order_by("at").values_list("at", flat=True).first()
    if first is None:
        return 0
    day = start or timezone.localtime(first).date()
    end = end or timezone.localdate() - datetime.timedelta(days=1)
    days = 0
    while day <= end:
        snapshot(day)
        day += datetime.timedelta(days=1)
        days += 1
    return days
