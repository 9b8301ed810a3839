"""Replaying the event log: which products were listed, and which producers verified, at a moment.

Definitions (shown on the dashboard and returned by the API):
- a product *counts as listed* at the end of a day (Asia/Ho_Chi_Minh) when it
  is public at that moment: on sale or sold out, its producer verified and not
  suspended, not hidden by moderation; sold out is reported inside "listed";
- a producer *counts as listing* when it has at least one listed product.
"""

import datetime

from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from producers.models import StatusChange

from .models import ListingEvent, ListingState

DEFINITION = _(
    "A product counts as listed at the end of a day (Asia/Ho_Chi_Minh) when it is public "
    "at that moment: on sale or sold out, its producer verified and not suspended, not hidden "
    "by moderation. Sold out is reported inside the listed figure. A producer counts as "
    "listing when it has at least one listed product."
)


def start_of_day(date):
    """Midnight at the start of `date` in the province's time zone."""
    midnight = datetime.datetime.combine(date, datetime.time())
    return timezone.make_aware(midnight, timezone.get_default_timezone())


def end_of_day(date):
    """The first moment after `date` in the province's time zone."""
    return start_of_day(date + datetime.timedelta(days=1))


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


def verified_producers_at(moment, communes=None):
    """Producers verified at `moment`; of those now in `communes` when given."""
    changes = StatusChange.objects.filter(changed_at__lt=moment)
    if communes is not None:
        changes = changes.filter(producer__commune__in=communes)
    latest = (
        StatusChange.objects.filter(producer_id=OuterRef("producer_id"), changed_at__lt=moment)
        .order_by("-changed_at", "-pk")
        .values("pk")[:1]
    )
    return (
        changes.annotate(latest=Subquery(latest))
        .filter(pk=F("latest"), to_status="verified")
        .count()
    )
