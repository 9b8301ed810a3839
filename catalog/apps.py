from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Catalog")

    def ready(self):
        from marketplace import jurisdiction
        from producers import services as producer_services

        from .listing import after_change
        from .models import Category, ListingReport, Product

        producer_services.on_producer_changed(
            lambda producer: after_change(producer.products.all())
        )

        jurisdiction.declare(Product, "producer__commune")
        jurisdiction.declare(ListingReport, "product__producer__commune")
        jurisdiction.declare(Category, shared=True)
