"""Exact listing counts for any past date, replayed from the event log.

Definitions (shown on the dashboard and returned by the API):
- a product *counts as listed* at the end of a day (Asia/Ho_Chi_Minh) when it
  is public at that moment: on sale or sold out, its producer verified and not
  suspended, not hidden by moderation; sold out is reported inside "listed";
- a producer *counts as listing* when it has at least one listed product.
"""

import datetime

from django.db.models import Count, F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from areas.models import Commune, LegacyDistrict
from catalog.models import Category, ProductCertification
from producers.models import StatusChange

from .models import ListingEvent, ListingState

DEFINITION = _(
    "A product counts as listed at the end of a day (Asia/Ho_Chi_Minh) when it is public "
    "at that moment: on sale or sold out, its producer verified and not suspended, not hidden "
    "by moderation. Sold out is reported inside the listed figure. A producer counts as "
    "listing when it has at least one listed product."
)
GROUPS = ("commune", "legacy_district", "category", "certification")


def end_of_day(date):
    """The first moment after `date` in the province's time zone."""
    midnight = datetime.datetime.combine(date + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight, timezone.get_default_timezone())


def listed_at(moment):
    """The latest event of each product before `moment`, keeping only listed ones."""
    latest = (
        ListingEvent.objects.filter(product_id=OuterRef("product_id"), at__lt=moment)
        .order_by("-at", "-pk")
        .values("pk")[:1]
    )
    return (
        ListingEvent.objects.filter(at__lt=moment)
        .annotate(latest=Subquery(latest))
        .filter(pk=F("latest"))
        .exclude(state=ListingState.UNLISTED)
    )


def verified_producers_at(moment):
    latest = (
        StatusChange.objects.filter(producer_id=OuterRef("producer_id"), changed_at__lt=moment)
        .order_by("-changed_at", "-pk")
        .values("pk")[:1]
    )
    return (
        StatusChange.objects.filter(changed_at__lt=moment)
        .annotate(latest=Subquery(latest))
        .filter(pk=F("latest"), to_status="verified")
        .count()
    )


def listing_counts(date, group_by=None):
    moment = end_of_day(date)
    events = listed_at(moment)
    answer = {
        "date": date.isoformat(),
        "definition": str(DEFINITION),
        "total": {
            "listed_products": events.count(),
            "in_stock_products": events.filter(state=ListingState.IN_STOCK).count(),
            "listing_producers": events.values("producer_id").distinct().count(),
            "verified_producers": verified_producers_at(moment),
        },
    }
    if group_by:
        answer["groups"] = _groups(events, group_by)
    return answer


def _groups(events, group_by):
    if group_by == "certification":
        return _certification_groups(events)
    field = {
        "commune": "commune_id",
        "legacy_district": "legacy_district_id",
        "category": "category_id",
    }[group_by]
    labels = _labels(group_by)
    return [
        {
            "key": row[field],
            "label": labels.get(row[field], str(_("Unknown"))),
            "listed_products": row["listed"],
            "listing_producers": row["producers"],
        }
        for row in events.values(field)
        .annotate(listed=Count("pk"), producers=Count("producer_id", distinct=True))
        .order_by("-listed", field)
    ]


def _certification_groups(events):
    """Certificates are a list per product: counted in Python over the listed events."""
    products, producers = {}, {}
    rows = events.values_list("producer_id", "certifications", "ocop_stars")
    for producer_id, codes, stars in rows:
        for code in [*(codes or []), *(["ocop"] if stars else [])]:
            products[code] = products.get(code, 0) + 1
            producers.setdefault(code, set()).add(producer_id)
    return [
        {
            "key": code,
            "label": str(label),
            "listed_products": products.get(code, 0),
            "listing_producers": len(producers.get(code, ())),
        }
        for code, label in [*ProductCertification.choices, ("ocop", "OCOP")]
    ]


def _labels(group_by):
    if group_by == "commune":
        return dict(Commune.objects.values_list("code", "name"))
    if group_by == "legacy_district":
        return dict(LegacyDistrict.objects.values_list("code", "name"))
    return dict(Category.objects.values_list("pk", "name"))
