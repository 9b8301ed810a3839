from django import template

from .. import vietqr
from ..models import PaymentStatus

register = template.Library()


@register.inclusion_tag("payments/card_payment.html")
def card_payment(order):
    payment = next((p for p in order.payments.all() if p.method == "card"), None)
    return {"order": order, "payment": payment, "statuses": PaymentStatus}


@register.inclusion_tag("payments/transfer.html")
def part_transfer(part, for_producer=False):
    """The part's bank transfer: for the buyer, the VietQR code while it waits; for the
    producer, the button to confirm the money arrived."""
    payment = getattr(part, "transfer", None)
    account = getattr(part.producer, "bank_account", None)
    context = {"part": part, "payment": payment, "account": account, "for_producer": for_producer}
    if payment and account and payment.status == PaymentStatus.PENDING and not for_producer:
        context["qr_svg"] = vietqr.svg(vietqr.for_transfer(payment, account))
    return context
