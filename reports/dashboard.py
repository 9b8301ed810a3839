"""What the officials' dashboard and the public statistics page show for a date."""

import datetime
import functools

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from areas.models import Commune
from catalog.models import Product
from orders.figures import sales
from producers.models import MembershipRole, Producer, ProducerMembership

from . import charts, figures
from .counts import DEFINITION, end_of_day, start_of_day
from .models import Dimension, Target
from .tally import categories_in_branch
from .timeseries import by_month, timeseries

# The OCOP products on the marketplace (any state): a scan of the products with
# stars, refreshed every few minutes rather than on every page view.
OCOP_CACHE_SECONDS = 300

BREAKDOWNS = (
    (Dimension.COMMUNE, gettext_lazy("By commune")),
    (Dimension.LEGACY_DISTRICT, gettext_lazy("By former district")),
    (Dimension.CATEGORY, gettext_lazy("By category")),
    (Dimension.CERTIFICATION, gettext_lazy("By certification")),
    (Dimension.OCOP_STARS, gettext_lazy("By OCOP stars")),
)


def dashboard(date):
    # Targets often share a date and an area: each is read once.
    figures_on = functools.cache(figures.for_date)
    branch_of = functools.cache(categories_in_branch)
    day = figures_on(date, cube=False)
    # One series of daily points gives both charts.
    days = timeseries(_months_before(date, 23), date, today=day)["points"]
    daily, monthly = days[-90:], by_month(days)
    month_start = date.replace(day=1).isoformat()
    total = day.total
    return {
        "date": date,
        "definition": DEFINITION,
        "cards": [
            (_("Listed products"), total["listed_products"]),
            (_("In stock"), total["in_stock_products"]),
            (_("Producers listing"), total["listing_producers"]),
            (_("Producers verified"), day.verified_producers),
            (_("Households helped by digital teams"), households_helped()),
            (
                _("Newly listed this month"),
                sum(p["newly_listed"] for p in daily if p["date"] >= month_start),
            ),
        ],
        "daily_chart": charts.line_chart(daily, title=_("Listed products, last 90 days")),
        "monthly_chart": charts.line_chart(monthly, title=_("Listed products, by month")),
        "breakdowns": [(title, breakdown(day, dimension)) for dimension, title in BREAKDOWNS],
        "targets": [
            target_progress(target, date, figures_on, branch_of)
            for target in Target.objects.select_related("commune", "category")
        ],
        "communes_without_listings": communes_without_listings(day),
        "ocop": ocop_coverage(day),
        "sales": sales(start_of_day(date.replace(day=1)), end_of_day(date)),
    }


def _months_before(date, months):
    year, month = divmod(date.year * 12 + date.month - 1 - months, 12)
    return datetime.date(year, month + 1, 1)


def breakdown(day, dimension):
    rows = day.by(dimension)
    labels = figures.labels(dimension, keys=[key for key, _row in rows])
    top = max((row["listed_products"] for _key, row in rows), default=0)
    return [
        {
            "key": key,
            "label": labels.get(key, _("Unknown")),
            **row,
            "bar": charts.bar(row["listed_products"], top),
        }
        for key, row in rows
    ]


def households_helped():
    """Verified producers registered or helped by a community digital-team member."""
    assisted = ProducerMembership.objects.filter(
        producer=OuterRef("pk"), role=MembershipRole.ASSISTANT
    )
    return (
        Producer.objects.filter(status="verified")
        .filter(Q(registered_by__isnull=False) | Exists(assisted))
        .count()
    )


def communes_without_listings(day):
    listing = {key for key, row in day.by(Dimension.COMMUNE) if row["listed_products"]}
    return [
        commune
        for commune in Commune.objects.in_home_province().order_by("sort_key")
        if str(commune.code) not in listing
    ]


def ocop_coverage(day):
    """Listed OCOP products against the OCOP products on the marketplace (any state);
    the ministry's goal is every product of 3 stars or more online."""
    registered = cache.get_or_set(
        "reports:ocop-registered",
        lambda: Product.objects.filter(ocop_stars__isnull=False).aggregate(
            any=Count("pk", filter=Q(ocop_stars__gte=1)),
            three=Count("pk", filter=Q(ocop_stars__gte=3)),
        ),
        OCOP_CACHE_SECONDS,
    )
    listed_by_stars = {
        int(key): row["listed_products"] for key, row in day.by(Dimension.OCOP_STARS)
    }
    rows = []
    for label, stars, certified in (
        (_("All OCOP products"), 1, registered["any"]),
        (_("3 stars or more"), 3, registered["three"]),
    ):
        listed = sum(n for star, n in listed_by_stars.items() if star >= stars)
        rows.append(
            {
                "label": label,
                "listed": listed,
                "certified": certified,
                "percent": _percent(listed, certified),
            }
        )
    return rows


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


def target_progress(target, date, figures_on=figures.for_date, branch_of=categories_in_branch):
    """A target's figure at the end of its period (or on `date` if that is earlier)."""
    on = min(target.period_end, date)
    both = bool(target.commune_id and target.category_id)
    day = figures_on(on, cube=both)
    actual = day.of_area(target.commune_id, target.category_id, branch_of)[target.metric]
    return {
        "target": target,
        "on": on,
        "actual": actual,
        "percent": _percent(actual, target.value),
        "gap": max(target.value - actual, 0),
        "met": actual >= target.value,
    }
