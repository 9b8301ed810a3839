"""Today's figures, kept as listings change, in the transaction of each change.

Every batch of listing events (reports.recording) appends what it did to each
group's figures (GroupChange) and to each snapshot row (CubeChange) on its date.
Today's figures are yesterday's snapshot plus the sum of today's rows: a few
hundred rows to read, however large the catalogue and however busy the day.

A producer enters a group's "producers listing" when its count of listed products
there (ProducerGroupListing) leaves 0, and leaves it when the count returns to 0.
The counts move by one upsert whose RETURNING gives the new count, with rows in one
order, so two changes of one producer's products wait for each other instead of
both missing the other.

"Newly listed" and "delisted" are net over a day (a product listed at midnight and
tonight is neither, whatever happened between): each event adds its step measured
against the product's state at the start of its day, and a day's steps add up to
the net.

rebuild() makes all of it from the log (first use, imported history). It locks the
tables first, so a change committing meanwhile is neither lost nor counted twice.
"""

import json
from collections import Counter, defaultdict

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from .counts import end_of_day, start_of_day
from .models import CubeChange, GroupChange, ListingEvent, ProducerGroupListing, RunningFigures
from .tally import (
    EVENT_FIELDS,
    category_branches,
    difference,
    listing_of,
    listings_at,
    memoized_groups_of,
    with_certificates_json,
)

GROUP_COLUMNS = (
    "listed_products", "in_stock_products", "listing_producers", "newly_listed", "delisted",
)  # fmt: skip
CUBE_KEY = ("commune_id", "legacy_district_id", "category_id", "certifications")
CUBE_COLUMNS = ("listed_products", "in_stock_products", "newly_listed", "delisted")
UPSERT_ROWS = 1000


class Past:
    """The products' latest events before a moment, and their listing at the start of its day."""

    def __init__(self, product_ids, at):
        midnight = start_of_day(timezone.localtime(at).date())
        self.latest, self.counted_under, self.at_midnight = {}, {}, {}
        rows = (
            with_certificates_json(ListingEvent.objects.filter(product_id__in=product_ids))
            .order_by("product_id", "-at", "-pk")
            .values_list("at", *EVENT_FIELDS, *ListingEvent.COUNTED_UNDER)
        )
        fields = len(EVENT_FIELDS)
        for moment, product, *row in rows.iterator(chunk_size=5000):
            listing = listing_of(*row[: fields - 1])
            if product not in self.latest:
                self.latest[product] = listing
                self.counted_under[product] = list(row[fields - 1 :])
            if moment < midnight and product not in self.at_midnight:
                self.at_midnight[product] = listing


def event_listing(event):
    return listing_of(
        event.state,
        event.producer_id,
        event.commune_id,
        event.legacy_district_id,
        event.category_id,
        json.dumps(event.certifications),
        event.ocop_stars,
    )


def record(events, past):
    """Add what `events` (one moment, just written) did to the figures of their date."""
    if not events:
        return
    groups_of = memoized_groups_of(category_branches())
    groups = defaultdict(lambda: [0, 0, 0, 0, 0])
    cube = defaultdict(lambda: [0, 0, 0, 0])
    producers = Counter()
    for event in events:
        before, after = past.latest.get(event.product_id), event_listing(event)
        at_midnight = past.at_midnight.get(event.product_id)
        for listing, sign in ((before, -1), (after, 1)):
            if listing is None:
                continue
            newly = sign if at_midnight is None else 0
            _step(cube[listing.cube], (sign, sign * listing.in_stock, newly, 0))
            for group in groups_of(listing):
                _step(groups[group], (sign, sign * listing.in_stock, 0, newly, 0))
                producers[group, listing.producer] += sign
        delisted = (after is None) - (before is None)
        if at_midnight is not None and delisted:
            _step(cube[at_midnight.cube], (0, 0, 0, delisted))
            for group in groups_of(at_midnight):
                _step(groups[group], (0, 0, 0, 0, delisted))
    for group, entered in _move_producer_counts(producers).items():
        groups[group][2] += entered
    _write(timezone.localtime(events[0].at).date(), groups, cube)


def _step(row, numbers):
    for index, number in enumerate(numbers):
        row[index] += number


