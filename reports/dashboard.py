"""What the officials' dashboard and the public statistics page show for a date."""

import datetime
import functools

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from areas.models import Commune
from catalog.models import Product
from marketplace import jurisdiction
from orders.figures import sales
from orders.models import OrderPart
from producers.models import MembershipRole, Producer, ProducerMembership

from . import charts, figures
from .counts import DEFINITION, end_of_day, start_of_day, verified_producers_at
from .models import Dimension, Target
from .tally import categories_in_branch
from .timeseries import by_month, timeseries

# The OCOP products on the marketplace (any state): a scan of the products with
# stars, refreshed every few minutes rather than on every page view.
OCOP_CACHE_SECONDS = 300

BREAKDOWNS = (
    (Dimension.PROVINCE, gettext_lazy("By province")),
    (Dimension.COMMUNE, gettext_lazy("By commune")),
    (Dimension.LEGACY_DISTRICT, gettext_lazy("By former district")),
    (Dimension.CATEGORY, gettext_lazy("By category")),
    (Dimension.CERTIFICATION, gettext_lazy("By certification")),
    (Dimension.OCOP_STARS, gettext_lazy("By OCOP stars")),
)


def dashboard(date, user=None):
    """The figures of `date`: of the user's area when an official is given (their provinces
    and communes), of every area otherwise (the public page)."""
    # Targets often share a date and an area: each is read once.
    figures_on = functools.cache(figures.for_date)
    branch_of = functools.cache(categories_in_branch)
    area = figures.Area.of(user) if user is not None else None
    day = figures_on(date, cube=area is not None)
    if area is not None:
        day = day.within(area)
        day.verified_producers = verified_producers_at(end_of_day(date), area.commune_codes)
    # One series of daily points gives both charts.
    days = timeseries(_months_before(date, 23), date, today=day, area=area)["points"]
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
            (_("Households helped by digital teams"), households_helped(user)),
            (
                _("Newly listed this month"),
                sum(p["newly_listed"] for p in daily if p["date"] >= month_start),
            ),
        ],
        "daily_chart": charts.line_chart(daily, title=_("Listed products, last 90 days")),
        "monthly_chart": charts.line_chart(monthly, title=_("Listed products, by month")),
        "area": area,
        "breakdowns": [
            (title, breakdown(day, dimension))
            for dimension, title in BREAKDOWNS
            # By province when there are several; OCOP stars are not in the snapshot rows
            # an area's breakdowns come from.
            if (dimension != Dimension.PROVINCE or len(settings.SERVED_PROVINCES) > 1)
            and (dimension != Dimension.OCOP_STARS or area is None)
        ],
        "targets": [
            target_progress(target, date, figures_on, branch_of)
            for target in _seen(
                user, Target.objects.select_related("province", "commune", "category")
            )
        ],
        "communes_without_listings": communes_without_listings(day, area),
        "ocop": ocop_coverage(day, user),
        "sales": sales(
            start_of_day(date.replace(day=1)),
            end_of_day(date),
            parts=_seen(user, OrderPart.objects.all()),
        ),
    }


def _seen(user, queryset):
    return queryset if user is None else jurisdiction.limit(user, queryset)


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


def households_helped(user=None):
    """Verified producers registered or helped by a community digital-team member."""
    assisted = ProducerMembership.objects.filter(
        producer=OuterRef("pk"), role=MembershipRole.ASSISTANT
    )
    helped = Producer.objects.filter(status="verified").filter(
        Q(registered_by__isnull=False) | Exists(assisted)
    )
    return _seen(user, helped).count()


def communes_without_listings(day, area=None):
    listing = {key for key, row in day.by(Dimension.COMMUNE) if row["listed_products"]}
    communes = Commune.objects.served()
    if area is not None:
        communes = communes.filter(code__in=area.commune_codes)
    return [
        commune for commune in communes.order_by("sort_key") if str(commune.code) not in listing
    ]


def ocop_coverage(day, user=None):
    """Listed OCOP products against the OCOP products on the marketplace (any state);
    the ministry's goal is every product of 3 stars or more online. An official's area
    has no stars in its figures (they come from the snapshot rows): its 3-star row is
    left out."""
    whole = user is None or jurisdiction.sees_everything(user)
    registered = cache.get_or_set(
        f"reports:ocop-registered:{'all' if whole else user.pk}",
        lambda: _seen(
            None if whole else user, Product.objects.filter(ocop_stars__isnull=False)
        ).aggregate(
            any=Count("pk", filter=Q(ocop_stars__gte=1)),
            three=Count("pk", filter=Q(ocop_stars__gte=3)),
        ),
        OCOP_CACHE_SECONDS,
    )
    if whole:
        listed_by_stars = {
            int(key): row["listed_products"] for key, row in day.by(Dimension.OCOP_STARS)
        }
    else:
        listed_by_stars = {
            1: day.groups.get((Dimension.CERTIFICATION, "ocop"), {}).get("listed_products", 0)
        }
    rows = []
    for label, stars, certified in (
        (_("All OCOP products"), 1, registered["any"]),
        (_("3 stars or more"), 3, registered["three"]),
    ):
        if stars == 3 and not whole:
            continue
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
    both = bool((target.commune_id or target.province_id) and target.category_id)
    day = figures_on(on, cube=both)
    actual = day.of_area(
        target.commune_id, target.category_id, branch_of, province=target.province_id
    )[target.metric]
    return {
        "target": target,
        "on": on,
        "actual": actual,
        "percent": _percent(actual, target.value),
        "gap": max(target.value - actual, 0),
        "met": actual >= target.value,
    }
