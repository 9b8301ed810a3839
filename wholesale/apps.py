from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WholesaleConfig(AppConfig):
    name = "wholesale"
    verbose_name = _("Wholesale")

    def ready(self):
        from marketplace import jurisdiction, page_sections, schedule
        from marketplace import personal_data as held
        from orders import pricing

        from . import pages, personal_data, tasks, tiers
        from .models import Business, Offer, PriceTier, QuoteRequest, StandingOrder, StandingRun

        pricing.register(tiers.tiered_quoter)
        page_sections.add(
            "product", "wholesale/product_section.html", pages.on_product_page, for_visitor=True
        )
        schedule.every(3600, tasks.place_standing_orders)
        schedule.every(3600, tasks.expire_quotes)
        held.holds(
            export=personal_data.export, erase=personal_data.erase, blocks=personal_data.blocks
        )

        jurisdiction.declare(Business, "commune")
        jurisdiction.declare(PriceTier, "product__producer__commune")
        jurisdiction.declare(QuoteRequest, "producers__commune", to_many=True)
        jurisdiction.declare(Offer, "producer__commune")
        jurisdiction.declare(StandingOrder, "producer__commune")
        jurisdiction.declare(StandingRun, "standing__producer__commune")
