"""Whether a product is listed: public to buyers and counted in officials' figures.

A product is listed when it is on sale or sold out, not hidden by moderation,
and its producer is verified; sold out is told apart inside "listed". The
answer is stored on the product (is_listed, listing_state) so listing pages
read one indexed column, and every change of it is appended to the officials'
history (reports.ListingEvent). refresh_listing() is the one place that does
both; every service that changes an input calls it, in its transaction.
"""

from django.db.models import Q
from django.utils import timezone

LISTED_STATUSES = ("active", "sold_out")
LISTED = Q(status__in=LISTED_STATUSES, is_hidden=False, producer__status="verified")


def listing_state(status, is_hidden, producer_status):
    if is_hidden or producer_status != "verified" or status not in LISTED_STATUSES:
        return "unlisted"
    return "in_stock" if status == "active" else "sold_out"


def refresh_listing(products, at=None, record=True):
    """Recompute the listing state of a queryset of products; return how many changed.

    Changes are logged as ListingEvents at `at` (now by default) unless record=False
    (a backfill that writes its own history).
    """
    from reports.models import ListingEvent

    from .models import Product

    rows = products.values_list(
        "pk", "status", "is_hidden", "producer__status", "listing_state"
    ).order_by("pk")
    changed, still_listed = {}, []
    for pk, status, is_hidden, producer_status, old_state in rows:
        new_state = listing_state(status, is_hidden, producer_status)
        if new_state != old_state:
            changed.setdefault(new_state, []).append(pk)
        elif new_state != "unlisted":
            still_listed.append(pk)
    for state, ids in changed.items():
        Product.objects.filter(pk__in=ids).update(
            listing_state=state, is_listed=state != "unlisted"
        )
    if record:
        at = at or timezone.now()
        ids = [pk for ids in changed.values() for pk in ids]
        events = [
            listing_event(product, at)
            for product in Product.objects.filter(pk__in=ids + still_listed)
            .select_related("origin_commune")
            .order_by("pk")
        ]
        ListingEvent.bulk_create_changes(events, changed=set(ids))
    return sum(len(ids) for ids in changed.values())


def listing_event(product, at):
    """The event of a product entering its current state, with what it is now."""
    from reports.models import ListingEvent

    commune = product.origin_commune
    return ListingEvent(
        product_id=product.pk,
        at=at,
        state=product.listing_state,
        producer_id=product.producer_id,
        category_id=product.category_id,
        commune_id=commune.code if commune else None,
        legacy_district_id=commune.legacy_district_id if commune else None,
        certifications=product.certifications,
        ocop_stars=product.ocop_stars,
    )


def after_change(products):
    """Every service that changes products ends here, inside its transaction:
    the listing state is recomputed (and logged) and the search index is told (outbox)."""
    from search.indexing import enqueue

    refresh_listing(products)
    enqueue(products.values_list("pk", flat=True))
