"""Buyers: pay an order by card (Stripe Checkout), and the pages Stripe sends them back to."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from orders.models import Order

from . import services


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
