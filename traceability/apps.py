from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraceabilityConfig(AppConfig):
    name = "traceability"
    verbose_name = _("Traceability")

    def ready(self):
        from marketplace import jurisdiction, page_sections

        from . import pages
        from .models import Lot, LotEvent, ProductCode

        page_sections.add("product", "traceability/product_section.html", pages.on_product_page)
        jurisdiction.declare(Lot, "product__producer__commune")
        jurisdiction.declare(LotEvent, "lot__product__producer__commune")
        jurisdiction.declare(ProductCode, "product__producer__commune")
