"""What orders keep about a person: the orders they placed (with an account or by their
phone), made anonymous on deletion and kept for the accounts (Law on Accounting: 10 years)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from marketplace.personal_data import ERASED_NAME
from producers.models import Producer

from .models import Order, OrderPart, PartStatus, SavedCart

CLOSED = (PartStatus.DELIVERED, PartStatus.CANCELLED)


def placed_by(person):
    """The orders the person placed, signed in or by one of their phones."""
    return Order.objects.filter(Q(buyer=person.user) | Q(buyer_phone__in=person.phones))


def export(person):
    orders = placed_by(person).select_related("commune").prefetch_related("parts__lines")
    return {
        "don_hang": [{
            "ma": order.code, "luc": order.created_at.isoformat(), "ten": order.buyer_name,
            "dien_thoai": order.buyer_phone, "email": order.buyer_email,
            "dia_chi": order.address, "xa_phuong": str(order.commune), "ghi_chu": order.note,
            "thanh_toan": order.get_payment_method_display(), "tong_dong": order.total_vnd,
            "hang": "; ".join(
                f"{line.product_name} × {line.quantity} {line.unit}"
                for part in order.parts.all() for line in part.lines.all()
            ),
        } for order in orders],
    }  # fmt: skip


def erase(person):
    placed_by(person).update(
        buyer_name=ERASED_NAME, buyer_phone="", buyer_email="", address="", note=""
    )
    SavedCart.objects.filter(user=person.user).delete()


def blocks(person):
    open_parts = OrderPart.objects.exclude(status__in=CLOSED)
    reasons = []
    buying = open_parts.filter(order__in=placed_by(person)).values_list("order__code", flat=True)
    if buying:
        reasons.append(
            _("Your orders %(codes)s are not finished yet: wait until they are delivered or "
              "cancelled.") % {"codes": ", ".join(sorted(set(buying)))}
        )  # fmt: skip
    selling = open_parts.filter(producer__in=Producer.objects.owned_by(person.user)).count()
    if selling:
        reasons.append(
            _("Your farm still has %(count)s orders to deliver or cancel.") % {"count": selling}
        )
    return reasons
