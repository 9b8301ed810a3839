"""Counting listed products and listing producers while replaying the log.

One counting serves every path: the nightly snapshot (the state at the end of the
day before, then the day's events), the backfill (one pass over the whole log) and
the rebuild of today's running figures (reports.running). Producers listing are
counted per group, since a producer selling in two categories counts once in each
and once in the province.
"""

import functools
import json
from collections import Counter, defaultdict, namedtuple

from django.db.models import Subquery, TextField
from django.db.models.functions import Cast

from .models import Dimension, ListingEvent, ListingState

# What a listed product is counted under: cube = (commune, former district, category,
# certificates "ocop,vietgap"), the row key of ListingSnapshot.
Listing = namedtuple("Listing", "producer cube stars in_stock")

# Certificates are read as JSON text and decoded once per distinct value: decoding
# every row's JSON was most of the cost of a replay.
EVENT_FIELDS = (
    "product_id", "state", "producer_id", "commune_id", "legacy_district_id",
    "category_id", "certificates_json", "ocop_stars",
)  # fmt: skip


def with_certificates_json(events):
    return events.annotate(certificates_json=Cast("certifications", output_field=TextField()))


@functools.cache
def _certificates(codes_json, ocop):
    codes = json.loads(codes_json) if codes_json else []
    return ",".join(sorted({*codes, *(["ocop"] if ocop else [])}))


def listing_of(state, producer, commune, district, category, codes_json, stars):
    """The Listing of an event's values, or None when the product is not listed."""
    if state == ListingState.UNLISTED:
        return None
    certificates = _certificates(codes_json, bool(stars))
    return Listing(
        producer, (commune, district, category, certificates), stars, state == "in_stock"
    )


def category_branches():
    """{category id: ids of it and its ancestors}: a product counts in every branch above it."""
    from catalog.models import Category

    ids = dict(Category.objects.values_list("path", "pk"))
    step = Category.steplen
    return {
        pk: [ids[path[:end]] for end in range(step, len(path) + 1, step)]
        for path, pk in ids.items()
    }


def categories_in_branch(category_id):
    """The ids of a category and of every category under it."""
    from catalog.models import Category

    path = Category.objects.filter(pk=category_id).values("path")
    return set(
        Category.objects.filter(path__startswith=Subquery(path)).values_list("pk", flat=True)
    )


_PROVINCES = {}  # commune code -> province code: the units never change, so kept once found


def province_of(commune):
    """The province of a commune (its code), None when unknown."""
    if commune not in _PROVINCES:
        from areas.models import Commune

        found = Commune.objects.filter(code=commune).values_list("province_id", flat=True)
        if not found:
            return None
        _PROVINCES[commune] = found[0]
    return _PROVINCES[commune]


def groups_of(listing, branches):
    """The (dimension, key) groups a listed product counts in."""
    commune, district, category, certificates = listing.cube
    yield Dimension.TOTAL, ""
    province = province_of(commune) if commune is not None else None
    if province is not None:
        yield Dimension.PROVINCE, str(province)
    yield Dimension.COMMUNE, "" if commune is None else str(commune)
    yield Dimension.LEGACY_DISTRICT, "" if district is None else str(district)
    yield Dimension.CATEGORY, str(category)
    for branch in branches.get(category, [category]):
        yield Dimension.CATEGORY_BRANCH, str(branch)
    for code in certificates.split(",") if certificates else ():
        yield Dimension.CERTIFICATION, code
    if listing.stars:
        yield Dimension.OCOP_STARS, str(listing.stars)


def memoized_groups_of(branches):
    """groups_of() worked out once per (snapshot row, stars): replays meet the same few often."""
    known = {}

    def groups(listing):
        key = (listing.cube, listing.stars)
        if key not in known:
            known[key] = list(groups_of(listing, branches))
        return known[key]

    return groups


