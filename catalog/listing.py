"""Whether a product is listed: public to buyers and counted in officials' figures.

A product is listed when it is on sale or sold out, not hidden by moderation,
and its producer is verified. The answer is stored on the product (is_listed)
so listing pages read one indexed column; refresh_listing() recomputes it and
is called, in the same transaction, by every service that changes an input.
"""

from django.db.models import Q

LISTED_STATUSES = ("active", "sold_out")
LISTED = Q(status__in=LISTED_STATUSES, is_hidden=False, producer__status="verified")


def refresh_listing(products):
    """Recompute is_listed for a queryset of products; return how many changed."""
    from .models import Product

    ids = products.values("pk")
    turned_on = (
        Product.objects.filter(pk__in=ids, is_listed=False).filter(LISTED).update(is_listed=True)
    )
    turned_off = (
        Product.objects.filter(pk__in=ids, is_listed=True).exclude(LISTED).update(is_listed=False)
    )
    return turned_on + turned_off


def after_change(products):
    """Every service that changes products ends here, inside its transaction:
    the listed flag is recomputed and the search index is told (outbox)."""
    from search.indexing import enqueue

    refresh_listing(products)
    enqueue(products.values_list("pk", flat=True))
