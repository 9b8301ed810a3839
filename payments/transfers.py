"""Bank transfers by VietQR: one per producer's part, straight to the account the buyer
was shown when ordering (copied into the payment), confirmed by the producer."""

from datetime import timedelta
from email.mime.image import MIMEImage

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from marketplace.formatting import format_local_datetime, format_vnd
from marketplace.transactions import atomic_retried_once
from orders import locks as order_locks
from orders import services as orders
from orders import telling
from orders.models import PaymentMethod
from producers.notifications import in_vietnamese, notify_producer
from producers.services import record_activity

from . import refunds, vietqr
from .models import BankAccount, Payment, PaymentStatus


def transfer_offered(parts):
    """Every producer in the cart has a bank account to transfer to."""
    producers = {producer.pk for producer, _lines, _subtotal in parts}
    return bool(producers) and BankAccount.objects.filter(producer__in=producers).count() == len(
        producers
    )


def transfer_not_offered_because(parts):
    """The farms of the cart without a bank account (why transfer is not offered)."""
    with_account = set(
        BankAccount.objects.filter(
            producer__in=[producer for producer, _l, _s in parts]
        ).values_list("producer_id", flat=True)
    )
    without = [
        producer.display_name for producer, _l, _s in parts if producer.pk not in with_account
    ]
    if not without:
        return ""
    return _("%(farms)s cannot be paid by transfer yet (no bank account).") % {
        "farms": ", ".join(without)
    }


def transfer_placed(order):
    """One transfer per producer's part, straight to its account; the producer is told."""
    expires_at = timezone.now() + timedelta(hours=settings.PAYMENT_TRANSFER_HOLD_HOURS)
    for part in order.parts.select_related("producer__bank_account"):
        account = part.producer.bank_account
        Payment.objects.create(
            order=order,
            part=part,
            method=PaymentMethod.BANK_TRANSFER,
            amount_vnd=part.due_first_vnd,
            expires_at=expires_at,
            **payee_of(account),
        )
        _tell_producer_of_transfer(part, part.due_first_vnd, expires_at)
    for payment in Payment.objects.filter(order=order).select_related("order", "part__producer"):
        telling.tell_buyer_by_text(order, transfer_details(payment))
    if order.buyer_email:
        transaction.on_commit(lambda: _email_transfer_details(order.pk))


def payee_of(account):
    """The account copied into a transfer: a later change does not redirect it."""
    return {
        "payee_bank_bin": account.bank_bin,
        "payee_account_number": account.account_number,
        "payee_account_holder": account.account_holder,
    }


@in_vietnamese
def transfer_details(payment):
    """What to transfer, where, with which message and by when: one producer's part."""
    account = payment.payee
    return _(
        "%(producer)s: transfer %(amount)s to %(bank)s %(number)s (%(holder)s) with the "
        "message “%(code)s” before %(deadline)s."
    ) % {
        "producer": payment.part.producer.display_name,
        "amount": format_vnd(payment.amount_vnd),
        "bank": account.bank_name,
        "number": account.account_number,
        "holder": account.account_holder,
        "code": payment.order.code,
        "deadline": format_local_datetime(payment.expires_at),
    }


@in_vietnamese
def _email_transfer_details(order_pk):
    """The buyer's transfers, one per producer, as text and as VietQR pictures."""
    payments = Payment.objects.filter(order_id=order_pk).select_related("order", "part__producer")
    order = payments[0].order
    message = EmailMultiAlternatives(
        _("Order %(code)s: how to pay by bank transfer") % {"code": order.code},
        to=[order.buyer_email],
    )
    text, html = [], []
    for number, payment in enumerate(payments, start=1):
        details = transfer_details(payment)
        text.append(details)
        image = MIMEImage(vietqr.png(vietqr.for_transfer(payment)), "png")
        image.add_header("Content-ID", f"<vietqr{number}>")
        image.add_header("Content-Disposition", "inline", filename=f"vietqr-{number}.png")
        message.attach(image)
        html.append(f'<p>{escape(details)}</p><p><img src="cid:vietqr{number}" alt="VietQR"></p>')
    link = settings.SITE_URL + order.get_absolute_url()
    footer = _("Scan a code with your banking app. Follow your order: %(link)s") % {"link": link}
    message.body = "\n\n".join([*text, footer])
    message.attach_alternative("".join(html) + f"<p>{escape(footer)}</p>", "text/html")
    message.mixed_subtype = "related"
    message.send(fail_silently=True)


@in_vietnamese
def _tell_producer_of_transfer(part, amount, expires_at):
    notify_producer(
        part.producer,
        _("New order %(code)s, paid by bank transfer") % {"code": part.order.code},
        _(
            "New order %(code)s: the buyer transfers %(amount)s to your bank account with "
            "“%(code)s” in the message. When the money is in your account, confirm it in your "
            "portal before %(deadline)s; the order goes ahead then."
        )
        % {
            "code": part.order.code,
            "amount": format_vnd(amount),
            "deadline": format_local_datetime(expires_at),
        },
    )


def waiting_transfer(part):
    """The part's transfer to show or confirm: the one not paid yet (a pre-order's balance
    after its deposit), else the last."""
    transfers = list(Payment.objects.filter(part=part).order_by("pk"))
    unpaid = [payment for payment in transfers if payment.status != PaymentStatus.PAID]
    return (unpaid or transfers or [None])[-1]


@atomic_retried_once
def confirm_transfer(part, actor):
    """The producer saw the buyer's money in its account. Money that arrives for a part
    cancelled meanwhile is recorded too, and owed back."""
    if not orders.can_manage_part(actor, part):
        raise PermissionDenied
    order_locks.lock_order(part.order_id)
    payment = waiting_transfer(part)
    if payment is None:
        raise ValidationError(_("This order is not paid by bank transfer."))
    if payment.status == PaymentStatus.PAID:
        raise ValidationError(_("This transfer is already confirmed."))
    was = payment.status
    payment.status = PaymentStatus.PAID
    payment.paid_at = timezone.now()
    payment.confirmed_by = actor
    payment.save(update_fields=["status", "paid_at", "confirmed_by"])
    record_activity(part.producer, actor, f"transfer_confirmed:{part.order.code}")
    if payment.for_balance and was == PaymentStatus.PENDING:
        orders.mark_paid([part])
        return "balance paid"
    if was == PaymentStatus.PENDING:
        orders.payment_received([part])
        return "placed"
    if was != PaymentStatus.CANCELLED:
        try:
            with transaction.atomic():
                orders.take_back([part])
        except ValidationError:
            pass  # the time to pay ended and the produce was sold meanwhile
        else:
            return "placed"
    orders.mark_paid([part])
    part.refresh_from_db()
    refunds.owe_return(payment, part)
    return "owed back"
