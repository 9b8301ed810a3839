from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraceabilityConfig(AppConfig):
    name = "traceability"
    verbose_name = _("Traceability")

    def ready(self):
        from catalog import stock
        from marketplace import events, jurisdiction, page_sections, schedule

        from . import lot_stock, pages, services, tasks
        from .models import EventKind, Lot, LotEvent, LotTake, ProductCode

        stock.keep_elsewhere(lot_stock.keeps)
        events.listen("stock_taken", lot_stock.take)
        events.listen("order_part_cancelled", lot_stock.give_back)
        events.listen("part_shipped", services.part_moved(EventKind.SHIPPED))
        events.listen("part_delivered", services.part_moved(EventKind.DELIVERED))
        schedule.every(3600, tasks.retire_expired_lots)
        page_sections.add("order_part", "traceability/order_part_section.html", pages.on_order_part)
        page_sections.add(
            "portal_part", "traceability/order_part_section.html", pages.on_order_part
        )

        page_sections.add("product", "traceability/product_section.html", pages.on_product_page)
        jurisdiction.declare(Lot, "product__producer__commune")
        jurisdiction.declare(LotEvent, "lot__product__producer__commune")
        jurisdiction.declare(ProductCode, "product__producer__commune")
        jurisdiction.declare(LotTake, "lot__product__producer__commune")
