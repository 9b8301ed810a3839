from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Catalog")

    def ready(self):
        from marketplace import jurisdiction, page_cache
        from producers import services as producer_services

        from . import caching, listing
        from .models import Category, ListingReport, Product

        producer_services.on_producer_changed(
            lambda producer: listing.after_change(producer.products.all())
        )
        producer_services.on_producer_changed(caching.purge_producer)
        listing.register("products_changed", caching.purge_products)
        page_cache.purge_everything_on_save(Category)  # the menus and the category pages

        jurisdiction.declare(Product, "producer__commune")
        jurisdiction.declare(ListingReport, "product__producer__commune")
        jurisdiction.declare(Category, shared=True)
