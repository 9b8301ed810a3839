"""Which kept public pages show a product (marketplace.page_cache): its own page, the
pages listing it (its category and every category above, its commune, its producer)
and the pages drawn from the whole catalogue (home, search, communes, figures,
sitemaps, the public APIs). Every change of a product ends in after_change(), whose
hook purges them; a producer's change purges its page too."""

from marketplace import page_cache
from producers.services import page_tag

from .models import Category, Product

CATALOGUE = page_cache.CATALOGUE
STEP = Category.steplen


def product_page(product):
    return (f"product:{product.pk}",)


def category_page(category):
    return (f"category:{category.path}",)


def commune_page(commune):
    return (f"commune:{commune.pk}",)


def purge_products(product_ids):
    rows = Product.objects.filter(pk__in=list(product_ids)).values_list(
        "pk", "producer_id", "origin_commune_id", "category__path"
    )
    tags = {CATALOGUE}
    for pk, producer_id, commune_id, path in rows:
        tags |= {f"product:{pk}", page_tag(producer_id), f"commune:{commune_id}"}
        tags |= {f"category:{path[:end]}" for end in range(STEP, len(path) + 1, STEP)}
    page_cache.purge(*tags)


def purge_producer(producer):
    page_cache.purge(CATALOGUE, page_tag(producer.pk))
