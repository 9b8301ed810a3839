"""What every payment service shares: the locks taken before any change, and a flag on a
payment for officials when something does not add up (cleared by the rule that fixes it)."""

import logging

from django.core.mail import mail_admins
from django.db import transaction
from django.db.models import Q

from orders import locks as order_locks

from .models import Payment

logger = logging.getLogger("payments.services")


def lock_payments_of(order_id):
    """The payments' share of orders.locks.lock_order(): payments first, by id."""
    list(Payment.objects.select_for_update().filter(order_id=order_id).order_by("pk"))


def payments_for(part):
    """The payments that carry a part's money: its transfers, and its order's card payments
    (a card pays the whole order)."""
    return Payment.objects.filter(order_id=part.order_id).filter(Q(part=part) | Q(part=None))


def locked(payment):
    """The payment, re-read once its order's payments and parts are locked."""
    order_locks.lock_order(payment.order_id)
    return Payment.objects.get(pk=payment.pk)


def flag(payment, problem, code=""):
    payment.problem, payment.problem_code = problem[:500], code
    payment.save(update_fields=["problem", "problem_code"])
    logger.error("Payment %s of order %s: %s", payment.pk, payment.order.code, problem)
    transaction.on_commit(
        lambda: mail_admins(f"Payment problem {payment.order.code}", problem, fail_silently=True)
    )
    return "flagged: " + problem


def clear_flag(payment, code):
    """The problem of this kind is settled: the payment is no longer flagged for it."""
    Payment.objects.filter(pk=payment.pk, problem_code=code).update(problem="", problem_code="")
