"""Do the four ways of counting today's listed products agree?

The event log replayed, the snapshots (yesterday's, recounted for today's changes),
the products table itself and the search index must give the same figures; a
difference means a change escaped the one listing rule (catalog.listing).
"""

from django.utils import timezone

from catalog.models import Product
from search.client import elasticsearch_enabled

from . import figures

FIGURES = ("listed_products", "in_stock_products", "listing_producers")


def todays_counts():
    """[(source, {figure: number} or None when the source is not there, note)]."""
    today = timezone.localdate()
    listed = Product.objects.filter(is_listed=True)
    sources = [
        ("event log", _figures(figures.from_log(today).total), ""),
        ("snapshots", _figures(figures.for_date(today).total), ""),
        (
            "database",
            {
                "listed_products": listed.count(),
                "in_stock_products": listed.filter(listing_state="in_stock").count(),
                "listing_producers": listed.values("producer_id").distinct().count(),
            },
            "",
        ),
    ]
    sources.append(_elasticsearch())
    return sources


def _figures(total):
    return {name: total[name] for name in FIGURES}


def _elasticsearch():
    if not elasticsearch_enabled():
        return ("elasticsearch", None, "not configured: the database answers searches")
    from search import indexing

    state = indexing.counts()
    note = f"{state['pending']} changes waiting to be indexed" if state["pending"] else ""
    return ("elasticsearch", {"listed_products": state["indexed"]}, note)


def differences(sources):
    """The figures on which the sources that have them disagree."""
    found = []
    for name in FIGURES:
        values = {
            source: counts[name] for source, counts, _ in sources if counts and name in counts
        }
        if len(set(values.values())) > 1:
            found.append((name, values))
    return found
