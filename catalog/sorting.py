"""The orders buyers can sort product lists in, and the links that switch between them."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

LABELS = {
    "relevance": _("Best match"),
    "newest": _("Newest"),
    "price_asc": _("Price: low to high"),
    "price_desc": _("Price: high to low"),
    "rating": _("Best rated"),
}
# For lists read from the database (category and commune pages).
ORDERINGS = {
    "newest": ("-listed_at", "-pk"),
    "price_asc": ("price_vnd", "pk"),
    "price_desc": ("-price_vnd", "-pk"),
    # Unrated products last; at equal stars, the more reviewed first.
    "rating": (F("rating_average").desc(nulls_last=True), "-rating_count", "pk"),
}


def chosen(query, default="newest"):
    sort = query.get("sort")
    return sort if sort in ORDERINGS else default


def sort_links(query, sorts, default):
    """[{label, url, current}] for `sorts`; the default needs no parameter."""
    current = query.get("sort") if query.get("sort") in sorts else default
    links = []
    for sort in sorts:
        changed = query.copy()
        changed.pop("page", None)
        changed.pop("sort", None)
        if sort != default:
            changed["sort"] = sort
        links.append(
            {"label": LABELS[sort], "url": "?" + changed.urlencode(), "current": sort == current}
        )
    return links