def _move_producer_counts(steps):
    """Apply {(group, producer): step} to the producers' counts; {group: producers entered
    minus producers left}, from the counts each upsert returns."""
    table = ProducerGroupListing._meta.db_table
    quote = connection.ops.quote_name
    rows = sorted((*group, producer, step) for (group, producer), step in steps.items() if step)
    entered = Counter()
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_ROWS):
            chunk = rows[start : start + UPSERT_ROWS]
            cursor.execute(
                f"INSERT INTO {quote(table)} (dimension, {quote('key')}, producer_id, listed_products) "
                f"VALUES {', '.join(['(%s, %s, %s, %s)'] * len(chunk))} "
                f"ON CONFLICT (dimension, {quote('key')}, producer_id) DO UPDATE SET "
                f"listed_products = {quote(table)}.listed_products + EXCLUDED.listed_products "
                f"RETURNING dimension, {quote('key')}, producer_id, listed_products",
                [value for row in chunk for value in row],
            )
            step_of = {row[:3]: row[3] for row in chunk}
            for dimension, key, producer, now in cursor.fetchall():
                before = now - step_of[dimension, key, producer]
                entered[dimension, key] += (now > 0) - (before > 0)
    return entered


def _write(date, groups, cube):
    GroupChange.objects.bulk_create(
        GroupChange(
            date=date, dimension=dimension, key=key, **dict(zip(GROUP_COLUMNS, row, strict=True))
        )
        for (dimension, key), row in groups.items()
        if any(row)
    )
    CubeChange.objects.bulk_create(
        CubeChange(
            date=date,
            **dict(zip(CUBE_KEY, key, strict=True)),
            **dict(zip(CUBE_COLUMNS, row, strict=True)),
        )
        for key, row in cube.items()
        if any(row)
    )


def group_changes(date):
    """{(dimension, key): [listed, in stock, producers, newly listed, delisted]} on `date`."""
    ensure_built()
    rows = (
        GroupChange.objects.filter(date=date)
        .values_list("dimension", "key")
        .annotate(*(Sum(column) for column in GROUP_COLUMNS))
        .order_by()
    )
    return {(row[0], row[1]): list(row[2:]) for row in rows if any(row[2:])}


def cube_changes(date):
    """{snapshot row key: [listed, in stock, newly listed, delisted]} on `date`."""
    ensure_built()
    rows = (
        CubeChange.objects.filter(date=date)
        .values_list(*CUBE_KEY)
        .annotate(*(Sum(column) for column in CUBE_COLUMNS))
        .order_by()
    )
    return {tuple(row[:4]): list(row[4:]) for row in rows if any(row[4:])}


def ensure_built():
    if not RunningFigures.objects.exists():
        rebuild()


def forget():
    """After events written around record() (imported history): rebuild on the next read."""
    RunningFigures.objects.all().delete()


@transaction.atomic
def rebuild():
    """The producers' counts from the log, and today's change rows from the log replayed."""
    RunningFigures.objects.all().delete()  # first: makes this a writer at once on SQLite too
    if connection.vendor == "postgresql":
        tables = (ProducerGroupListing, GroupChange, CubeChange)
        with connection.cursor() as cursor:
            names = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in tables)
            cursor.execute(f"LOCK TABLE {names} IN EXCLUSIVE MODE")
    today = timezone.localdate()
    midnight, tonight = start_of_day(today), end_of_day(today)
    branches = category_branches()
    groups_of = memoized_groups_of(branches)
    now = listings_at(tonight)
    counts = Counter()
    for listing in now.values():
        for group in groups_of(listing):
            counts[group, listing.producer] += 1
    ProducerGroupListing.objects.all().delete()
    ProducerGroupListing.objects.bulk_create(
        (
            ProducerGroupListing(
                dimension=dimension, key=key, producer_id=producer, listed_products=n
            )
            for ((dimension, key), producer), n in counts.items()
        ),
        batch_size=5000,
    )
    GroupChange.objects.filter(date=today).delete()
    CubeChange.objects.filter(date=today).delete()
    changed = set(
        ListingEvent.objects.filter(at__gte=midnight, at__lt=tonight).values_list(
            "product_id", flat=True
        )
    )
    if changed:

        def listed_elsewhere(producers):
            return {
                (group, listing.producer)
                for product, listing in now.items()
                if listing.producer in producers and product not in changed
                for group in groups_of(listing)
            }

        after = {product: now[product] for product in changed if product in now}
        groups, cube = difference(
            listings_at(midnight, changed), after, groups_of, listed_elsewhere
        )
        _write(today, groups, cube)
    RunningFigures.objects.create(built_at=timezone.now())


def forget_before(date):
    """Change rows of days whose snapshot is made are no longer read."""
    GroupChange.objects.filter(date__lt=date).delete()
    CubeChange.objects.filter(date__lt=date).delete()
