from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("Orders")

    def ready(self):
        from marketplace import jurisdiction
        from marketplace import personal_data as held

        from . import personal_data
        from .models import Order, OrderPart

        held.holds(
            export=personal_data.export, erase=personal_data.erase, blocks=personal_data.blocks
        )

        from django.contrib.auth.signals import user_logged_in

        from marketplace import page_sections

        from . import delivery
        from .cart import merge_at_log_in

        user_logged_in.connect(merge_at_log_in, dispatch_uid="orders_merge_cart")
        page_sections.add("product", "orders/product_delivery.html", delivery.on_product_page)

        # An order is seen by the officials of any of its parts' producers.
        jurisdiction.declare(Order, "parts__producer__commune", to_many=True)
        jurisdiction.declare(OrderPart, "producer__commune")
