"""The ways to pay offered at checkout, and what the orders app tells the one that takes money.

Cash on delivery is built in. The payments app registers card and bank transfer
from its AppConfig.ready(); this app never imports it. A method that takes money
before delivery keeps the order "waiting for payment" (the stock held) until the
payments app says it was paid (orders.services.payment_received) or lapsed.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .models import PaymentMethod


@dataclass(frozen=True)
class Method:
    code: str
    # offered(parts) with parts as cart.by_producer() gives them: may the buyer choose it?
    offered: Callable = lambda parts: True
    # paid_first: the producers wait for the money; placed(order) runs inside the
    # transaction that writes the order (the payments app records what is due).
    paid_first: bool = False
    placed: Callable = lambda order: None
    # next_step(request, order): where the buyer goes once the order is written (None: its page).
    next_step: Callable = lambda request, order: None
    # why_not(parts): why the cart cannot be paid this way, told to the buyer ("" to say nothing).
    why_not: Callable = lambda parts: ""


_methods = {PaymentMethod.CASH_ON_DELIVERY: Method(PaymentMethod.CASH_ON_DELIVERY)}
_listeners = {"paid_part_cancelled": [], "unpaid_parts_cancelled": []}


def register(method):
    _methods[method.code] = method


def get(code):
    return _methods[code]


def offered(parts):
    """The methods the buyer may choose for these parts, in the order of PaymentMethod."""
    return [
        code for code in PaymentMethod.values if code in _methods and _methods[code].offered(parts)
    ]


def not_offered(parts):
    """[(method label, why)] of the methods these parts cannot be paid with, and why."""
    labels = dict(PaymentMethod.choices)
    reasons = []
    for code in PaymentMethod.values:
        method = _methods.get(code)
        if method and not method.offered(parts):
            why = method.why_not(parts)
            if why:
                reasons.append((labels[code], why))
    return reasons


def listen(event, function):
    """paid_part_cancelled(part): a paid part was cancelled (the money goes back).
    unpaid_parts_cancelled(parts, reason): parts waiting for their money were cancelled (by
    the buyer, the producer or an official), so the payments for them are too."""
    _listeners[event].append(function)


def tell(event, *args):
    for function in _listeners[event]:
        function(*args)
