from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from catalog import listing
        from marketplace import schedule
        from producers import services as producer_services

        from . import indexing, tasks

        listing.register(
            "products_changed", lambda product_ids, placed: indexing.enqueue(product_ids)
        )
        producer_services.on_producer_changed(
            lambda producer: indexing.enqueue_producers([producer.pk])
        )
        schedule.every(60, tasks.drain_search_outbox)  # what an outage or a full queue held back
