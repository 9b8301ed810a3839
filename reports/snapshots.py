"""Daily snapshots of listing counts, made from the event log.

A day's snapshot is ListingSnapshot rows (commune × category × certificates, which
add up) and DailyCount rows (each group's figures whole, producers included), made
in one pass over the log from the state at the end of the day before.
"""

import datetime

from django.db import connection, transaction
from django.utils import timezone

from producers.models import StatusChange

from .counts import end_of_day, start_of_day
from .models import DailyCount, ListingEvent, ListingSnapshot, SnapshotDay
from .tally import Replay, events_between, listings_at

ONE_DAY = datetime.timedelta(days=1)


def days(start, end):
    while start <= end:
        yield start
        start += ONE_DAY


def snapshot(date):
    """(Re)make the snapshot of one date; running it again gives the same rows."""
    return make(date, date)


def make(start, end, skip=frozenset()):
    """Snapshot every day from `start` to `end` (except `skip`) in one pass over the log."""
    beginning = start_of_day(start)
    replay = Replay(listings_at(beginning))
    verified = _VerifiedProducers(end_of_day(end))
    events = events_between(beginning, end_of_day(end))
    pending = next(events, None)
    made = 0
    for day in days(start, end):
        moment = end_of_day(day)
        while pending and pending[0] < moment:
            replay.apply(pending[1], pending[2])
            pending = next(events, None)
        if day in skip:
            replay.close_day()
            continue
        _write(day, replay, verified.at(moment))
        made += 1
    return made


class _VerifiedProducers:
    """How many producers are verified at a moment, moving forward through their history."""

    def __init__(self, until):
        self._changes = iter(
            StatusChange.objects.filter(changed_at__lt=until)
            .order_by("changed_at", "pk")
            .values_list("changed_at", "producer_id", "to_status")
        )
        self._pending = next(self._changes, None)
        self._statuses = {}
        self.count = 0

    def at(self, moment):
        while self._pending and self._pending[0] < moment:
            _, producer, status = self._pending
            was = self._statuses.get(producer) == "verified"
            self._statuses[producer] = status
            self.count += (status == "verified") - was
            self._pending = next(self._changes, None)
        return self.count


@transaction.atomic
def _write(date, replay, verified_producers):
    # First, so that two writers of the same date (the nightly run and a reader
    # filling a gap) wait for each other on this row instead of doubling rows.
    SnapshotDay.objects.update_or_create(
        date=date, defaults={"verified_producers": verified_producers}
    )
    changes = replay.close_day()
    cube, groups = replay.tally.cube, replay.tally.groups
    day = date.isoformat()
    ListingSnapshot.objects.filter(date=date).delete()
    _insert(
        ListingSnapshot,
        ("date", "commune_id", "legacy_district_id", "category_id", "certifications",
         "listed_products", "in_stock_products", "newly_listed", "delisted"),
        [
            (day, *key, *cube[key], *changes.get(key, (0, 0)))
            for key in cube
            if cube[key][0] or key in changes
        ],
    )  # fmt: skip
    keys = {key for key in groups if groups[key][0]} | {k for k in changes if len(k) == 2}
    DailyCount.objects.filter(date=date).delete()
    _insert(
        DailyCount,
        ("date", "dimension", "key", "listed_products", "in_stock_products",
         "listing_producers", "newly_listed", "delisted"),
        [
            (day, *key, *groups[key], *changes.get(key, (0, 0)))
            for key in keys | {("total", "")}
        ],
    )  # fmt: skip


def _insert(model, fields, rows):
    """Plain INSERTs: a backfill writes millions of rows, which model instances made 10× slower."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})",
            rows,
        )


def ensure(start, end):
    """Make the snapshots missing between two past dates (e.g. before the nightly task ran).

    Days before the first event or status change have nothing to count and need no rows."""
    end = min(end, timezone.localdate() - ONE_DAY)
    made = set(SnapshotDay.objects.filter(date__range=(start, end)).values_list("date", flat=True))
    missing = [day for day in days(start, end) if day not in made]
    if missing and (first := first_day()) is not None:
        missing = [day for day in missing if day >= first]
        if missing:
            make(missing[0], missing[-1], skip=made)


def catch_up(yesterday):
    """The nightly run: yesterday again (late changes are in the log), and any day missed."""
    last = SnapshotDay.objects.filter(date__lt=yesterday).order_by("-date").first()
    if last is None:
        return backfill(end=yesterday)
    return make(last.date + ONE_DAY, yesterday)


def backfill(start=None, end=None):
    """Snapshots for every day from the first event (or `start`) to yesterday (or `end`)."""
    start = start or first_day()
    if start is None:
        return 0
    return make(start, end or timezone.localdate() - ONE_DAY)


def first_day():
    """The date of the first listing event or producer status change, or None."""
    firsts = [
        ListingEvent.objects.order_by("at").values_list("at", flat=True).first(),
        StatusChange.objects.order_by("changed_at").values_list("changed_at", flat=True).first(),
    ]
    known = [moment for moment in firsts if moment is not None]
    return timezone.localtime(min(known)).date() if known else None
