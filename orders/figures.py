"""Sales through the marketplace, for officials and the public statistics page.

Both figures are fixed once their day is over, so a past date always gives the same
answer: orders are the order parts placed in the period (a part cancelled later
still counts as placed; a part paid by card or transfer is placed when its money
arrives, and one never paid is not an order); value is the goods of the parts delivered in the period,
in đồng, without delivery fees (delivered is a final status and keeps its date).
"""

from django.db.models import Count, F, Sum
from django.utils.translation import gettext_lazy as _

from .models import OrderLine, OrderPart, PartStatus

DEFINITION = _(
    "Orders: the producers' parts of orders placed in the period (cancelled later or "
    "not; paid by card or transfer: once paid). Value: the goods of the parts delivered "
    "in the period, in đồng, without delivery fees."
)
TOP = 10


def sales(start, end, parts=None):
    """Figures for [start, end) (aware datetimes), with the communes and categories on top;
    of `parts` only when given (an official's)."""
    placed = (OrderPart.objects.all() if parts is None else parts).filter(
        placed_at__gte=start, placed_at__lt=end
    )
    delivered = OrderLine.objects.filter(
        **({} if parts is None else {"part__in": parts}),
        part__status=PartStatus.DELIVERED,
        part__status_changed_at__gte=start,
        part__status_changed_at__lt=end,
    )
    return {
        "definition": DEFINITION,
        "orders": placed.count(),
        "value_vnd": delivered.aggregate(total=Sum("total_vnd"))["total"] or 0,
        "by_commune": list(
            delivered.values(commune=F("part__order__commune__name"))
            .annotate(value=Sum("total_vnd"), parts=Count("part", distinct=True))
            .order_by("-value")[:TOP]
        ),
        "by_category": list(
            delivered.values(category=F("product__category__name"))
            .annotate(value=Sum("total_vnd"), parts=Count("part", distinct=True))
            .order_by("-value")[:TOP]
        ),
    }
