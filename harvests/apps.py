from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HarvestsConfig(AppConfig):
    name = "harvests"
    verbose_name = _("Harvests")

    def ready(self):
        from marketplace import events, jurisdiction, page_sections
        from search import flags

        from . import pages, preorders
        from .models import AnnouncementChange, HarvestAnnouncement, PreOrder

        events.listen("order_part_cancelled", preorders.order_part_cancelled)
        flags.register("preorder", pages.takes_preorders)
        page_sections.add("product", "harvests/product_section.html", pages.on_product_page)
        page_sections.add("producer", "harvests/producer_section.html", pages.on_producer_page)
        page_sections.add("order_part", "harvests/order_part_section.html", pages.on_order_part)

        jurisdiction.declare(HarvestAnnouncement, "product__producer__commune")
        jurisdiction.declare(PreOrder, "announcement__product__producer__commune")
        jurisdiction.declare(AnnouncementChange, "commune_id")
