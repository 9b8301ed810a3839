"""The supply outlook: what announced harvests will bring, week by week, against what
buyers have committed to (pre-orders) and what the marketplace sold in the same weeks
a year before; weeks where supply far exceeds that demand are flagged ("nguy cơ dư cung").

An announcement's quantities are spread evenly over the days of its harvest window.
The outlook of a past moment reads the log (AnnouncementChange rows valid then), so
it is the same whenever it is asked; last year's sales are delivered order lines, a
final status that keeps its date. Quantities are in the product's unit (kg, quả…),
never added across units.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Aggregate, F, Q, Sum, TextField
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from areas.models import Commune, LegacyDistrict
from catalog.models import Category
from marketplace.jurisdiction import EVERYWHERE
from orders.models import OrderLine, PartStatus
from producers.models import Producer

from .models import AnnouncementChange, AnnouncementStatus, ChangeWeek, OutlookSettings

MAX_WEEKS = 26
A_YEAR_BEFORE = datetime.timedelta(weeks=52)  # the same weekdays a year earlier
GROUPS = ("category", "commune", "legacy_district")
NOT_COMING = (AnnouncementStatus.WITHDRAWN, AnnouncementStatus.FAILED)
CENT = Decimal("0.01")

DEFINITION = _(
    "Announced: the expected harvests, spread evenly over the days of their window. "
    "Pre-ordered: what buyers reserved on them. Sold a year before: delivered order "
    "lines in the same weeks 52 weeks earlier. A week is flagged when the announced "
    "quantity is more than the set ratio times the pre-ordered and last year's sold "
    "quantities together, and beyond them by at least the set quantity."
)


def first_monday(day):
    return day - datetime.timedelta(days=day.weekday())


def weeks_from(start, count):
    monday = first_monday(start)
    return [monday + datetime.timedelta(weeks=n) for n in range(count)]


@dataclass
class Row:
    week: datetime.date
    category_id: int
    unit: str
    area: int | None = None
    announced: Decimal = Decimal(0)
    preordered: Decimal = Decimal(0)
    sold_last_year: Decimal = Decimal(0)
    communes: set = field(default_factory=set)
    producers: set = field(default_factory=set)
    flagged: bool = False

    @property
    def committed(self):
        return self.preordered + self.sold_last_year


def changes_valid_at(moment):
    return AnnouncementChange.objects.filter(at__lte=moment).filter(
        Q(until=None) | Q(until__gt=moment)
    )


FOUR_PLACES = Decimal("0.0001")


class CodesOf(Aggregate):
    """The distinct values of a column in a group, joined by commas (the communes and the
    producers of an outlook row, gathered by the database)."""

    function = "STRING_AGG"
    template = "%(function)s(DISTINCT CAST(%(expressions)s AS TEXT), ',')"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, function="GROUP_CONCAT",
            template="%(function)s(DISTINCT %(expressions)s)", **extra_context,
        )  # fmt: skip


def _codes(joined):
    return {int(code) for code in joined.split(",")} if joined else set()


def shares_of(change):
    """The ChangeWeek rows of a logged change: its quantities spread evenly over the days
    of its window, per week."""
    days = (change.window_end - change.window_start).days + 1
    monday = first_monday(change.window_start)
    shares = []
    while monday <= change.window_end:
        first = max(monday, change.window_start)
        last = min(monday + datetime.timedelta(days=6), change.window_end)
        part = Decimal((last - first).days + 1) / days
        shares.append(
            ChangeWeek(
                change=change,
                week=monday,
                announced=(change.expected_quantity * part).quantize(FOUR_PLACES),
                reserved=(change.reserved_quantity * part).quantize(FOUR_PLACES),
            )
        )
        monday += datetime.timedelta(weeks=1)
    return shares


def outlook(
    start, weeks=12, *, as_of=None, communes=EVERYWHERE, group_by="category", category=None,
    producers=False,
):  # fmt: skip
    """[Row] for `weeks` weeks from the Monday of `start`, as known at `as_of` (now by
    default), within `communes` (codes; EVERYWHERE for all), per week × category × unit
    and, for group_by "commune" or "legacy_district", that area; a flagged row with its
    communes (and its producers when asked). The database sums the weekly shares."""
    as_of = as_of or timezone.now()
    mondays = weeks_from(start, weeks)
    first, last = mondays[0], mondays[-1] + datetime.timedelta(days=6)
    area_field = {"commune": "commune_id", "legacy_district": "legacy_district_id"}.get(group_by)
    rows = {}

    def row(monday, category_id, unit, area):
        key = (monday, category_id, unit, area)
        if key not in rows:
            rows[key] = Row(monday, category_id, unit, area)
        return rows[key]

    changes = (
        changes_valid_at(as_of)
        .filter(window_end__gte=first, window_start__lte=last)
        .exclude(status__in=NOT_COMING)
    )
    if communes is not EVERYWHERE:
        changes = changes.filter(commune_id__in=communes)
    if category is not None:
        changes = changes.filter(category_id__in=category)
    group = ["change__category_id", "change__unit"]
    group += [f"change__{area_field}"] if area_field else []
    weekly = ChangeWeek.objects.filter(week__gte=first, week__lte=mondays[-1], change__in=changes)
    sums = weekly.values("week", *group).annotate(
        announced_sum=Sum("announced"), reserved_sum=Sum("reserved")
    )
    for each in sums.order_by():
        added = row(each["week"], each["change__category_id"], each["change__unit"],
                    each[group[2]] if area_field else None)  # fmt: skip
        added.announced += each["announced_sum"]
        added.preordered += each["reserved_sum"]
    for sale in _sold_a_year_before(first, last, communes, category, area_field):
        monday = first_monday(sale["day"] + A_YEAR_BEFORE)
        row(monday, sale["category_id"], sale["unit"], sale.get("area")).sold_last_year += sale[
            "quantity"
        ]
    _flag(rows.values())
    # Who is involved, only where a glut is flagged: gathering every row's communes took
    # more than half the outlook's time at 50,000 announcements.
    flagged = {(each.week, each.category_id, each.unit) for each in rows.values() if each.flagged}
    if flagged:
        involved = weekly.filter(
            week__in={week for week, _, _ in flagged},
            change__category_id__in={category_id for _, category_id, _ in flagged},
        ).values("week", *group)
        involved = involved.annotate(
            commune_codes=CodesOf("change__commune_id"),
            **({"producer_ids": CodesOf("change__producer_id")} if producers else {}),
        )
        for each in involved.order_by():
            if (each["week"], each["change__category_id"], each["change__unit"]) in flagged:
                added = row(each["week"], each["change__category_id"], each["change__unit"],
                            each[group[2]] if area_field else None)  # fmt: skip
                added.communes.update(_codes(each["commune_codes"]))
                added.producers.update(_codes(each.get("producer_ids")))
    for each in rows.values():
        each.announced = each.announced.quantize(CENT)
        each.preordered = each.preordered.quantize(CENT)
    return sorted(rows.values(), key=lambda r: (r.week, r.category_id, r.unit, r.area or 0))


def _sold_a_year_before(first, last, communes, category, area_field):
    start = datetime.datetime.combine(first - A_YEAR_BEFORE, datetime.time.min)
    end = datetime.datetime.combine(
        last - A_YEAR_BEFORE + datetime.timedelta(days=1), datetime.time.min
    )
    zone = timezone.get_current_timezone()
    lines = OrderLine.objects.filter(
        part__status=PartStatus.DELIVERED,
        part__status_changed_at__gte=timezone.make_aware(start, zone),
        part__status_changed_at__lt=timezone.make_aware(end, zone),
    )
    if communes is not EVERYWHERE:
        lines = lines.filter(part__producer__commune__in=communes)
    if category is not None:
        lines = lines.filter(product__category_id__in=category)
    group = {"day": TruncDate("part__status_changed_at", tzinfo=zone),
             "category_id": F("product__category_id"), "unit_code": F("product__unit")}  # fmt: skip
    if area_field == "commune_id":
        group["area"] = F("part__producer__commune_id")
    elif area_field:
        group["area"] = F("part__producer__commune__legacy_district_id")
    for sale in lines.values(**group).annotate(quantity=Sum("quantity")).order_by():
        sale["unit"] = sale.pop("unit_code")
        yield sale


def _flag(rows):
    """A week is at risk of glut per category and unit over the whole area looked at: the
    producers of every commune in it sell into the same market."""
    rule = OutlookSettings.load()
    totals = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for each in rows:
        total = totals[(each.week, each.category_id, each.unit)]
        total[0] += each.announced
        total[1] += each.committed
    for each in rows:
        announced, committed = totals[(each.week, each.category_id, each.unit)]
        each.flagged = bool(
            announced > committed * rule.glut_ratio
            and announced - committed >= rule.glut_min_quantity
        )


def as_json(rows, *, start, weeks, as_of, group_by="category", with_producers=False):
    """The open-data answer (GET /api/v1/stats/supply) and the officials' export."""
    labels = _Labels(rows, group_by)
    return {
        "start": first_monday(start).isoformat(),
        "weeks": weeks,
        "as_of": timezone.localtime(as_of).isoformat(),
        "definition": str(DEFINITION),
        "rows": [
            {
                "week": each.week.isoformat(),
                "week_label": week_label(each.week),
                "category": labels.category_slug.get(each.category_id, ""),
                "category_label": labels.category.get(each.category_id, ""),
                "unit": each.unit,
                **(
                    {"area": each.area, "area_label": labels.area(each.area)}
                    if each.area is not None
                    else {}
                ),
                "announced": float(each.announced),
                "preordered": float(each.preordered),
                "sold_last_year": float(each.sold_last_year),
                "flagged": each.flagged,
                "communes": sorted(labels.commune.get(code, "") for code in each.communes if code),
                **(
                    {"producers": sorted(labels.producer.get(pk, "") for pk in each.producers)}
                    if with_producers
                    else {}
                ),
            }
            for each in rows
        ],
    }


def week_label(monday):
    sunday = monday + datetime.timedelta(days=6)
    return f"{monday:%d/%m}–{sunday:%d/%m/%Y}"


class _Labels:
    def __init__(self, rows, group_by):
        categories = Category.objects.filter(pk__in={r.category_id for r in rows})
        self.category = {c.pk: c.label for c in categories}
        self.category_slug = {c.pk: c.slug for c in categories}
        areas = {r.area for r in rows if r.area is not None}
        codes = {code for r in rows for code in r.communes if code}
        if group_by == "commune":
            codes |= areas
        self.commune = dict(Commune.objects.filter(code__in=codes).values_list("code", "name"))
        self.districts = {}
        if group_by == "legacy_district":
            self.districts = dict(
                LegacyDistrict.objects.filter(pk__in=areas).values_list("pk", "name")
            )
        self.group_by = group_by
        self.producer = dict(
            Producer.objects.filter(pk__in={pk for r in rows for pk in r.producers}).values_list(
                "pk", "display_name"
            )
        )

    def area(self, code):
        names = self.districts if self.group_by == "legacy_district" else self.commune
        return names.get(code, "")
