"""The one order in which an order's rows are locked: its payments, then its parts, each
by id.

A buyer's cancel, Stripe's "paid", an official's refund and a producer's move change
both kinds of row. Taken in different orders they deadlocked (a cancel locked parts
then the payment while "paid" locked the payment then parts: 13 deadlocks in 18
races). Every service that changes an order's parts or payments starts with
lock_order(), so they queue behind each other instead (Saleor keeps the same rule in
warehouse/lock_objects.py). Payments live in the app above: it registers the query
that locks them, and this app never imports it.
"""

from .models import OrderPart

_payment_lockers = []


def lock_payments_with(locker):
    """locker(order_id) locks the order's payment rows, by id (the payments app)."""
    _payment_lockers.append(locker)


def lock_order(order_id):
    """Lock the order's payments, then its parts; returns the parts, as locked."""
    for locker in _payment_lockers:
        locker(order_id)
    return list(OrderPart.objects.select_for_update().filter(order_id=order_id).order_by("pk"))
