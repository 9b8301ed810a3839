"""The officials' history written as listings change (registered with catalog.listing)."""

from catalog.models import Product

from . import running
from .models import ListingEvent


def listing_event(product, at):
    """The event of a product entering its current state, with what it is now."""
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


def record_listing_changes(changed_ids, still_listed_ids, at):
    """Log the products whose state changed, and the listed ones now counted under
    another commune, category or certificate than their latest event says (a listed
    product moved to another category counts there); today's figures follow."""
    events = [
        listing_event(product, at)
        for product in Product.objects.filter(pk__in=[*changed_ids, *still_listed_ids])
        .select_related("origin_commune")
        .order_by("pk")
    ]
    past = running.Past([event.product_id for event in events], at)
    events = [
        event
        for event in events
        if event.product_id in changed_ids
        or past.counted_under.get(event.product_id)
        != [getattr(event, field) for field in ListingEvent.COUNTED_UNDER]
    ]
    ListingEvent.objects.bulk_create(events)
    running.record(events, past)


def import_history(products):
    """The log as if these products had been listed (and delisted) over time."""
    events = []
    for product in products.select_related("origin_commune", "producer").iterator(chunk_size=2000):
        if product.listed_at is None:
            continue
        if product.listing_state != "unlisted":
            events.append(listing_event(product, product.listed_at))
        elif product.delisted_at is not None and product.producer.status == "verified":
            listed = listing_event(product, product.listed_at)
            listed.state = "in_stock"
            events += [listed, listing_event(product, product.delisted_at)]
    events.sort(key=lambda event: event.at)
    ListingEvent.objects.bulk_create(events, batch_size=2000)
    running.forget()
