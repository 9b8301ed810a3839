"""Whether a product is listed: public to buyers and counted in officials' figures.

A product is listed when it is on sale or sold out, not hidden by moderation,
and its producer is verified; sold out is told apart inside "listed". The
answer is stored on the product (is_listed, listing_state) so listing pages
read one indexed column, and every change of it is appended to the officials'
history (reports.ListingEvent). refresh_listing() is the one place that does
both; every service that changes an input calls it, in its transaction, through
after_change(), which also tells the search index. The history and the index
belong to higher apps (reports, search): they register with the hooks below in
their AppConfig.ready(), so this module never imports them.
"""

from django.db.models import Q
from django.utils import timezone

LISTED_STATUSES = ("active", "sold_out")
LISTED = Q(status__in=LISTED_STATUSES, is_hidden=False, producer__status="verified")


def listing_state(status, is_hidden, producer_status):
    if is_hidden or producer_status != "verified" or status not in LISTED_STATUSES:
        return "unlisted"
    return "in_stock" if status == "active" else "sold_out"


# Higher apps register here in their AppConfig.ready(); catalog never imports them.
#   "listing_changed"(changed_ids, still_listed_ids, at): the officials' history (reports)
#   "products_changed"(product_ids, placed_ids): the search index outbox (search), the
#       kept pages showing them (catalog.caching); placed_ids are those whose place in
#       the lists may have changed (their listing state, or a change that may move them)
#   "history_imported"(products): demo and synthetic catalogues' past (reports)
_hooks = {"listing_changed": [], "products_changed": [], "history_imported": []}


def register(event, function):
    _hooks[event].append(function)


def _notify(event, *args):
    for function in _hooks[event]:
        function(*args)


def refresh_listing(products, at=None, record=True):
    """Recompute the listing state of a queryset of products; return how many changed.

    Changes are logged (the "listing_changed" hook) at `at` (now by default) unless
    record=False (a backfill that writes its own history).
    """
    return len(_refresh(products, at, record))


def _refresh(products, at=None, record=True):
    """refresh_listing(); the ids of the products whose listing state changed."""
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
    changed_ids = {pk for ids in changed.values() for pk in ids}
    if record:
        _notify("listing_changed", changed_ids, still_listed, at or timezone.now())
    return changed_ids


def after_change(products, moved=True):
    """Every service that changes products ends here, inside its transaction:
    the listing state is recomputed (and logged), the search index is told (outbox) and
    the kept pages showing the products are purged. moved=False: the change cannot move
    a product in or out of a list, nor within one but by its own sort key (a price, the
    stock, photos, a rating), unless its listing state changed with it."""
    changed_ids = _refresh(products)
    ids = list(products.values_list("pk", flat=True))
    _notify("products_changed", ids, ids if moved else [pk for pk in ids if pk in changed_ids])


def import_history(products):
    """Products made in bulk with a past (demo, synthetic catalogues): their history."""
    _notify("history_imported", products)
