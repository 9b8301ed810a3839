"""What a coming harvest adds to the public pages of its product and its producer."""

from .models import HarvestAnnouncement
from .services import in_words

SHOWN_ON_PRODUCER_PAGE = 6


def _coming(announcements):
    return [
        {"announcement": each, "in_words": in_words(each)}
        for each in announcements.select_related("product").order_by("window_start", "pk")
    ]


def on_product_page(product):
    coming = _coming(HarvestAnnouncement.objects.public().filter(product=product))
    return {"coming": coming} if coming else None


def on_producer_page(producer):
    announcements = HarvestAnnouncement.objects.public().of_producer(producer)
    coming = _coming(announcements)[:SHOWN_ON_PRODUCER_PAGE]
    return {"coming": coming, "producer": producer} if coming else None
