"""What a coming harvest adds to the public pages of its product and its producer."""

from django.db.models import Exists, F, OuterRef

from . import harvesting
from .forms import RefuseForm
from .models import HarvestAnnouncement, PreOrder
from .services import in_words, quantity_in_words

SHOWN_ON_PRODUCER_PAGE = 6


def takes_preorders():
    """Whether a product row has a coming harvest with some left to pre-order (search)."""
    return Exists(
        HarvestAnnouncement.objects.open().filter(
            product=OuterRef("pk"), reserved_quantity__lt=F("open_quantity")
        )
    )


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


def on_order_part(part):
    """A pre-ordered part on the buyer's order page: ordered against weighed, the final
    amount and what is still due, and the refusal a weight beyond the tolerance allows."""
    if all(line.from_stock for line in part.lines.all()):  # prefetched by the order page
        return None
    preorders = list(
        PreOrder.objects.filter(line__part=part).select_related("line", "announcement__product")
    )
    if not preorders:
        return None
    rows = []
    for preorder in preorders:
        total, deposit, due = harvesting.balance(preorder)
        rows.append(
            {
                "preorder": preorder,
                "ordered": quantity_in_words(preorder.quantity, preorder.line.product.unit),
                "weighed": quantity_in_words(preorder.line.quantity, preorder.line.product.unit)
                if preorder.line.weighed_at
                else "",
                "total": total,
                "deposit": deposit,
                "due": due,
                "refusable": harvesting.refusable(preorder),
                "harvest": in_words(preorder.announcement),
            }
        )
    return {"rows": rows, "order": part.order, "refuse_form": RefuseForm()}
