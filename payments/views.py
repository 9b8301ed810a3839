"""Buyers: pay an order by card (Stripe Checkout), the pages Stripe sends them back to, and
the account money owed back by a producer goes to."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from orders.models import Order

from . import refunds, services
from .forms import ReturnAccountForm
from .models import Refund, RefundStatus


def _order(code, secret):
    return get_object_or_404(Order, code=code, secret=secret)


@require_POST
def pay_by_card(request, code, secret):
    order = _order(code, secret)
    return redirect(services.card_next_step(request, order) or order)


@never_cache
def card_returned(request, code, secret, outcome):
    """Back from Stripe: paid (the webhook may not have arrived yet) or not paid."""
    order = _order(code, secret)
    payment = order.payments.filter(method="card").first()
    return render(
        request,
        f"payments/card_{outcome}.html",
        {"order": order, "payment": payment},
    )


@require_POST
def return_account(request, code, secret, pk):
    order = _order(code, secret)
    owed = get_object_or_404(Refund, pk=pk, payment__order=order, status=RefundStatus.OWED)
    form = ReturnAccountForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(order)
    try:
        refunds.give_return_account(owed, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you: the producer is told where to send the money."))
    return redirect(order)