class Tally:
    """Listed, in stock and listing producers per group and per cube row."""

    def __init__(self, branches):
        self.groups_of = memoized_groups_of(branches)
        self.cube = defaultdict(lambda: [0, 0])  # listed, in stock
        self.groups = defaultdict(lambda: [0, 0, 0])  # listed, in stock, producers
        self._products_of_producer = Counter()  # (dimension, key, producer) -> listed

    def count(self, listing, sign=1):
        self.cube[listing.cube][0] += sign
        self.cube[listing.cube][1] += sign * listing.in_stock
        for group in self.groups_of(listing):
            figures = self.groups[group]
            figures[0] += sign
            figures[1] += sign * listing.in_stock
            mine = (*group, listing.producer)
            before = self._products_of_producer.pop(mine, 0)
            after = before + sign
            if after:
                self._products_of_producer[mine] = after
            figures[2] += (after > 0) - (before > 0)


class Replay:
    """Listings moved through the log, a day at a time."""

    def __init__(self, listings=None):
        self.listings = {}
        self.tally = Tally(category_branches())
        self._day_start = {}  # product -> its Listing (or None) before its first change today
        for product, listing in (listings or {}).items():
            self.listings[product] = listing
            self.tally.count(listing)

    def apply(self, product, listing):
        self._day_start.setdefault(product, self.listings.get(product))
        old = self.listings.pop(product, None)
        if old:
            self.tally.count(old, -1)
        if listing:
            self.listings[product] = listing
            self.tally.count(listing)

    def close_day(self):
        """{cube or group: [newly listed, delisted]} since the last close; the next day starts."""
        changes = defaultdict(lambda: [0, 0])
        for product, before in self._day_start.items():
            after = self.listings.get(product)
            if (before is None) == (after is None):
                continue
            listing, column = (after, 0) if before is None else (before, 1)
            changes[listing.cube][column] += 1
            for group in self.tally.groups_of(listing):
                changes[group][column] += 1
        self._day_start = {}
        return changes


def listings_at(moment, products=None):
    """{product: Listing} of the products listed just before `moment`, from the log."""
    from .counts import listed_at

    events = with_certificates_json(listed_at(moment))
    if products is not None:
        events = events.filter(product_id__in=products)
    return {row[0]: listing_of(*row[1:]) for row in events.values_list(*EVENT_FIELDS)}


def events_between(start, end):
    """(moment, product, Listing or None) of the events in [start, end), in log order."""
    events = with_certificates_json(ListingEvent.objects.filter(at__gte=start, at__lt=end))
    for row in events.order_by("at", "pk").values_list("at", *EVENT_FIELDS).iterator(20_000):
        yield row[0], row[1], listing_of(*row[2:])


def difference(before, after, groups_of, listed_elsewhere):
    """What the changed products did to the figures, from their Listings `before` and `after`.

    Returns ({group: [listed, in stock, producers, newly listed, delisted]},
    {snapshot row: [listed, in stock, newly listed, delisted]}). A producer's count in a
    group moves only where its changed products entered or left the group and it has no
    other listed product there: `listed_elsewhere(producers)` answers the set of
    (group, producer) where they have listed products that did not change.
    """
    groups = defaultdict(lambda: [0, 0, 0, 0, 0])
    cube = defaultdict(lambda: [0, 0, 0, 0])
    had, has = set(), set()
    for listings, sign, present in ((before, -1, had), (after, 1, has)):
        for listing in listings.values():
            cube[listing.cube][0] += sign
            cube[listing.cube][1] += sign * listing.in_stock
            for group in groups_of(listing):
                groups[group][0] += sign
                groups[group][1] += sign * listing.in_stock
                present.add((group, listing.producer))
    for product in before.keys() | after.keys():
        old, new = before.get(product), after.get(product)
        if (old is None) != (new is None):
            listing, column = (new, 0) if old is None else (old, 1)
            cube[listing.cube][2 + column] += 1
            for group in groups_of(listing):
                groups[group][3 + column] += 1
    moved = had ^ has
    if moved:
        elsewhere = listed_elsewhere({producer for _group, producer in moved})
        for group, producer in moved - elsewhere:
            groups[group][2] += 1 if (group, producer) in has else -1
    return groups, cube
