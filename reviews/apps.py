from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        from marketplace import jurisdiction, page_sections, structured_data
        from marketplace import personal_data as held

        from . import pages, personal_data
        from .models import Review, ReviewPhoto, ReviewReport

        page_sections.add("product", "reviews/product_section.html", pages.on_product_page)
        page_sections.add("producer", "reviews/producer_section.html", pages.on_producer_page)
        page_sections.add("order_part", "reviews/order_part_section.html", pages.on_order_part)
        structured_data.extend("product", pages.product_structured_data)
        structured_data.extend("producer", pages.producer_structured_data)
        held.holds(export=personal_data.export, erase=personal_data.erase)

        jurisdiction.declare(Review, "producer__commune")
        jurisdiction.declare(ReviewPhoto, "review__producer__commune")
        jurisdiction.declare(ReviewReport, "review__producer__commune")
