from django import template

from .. import transfers, vietqr
from ..forms import ReturnAccountForm, ReturnedForm
from ..models import PaymentStatus, RefundStatus

register = template.Library()


@register.inclusion_tag("payments/card_payment.html")
def card_payment(order):
    payment = next((p for p in order.payments.all() if p.method == "card"), None)
    return {"order": order, "payment": payment, "statuses": PaymentStatus}


@register.inclusion_tag("payments/transfer.html")
def part_transfer(part, for_producer=False):
    """The part's bank transfer: for the buyer, the VietQR code while it waits and the money
    owed back after a cancellation (with the form for the account to send it to); for the
    producer, the buttons to confirm the money arrived and to record it sent back."""
    payment = transfers.waiting_transfer(part)
    account = payment.payee if payment else None
    context = {
        "part": part,
        "payment": payment,
        "account": account,
        "for_producer": for_producer,
        "returns": list(payment.refunds.filter(part=part)) if payment else [],
        "account_form": ReturnAccountForm(auto_id=f"id_return_{part.pk}_%s"),
        "returned_form": ReturnedForm(),
        "owed": RefundStatus.OWED,
    }
    if payment and account and payment.status == PaymentStatus.PENDING and not for_producer:
        context["qr_svg"] = vietqr.svg(vietqr.for_transfer(payment))
    return context
