"""The figures of a date, read the fast way (snapshots) or replayed from the log.

Past days are read from their snapshot. Today is yesterday's snapshot plus the
change rows the day's listing changes wrote as they happened (reports.running):
exact, and a read of a few hundred rows however busy the day.
"""

import dataclasses
import datetime
import functools

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.jurisdiction import units_held
from areas.models import Commune, LegacyDistrict, Province
from catalog.filter_values import CERTIFICATES
from catalog.models import Category
from producers.models import StatusChange

from . import running, snapshots
from .counts import DEFINITION, end_of_day, start_of_day, verified_producers_at
from .models import DailyCount, Dimension, ListingEvent, ListingSnapshot, SnapshotDay
from .running import CUBE_COLUMNS, CUBE_KEY
from .tally import Replay, categories_in_branch, listings_at

COLUMNS = ("listed_products", "in_stock_products", "listing_producers", "newly_listed", "delisted")
GROUPS = ("province", "commune", "legacy_district", "category", "certification", "ocop_stars")
ZERO = dict.fromkeys(COLUMNS, 0)
TODAY_CACHE_SECONDS = 300
STORED_CACHE_SECONDS = 3600


@dataclasses.dataclass(frozen=True)
class Area:
    """Where an official looks: the provinces they hold whole and the communes they hold
    outside them; the figures of these groups add up to theirs."""

    provinces: frozenset = frozenset()
    communes: frozenset = frozenset()

    @classmethod
    def of(cls, user):
        """The user's area; None for the whole installation."""
        units = units_held(user)
        return None if units is None else cls(*units)

    def groups(self):
        return [(Dimension.PROVINCE, str(code)) for code in sorted(self.provinces)] + [
            (Dimension.COMMUNE, str(code)) for code in sorted(self.communes)
        ]

    @functools.cached_property
    def commune_codes(self):
        return self.communes | set(
            Commune.objects.filter(province__in=self.provinces).values_list("code", flat=True)
        )


def _communes_of(province):
    return set(Commune.objects.filter(province=province).values_list("code", flat=True))


@dataclasses.dataclass
class DayFigures:
    date: datetime.date
    groups: dict  # (dimension, key) -> {column: number}
    verified_producers: int
    # (commune, former district, category, certificates) -> {column: number}; when asked for
    cube: dict = dataclasses.field(default_factory=dict)

    @property
    def total(self):
        return self.groups.get((Dimension.TOTAL, ""), ZERO)

    def of_area(self, commune=None, category=None, branch_of=categories_in_branch, province=None):
        """The figures of a commune, a category branch, both, a province or the whole
        installation (no filter).

        A place and a category at once come from the snapshot rows (ask for_date(..., cube=True)), which
        cannot count producers."""
        if category and (commune or province):
            branch = branch_of(category)
            places = {commune} if commune else _communes_of(province)
            rows = [row for key, row in self.cube.items() if key[0] in places and key[2] in branch]
            return {column: sum(row[column] for row in rows) for column in CUBE_COLUMNS}
        if commune:
            return self.groups.get((Dimension.COMMUNE, str(commune)), ZERO)
        if province:
            return self.groups.get((Dimension.PROVINCE, str(province)), ZERO)
        if category:
            return self.groups.get((Dimension.CATEGORY_BRANCH, str(category)), ZERO)
        return self.total

    def within(self, area):
        """The figures of an official's area: its provinces' and communes' groups add up
        to its total; the other breakdowns come from the snapshot rows of its communes
        (ask for_date(..., cube=True)), which count products, not producers."""
        codes = area.commune_codes
        total = dict(ZERO)
        for key in area.groups():
            for column in COLUMNS:
                total[column] += self.groups.get(key, ZERO)[column]
        groups = {(Dimension.TOTAL, ""): total}
        for (dimension, key), row in self.groups.items():
            if (dimension == Dimension.COMMUNE and key.isdigit() and int(key) in codes) or (
                dimension == Dimension.PROVINCE and int(key) in area.provinces
            ):
                groups[(dimension, key)] = row
        cube = {key: row for key, row in self.cube.items() if key[0] in codes}
        for (_commune, district, category, certificates), row in cube.items():
            for group in (
                (Dimension.LEGACY_DISTRICT, "" if district is None else str(district)),
                (Dimension.CATEGORY, str(category)),
                *((Dimension.CERTIFICATION, code) for code in certificates.split(",") if code),
            ):
                summed = groups.setdefault(group, {**ZERO, "listing_producers": None})
                for column in CUBE_COLUMNS:
                    summed[column] += row[column]
        return DayFigures(self.date, groups, self.verified_producers, cube)

    def by(self, dimension):
        """[(key, figures)] of one dimension, most listed first; every certificate is
        there, even with nothing listed (officials report the zeros too)."""
        rows = {key: row for (name, key), row in self.groups.items() if name == dimension}
        if dimension == Dimension.CERTIFICATION:
            rows = {code: rows.get(code, ZERO) for code in CERTIFICATES} | rows
        return sorted(rows.items(), key=lambda item: (-item[1]["listed_products"], item[0]))


