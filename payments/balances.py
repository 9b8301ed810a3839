"""A pre-order's balance: once its harvest is weighed (orders.harvest announces
"part_reweighed"), what was paid first (the deposit) is set against the final amount.
More is due: a second payment by the order's method (a card payment on the order's page,
or a transfer to the producer's account, its VietQR texted); less: the difference goes
back (to the card, or owed back by the producer). Cash on delivery pays it all at the
door. A pre-order is an order of one part, so a card payment's money is that part's."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace.formatting import format_vnd
from orders import telling
from orders.models import PaymentMethod

from . import refunds, transfers
from .ledger import NOT_FAILED
from .models import Payment, PaymentStatus, Refund
from .records import payments_for

TAKES_MONEY_FIRST = (PaymentMethod.CARD, PaymentMethod.BANK_TRANSFER)


def paid_for(part):
    """What the buyer paid for this part by card or transfer and has not had back."""
    paid = payments_for(part).exclude(paid_at=None).aggregate(total=Sum("amount_vnd"))["total"]
    back = Refund.objects.filter(NOT_FAILED, part=part).aggregate(total=Sum("amount_vnd"))
    return (paid or 0) - (back["total"] or 0)


def part_reweighed(part, before_vnd):
    """Listener of orders' "part_reweighed", inside its transaction."""
    order = part.order
    if order.payment_method not in TAKES_MONEY_FIRST:
        return
    paid = payments_for(part).exclude(paid_at=None).order_by("pk")
    if not paid.exists():
        return  # nothing was paid first: the order's own payment asks for the whole amount
    # Weighed again: the balance asked before is replaced.
    payments_for(part).filter(for_balance=True, status=PaymentStatus.PENDING).update(
        status=PaymentStatus.CANCELLED
    )
    due = part.total_vnd - paid_for(part)
    with translation.override(settings.LANGUAGE_CODE):
        if due > 0:
            _ask_balance(part, due)
        elif due < 0:
            _give_back(part, paid.last(), -due)


def _ask_balance(part, due):
    order = part.order
    expires_at = timezone.now() + timedelta(days=settings.PAYMENT_BALANCE_DAYS)
    if order.payment_method == PaymentMethod.CARD:
        Payment.objects.create(
            order=order, method=PaymentMethod.CARD, amount_vnd=due, for_balance=True,
            expires_at=expires_at,
        )  # fmt: skip
        said = _("Order %(code)s: pay the balance of %(due)s by card on your order's page.") % {
            "code": order.code,
            "due": format_vnd(due),
        }
    else:
        account = part.producer.bank_account
        payment = Payment.objects.create(
            order=order, part=part, method=PaymentMethod.BANK_TRANSFER, amount_vnd=due,
            for_balance=True, expires_at=expires_at, **transfers.payee_of(account),
        )  # fmt: skip
        said = transfers.transfer_details(payment)
    telling.tell_buyer_by_text(order, said)


def _give_back(part, payment, amount):
    reason = _("Weighed at less than the deposit paid.")
    if payment.method == PaymentMethod.CARD:
        refunds.new_refund(payment, part, amount, reason)
    else:
        refunds.owe_return(payment, part, amount=amount, reason=reason)
