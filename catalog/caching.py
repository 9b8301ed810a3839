"""Which kept public pages show a product (marketplace.page_cache).

A page is tagged by what it shows: its own product ("product:12"); a list (a category
and every category above, a commune, a producer) by the list and by each product on
the page; the home page by its sections' products; pages drawn from the whole
catalogue (home, communes, figures, sitemaps, the public APIs) by CATALOGUE. Every
change of a product ends in after_change(), whose hook purges:
- always the pages showing the product, the lists sorted by something else than
  "newest" (a price or a rating moves it there) and the sitemaps (their lastmod);
- the lists it is in and CATALOGUE only when its place may have changed: its listing
  state changed (on sale, sold out, hidden...) or an edit may have moved it.
So a farmer's new price purges the pages that show that product, not the home page
and every search. A producer's change purges its page and CATALOGUE.
"""

from marketplace import page_cache
from producers.services import page_tag

from .models import Category, Product

CATALOGUE = page_cache.CATALOGUE
DETAILS = "catalogue-details"  # pages listing every product with a detail (sitemaps)
STEP = Category.steplen


def product_page(product):
    return (f"product:{product.pk}",)


def products_shown(product_ids):
    return tuple(f"product:{pk}" for pk in product_ids)


def category_page(category):
    return (f"category:{category.path}",)


def commune_page(commune):
    return (f"commune:{commune.pk}",)


def sorted_by(list_tags, sort, default):
    """The tags of a list page in the order `sort`: one not by its default order is
    purged by any product's change as well."""
    return (*list_tags, *(f"{tag}:sorted" for tag in list_tags if sort != default))


def _lists(product_ids):
    rows = Product.objects.filter(pk__in=list(product_ids)).values_list(
        "pk", "producer_id", "origin_commune_id", "category__path"
    )
    for pk, producer_id, commune_id, path in rows:
        categories = {f"category:{path[:end]}" for end in range(STEP, len(path) + 1, STEP)}
        producer = page_tag(producer_id)
        yield pk, producer, {producer, f"commune:{commune_id}", *categories}


def purge_products(product_ids, placed_ids):
    placed = set(placed_ids)
    tags = {DETAILS}
    for pk, producer, lists in _lists(product_ids):
        # The producer's page shows its newest few with their prices: purged with them.
        tags |= {f"product:{pk}", producer, *(f"{tag}:sorted" for tag in lists)}
        if pk in placed:
            tags |= {CATALOGUE, *lists}
    page_cache.purge(*tags)


def purge_lists_of(product_ids):
    """Before an edit that may move products: the lists they are in now."""
    page_cache.purge(*{tag for _, _, lists in _lists(product_ids) for tag in lists})


def purge_producer(producer):
    page_cache.purge(CATALOGUE, page_tag(producer.pk))