def for_date(date, cube=False):
    """The figures at the end of `date` (today: so far); `cube` adds the snapshot rows."""
    if date >= timezone.localdate():
        key = _today_key(cube)
        figures = cache.get(key)
        if figures is None:
            figures = _today(cube)
            cache.set(key, figures, TODAY_CACHE_SECONDS)
        return figures
    snapshots.ensure(date, date)
    return _stored(date, cube)


def _today_key(cube):
    """Today's figures change only with a new event or status change: their ids are the key."""
    last_event = ListingEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    last_status = StatusChange.objects.order_by("-pk").values_list("pk", flat=True).first()
    return f"reports:today:{timezone.localdate()}:{cube}:{last_event}:{last_status}"


def from_log(date):
    """The same figures replayed from the whole log (slow at scale: for checks and tests)."""
    moment = end_of_day(date)
    replay = Replay(listings_at(moment))
    groups = {
        group: dict(zip(COLUMNS, [*figures, 0, 0], strict=True))
        for group, figures in replay.tally.groups.items()
        if figures[0]
    }
    return DayFigures(date, groups, verified_producers_at(moment))


def _stored(date, cube=False):
    """A snapshot's figures; cached until the snapshot is made again (today's figures
    start from yesterday's, so every change of a busy day reads them)."""
    day = SnapshotDay.objects.filter(date=date).first()
    key = f"reports:stored:{date}:{cube}:{day.made_at.isoformat() if day else None}"
    figures = cache.get(key)
    if figures is None:
        figures = _read_stored(date, cube, day.verified_producers if day else 0)
        cache.set(key, figures, STORED_CACHE_SECONDS)
    return figures


def _read_stored(date, cube, verified_producers):
    rows = DailyCount.objects.filter(date=date).values_list("dimension", "key", *COLUMNS)
    groups = {(row[0], row[1]): dict(zip(COLUMNS, row[2:], strict=True)) for row in rows}
    figures = DayFigures(date, groups, verified_producers)
    if cube:
        rows = ListingSnapshot.objects.filter(date=date).values_list(*CUBE_KEY, *CUBE_COLUMNS)
        figures.cube = {row[:4]: dict(zip(CUBE_COLUMNS, row[4:], strict=True)) for row in rows}
    return figures


def _today(cube=False):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    snapshots.ensure(yesterday, yesterday)
    figures = _stored(yesterday, cube)
    figures.date = today
    for row in [*figures.groups.values(), *figures.cube.values()]:
        row["newly_listed"] = row["delisted"] = 0
    _add(figures.groups, running.group_changes(today), COLUMNS)
    if cube:
        _add(figures.cube, running.cube_changes(today), CUBE_COLUMNS)
    figures.verified_producers = _verified_today(
        figures.verified_producers, start_of_day(today), end_of_day(today)
    )
    return figures


def _add(rows, changes, columns):
    for key, numbers in changes.items():
        row = rows.setdefault(key, dict.fromkeys(columns, 0))
        for column, number in zip(columns, numbers, strict=True):
            row[column] += number


def _verified_today(at_midnight, midnight, tonight):
    """Yesterday's verified producers, with those whose status changed today recounted."""
    changed = set(
        StatusChange.objects.filter(changed_at__gte=midnight).values_list("producer_id", flat=True)
    )
    if not changed:
        return at_midnight

    def verified(moment):
        status = {}
        for producer, to_status in (
            StatusChange.objects.filter(producer_id__in=changed, changed_at__lt=moment)
            .order_by("changed_at", "pk")
            .values_list("producer_id", "to_status")
        ):
            status[producer] = to_status
        return sum(value == "verified" for value in status.values())

    return at_midnight - verified(midnight) + verified(tonight)


def labels(dimension, keys=None):
    """{key: label} of a dimension's groups; of `keys` only, when given (for communes and
    former districts, which are thousands nationwide)."""
    places = {
        Dimension.COMMUNE: Commune,
        Dimension.LEGACY_DISTRICT: LegacyDistrict,
        Dimension.PROVINCE: Province,
    }
    if dimension in places:
        rows = places[dimension].objects.all()
        if keys is not None:
            rows = rows.filter(code__in=[int(key) for key in keys if key.isdigit()])
        return {str(code): name for code, name in rows.values_list("code", "name")}
    if dimension == Dimension.CATEGORY:
        return Category.labels(key="pk")
    if dimension == Dimension.CERTIFICATION:
        return CERTIFICATES
    return {str(stars): _("%(stars)s stars") % {"stars": stars} for stars in range(1, 6)}


def as_json(figures, group_by=None):
    """The open-data answer: GET /api/v1/stats/listings."""
    total = figures.total
    answer = {
        "date": figures.date.isoformat(),
        "definition": str(DEFINITION),
        "total": {
            "listed_products": total["listed_products"],
            "in_stock_products": total["in_stock_products"],
            "listing_producers": total["listing_producers"],
            "verified_producers": figures.verified_producers,
        },
    }
    if group_by:
        rows = figures.by(group_by)
        names = labels(group_by, keys=[key for key, _row in rows])
        answer["groups"] = [
            {
                "key": int(key) if key.isdigit() else key or None,
                "label": names.get(key, _("Unknown")),
                "listed_products": row["listed_products"],
                "listing_producers": row["listing_producers"],
            }
            for key, row in rows
        ]
    return answer
