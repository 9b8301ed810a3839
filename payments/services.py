"""Money for orders, only here: what is due, what arrived, what went back, what is owed.

Every change locks the order's payments and then its parts (orders.locks), so a
webhook, the expiry command, the buyer and an official acting at once take turns. Stock and order parts move through
orders.services; Stripe is called after the transaction commits (a refund is
written first as "being sent", so a call that fails is retried, never lost).
"""

import logging
from datetime import timedelta
from email.mime.image import MIMEImage

import stripe
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives, mail_admins
from django.db import transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from marketplace.formatting import format_local_datetime, format_vnd
from marketplace.payments import CURRENCY
from marketplace.transactions import atomic_retried_once
from orders import locks as order_locks
from orders import services as orders
from orders.models import PartStatus, PaymentMethod
from producers.notifications import in_vietnamese, notify_producer

from . import ledger, stripe_api, vietqr
from .ledger import NOT_FAILED
from .models import BankAccount, Payment, PaymentStatus, Refund, RefundStatus

logger = logging.getLogger(__name__)
MAX_HOLD_RENEWALS = 1


def lock_payments_of(order_id):
    """The payments' share of orders.locks.lock_order(): payments first, by id."""
    list(Payment.objects.select_for_update().filter(order_id=order_id).order_by("pk"))


def _locked(payment):
    """The payment, re-read once its order's payments and parts are locked."""
    order_locks.lock_order(payment.order_id)
    return Payment.objects.get(pk=payment.pk)


# --- Checkout: which methods are offered, what is due once the order is written ------------


def card_offered(parts):
    return bool(settings.STRIPE_SECRET_KEY)


def transfer_offered(parts):
    """Every producer in the cart has a bank account to transfer to."""
    producers = {producer.pk for producer, _lines, _subtotal in parts}
    return bool(producers) and BankAccount.objects.filter(producer__in=producers).count() == len(
        producers
    )


def card_placed(order):
    Payment.objects.create(
        order=order,
        method=PaymentMethod.CARD,
        amount_vnd=order.total_vnd,
        expires_at=timezone.now() + timedelta(minutes=settings.PAYMENT_CARD_HOLD_MINUTES),
    )


def transfer_placed(order):
    """One transfer per producer's part, straight to its account; the producer is told."""
    expires_at = timezone.now() + timedelta(hours=settings.PAYMENT_TRANSFER_HOLD_HOURS)
    for part in order.parts.select_related("producer"):
        Payment.objects.create(
            order=order,
            part=part,
            method=PaymentMethod.BANK_TRANSFER,
            amount_vnd=part.total_vnd,
            expires_at=expires_at,
        )
        _tell_producer_of_transfer(part, expires_at)
    if order.buyer_email:
        transaction.on_commit(lambda: _email_transfer_details(order.pk))


@in_vietnamese
def _email_transfer_details(order_pk):
    """The buyer's transfers, one per producer, as text and as VietQR pictures."""
    payments = Payment.objects.filter(order_id=order_pk).select_related(
        "order", "part__producer__bank_account"
    )
    order = payments[0].order
    message = EmailMultiAlternatives(
        _("Order %(code)s: how to pay by bank transfer") % {"code": order.code},
        to=[order.buyer_email],
    )
    text, html = [], []
    for number, payment in enumerate(payments, start=1):
        account = payment.part.producer.bank_account
        details = _(
            "%(producer)s: transfer %(amount)s to %(bank)s %(number)s (%(holder)s) with the "
            "message “%(code)s” before %(deadline)s."
        ) % {
            "producer": payment.part.producer.display_name,
            "amount": format_vnd(payment.amount_vnd),
            "bank": account.bank_name,
            "number": account.account_number,
            "holder": account.account_holder,
            "code": order.code,
            "deadline": format_local_datetime(payment.expires_at),
        }
        text.append(details)
        image = MIMEImage(vietqr.png(vietqr.for_transfer(payment, account)), "png")
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
def _tell_producer_of_transfer(part, expires_at):
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
            "amount": format_vnd(part.total_vnd),
            "deadline": format_local_datetime(expires_at),
        },
    )


# --- Card: Stripe Checkout ------------------------------------------------------------------


def card_next_step(request, order):
    """Open (or reopen) the Stripe Checkout page for the order; None when it cannot be."""
    payment = order.payments.filter(method=PaymentMethod.CARD, status=PaymentStatus.PENDING).first()
    if payment is None:
        return None
    try:
        payment = _hold_for_checkout(payment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    keys = {"code": order.code, "secret": order.secret}
    try:
        session = stripe_api.create_checkout_session(
            payment,
            success_url=request.build_absolute_uri(reverse("payments:card_done", kwargs=keys)),
            cancel_url=request.build_absolute_uri(reverse("payments:card_cancelled", kwargs=keys)),
        )
    except stripe.StripeError:
        logger.exception("Stripe Checkout session for order %s failed", order.code)
        messages.error(
            request,
            _(
                "Card payment is not available right now. Your order keeps its produce "
                "until %(deadline)s: try again in a moment, or cancel it."
            )
            % {"deadline": format_local_datetime(payment.expires_at)},
        )
        return None
    if payment.stripe_session_id and payment.stripe_session_id != session.id:
        _expire_session(payment.stripe_session_id)  # one open Checkout page per order
    Payment.objects.filter(pk=payment.pk).update(
        stripe_session_id=session.id,
        stripe_payment_intent=session.payment_intent or payment.stripe_payment_intent,
    )
    return session.url


@transaction.atomic
def _hold_for_checkout(payment):
    """A Checkout session lives at least 30 minutes: a buyer coming back late to pay gets
    the hold extended to match, so the stock is never freed under a live session."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    minimum = timezone.now() + timedelta(minutes=31)
    if payment.expires_at < minimum:
        # Once only: every "Thanh toán bằng thẻ" renewing it held the stock without end.
        if payment.hold_renewals >= MAX_HOLD_RENEWALS:
            raise ValidationError(
                _("The time to pay for this order is over: its produce is free for others.")
            )
        payment.expires_at = timezone.now() + timedelta(minutes=settings.PAYMENT_CARD_HOLD_MINUTES)
        payment.hold_renewals += 1
        payment.save(update_fields=["expires_at", "hold_renewals"])
    return payment


@atomic_retried_once
def record_card_paid(payment, *, amount, currency, payment_intent):
    """Stripe says the money is in. Returns what was done, for the event log."""
    payment = _locked(payment)
    if payment.paid_at:
        if payment_intent and payment_intent != payment.stripe_payment_intent:
            return _flag(
                payment,
                _(
                    "A second card payment (%(intent)s) arrived for a paid order: refund it in Stripe."
                )
                % {"intent": payment_intent},
            )
        return "already paid"
    if currency != CURRENCY or amount != payment.amount_vnd:
        return _flag(
            payment,
            _("Stripe reported %(amount)s %(currency)s for an order of %(total)s.")
            % {"amount": amount, "currency": currency, "total": format_vnd(payment.amount_vnd)},
        )
    payment.paid_at = timezone.now()
    payment.stripe_payment_intent = payment_intent or payment.stripe_payment_intent
    was = payment.status
    payment.status = PaymentStatus.PAID
    payment.save(update_fields=["paid_at", "stripe_payment_intent", "status"])
    parts = list(payment.order.parts.all())
    if was == PaymentStatus.PENDING:
        orders.payment_received(parts)
        return "paid"
    if was in (PaymentStatus.EXPIRED, PaymentStatus.FAILED):
        try:
            with transaction.atomic():
                orders.take_back(parts)
        except ValidationError:
            pass  # the produce went to someone else meanwhile
        else:
            return "paid after the hold ended; the stock was still there"
    _refund_late_payment(payment, was)
    return "paid after the hold ended; refunded in full"


def _refund_late_payment(payment, was):
    with translation.override(settings.LANGUAGE_CODE):
        if was == PaymentStatus.CANCELLED:
            reason = _("The buyer had cancelled the order before the payment arrived.")
            why = _(
                "You had cancelled order %(code)s before your card payment of %(amount)s arrived."
            )
        else:
            reason = _("The payment arrived after the order's time to pay; the produce was sold.")
            why = _(
                "Your card payment of %(amount)s for order %(code)s arrived after the time "
                "to pay had ended, and the produce had been sold to someone else."
            )
        for part in payment.order.parts.all():
            _new_refund(payment, part, part.total_vnd, reason)
        details = {"amount": format_vnd(payment.amount_vnd), "code": payment.order.code}
        orders.tell_buyer(
            payment.order,
            why % details
            + " "
            + _(
                "We have refunded the whole %(amount)s to your card; banks take 5 to 10 days to show it."
            )
            % details,
        )


@atomic_retried_once
def record_lapsed(payment, status, reason):
    """No money: the card was refused, the time ran out, or the buyer gave up."""
    payment = _locked(payment)
    if payment.status != PaymentStatus.PENDING:
        return f"ignored: already {payment.status}"
    payment.status = status
    payment.save(update_fields=["status"])
    parts = [payment.part] if payment.part_id else list(payment.order.parts.all())
    with translation.override(settings.LANGUAGE_CODE):
        orders.payment_lapsed(parts, reason)
    if payment.stripe_session_id and status != PaymentStatus.EXPIRED:
        transaction.on_commit(lambda: _expire_session(payment.stripe_session_id))
    return status


def _expire_session(session_id):
    """Close a Checkout page nobody should pay on any more (best effort: a payment that
    still gets through is refunded by the late-payment rule)."""
    try:
        stripe_api.expire_checkout_session(session_id)
    except stripe.StripeError as error:
        logger.info("Could not expire Checkout session %s: %s", session_id, error)


def buyer_cancelled(order):
    for payment in order.payments.filter(status=PaymentStatus.PENDING):
        record_lapsed(payment, PaymentStatus.CANCELLED, _("Cancelled by the buyer"))


def expire_due(now=None):
    """Free the stock of every payment whose time ran out; returns how many."""
    now = now or timezone.now()
    due = Payment.objects.filter(status=PaymentStatus.PENDING, expires_at__lte=now)
    count = 0
    for payment in due:
        with translation.override(settings.LANGUAGE_CODE):
            outcome = record_lapsed(
                payment, PaymentStatus.EXPIRED, _("Not paid in time; the produce is free again.")
            )
        if outcome == PaymentStatus.EXPIRED:
            count += 1
            if payment.stripe_session_id:
                _expire_session(payment.stripe_session_id)
    return count


def _flag(payment, problem, code=""):
    payment.problem, payment.problem_code = problem[:500], code
    payment.save(update_fields=["problem", "problem_code"])
    logger.error("Payment %s of order %s: %s", payment.pk, payment.order.code, problem)
    transaction.on_commit(
        lambda: mail_admins(f"Payment problem {payment.order.code}", problem, fail_silently=True)
    )
    return "flagged: " + problem


# --- Refunds --------------------------------------------------------------------------------


def refunded_so_far(payment, part=None):
    refunds = payment.refunds.filter(NOT_FAILED)
    if part is not None:
        refunds = refunds.filter(part=part)
    return refunds.aggregate(total=Sum("amount_vnd"))["total"] or 0


def refundable(payment, part=None):
    """What may still go back to the card: of the payment, or of one producer's part."""
    if payment.method != PaymentMethod.CARD or not payment.paid_at:
        return 0
    left = payment.amount_vnd - refunded_so_far(payment)
    if part is not None:
        left = min(left, part.total_vnd - refunded_so_far(payment, part))
    return max(left, 0)


@atomic_retried_once
def refund(payment, *, reason, part=None, amount=None, actor=None):
    """An official refunds a whole card payment (part=None) or one producer's part, all of
    what is left or `amount`. A part refunded in full before delivery is cancelled and its
    stock returned. Raises ValidationError, changing nothing."""
    payment = _locked(payment)
    if payment.method != PaymentMethod.CARD:
        raise ValidationError(_("A bank transfer went to the producer, who sends it back."))
    if not payment.paid_at:
        raise ValidationError(_("This payment was never made: there is nothing to refund."))
    parts = [part] if part is not None else list(payment.order.parts.all())
    if amount is not None:
        if part is None:
            raise ValidationError(_("Choose the producer's part for a partial refund."))
        most = refundable(payment, part)
        if amount < 1 or amount > most:
            raise ValidationError(
                _("At most %(most)s can be refunded here.") % {"most": format_vnd(most)}
            )
    refunds = []
    for each in parts:
        left = refundable(payment, each)
        sum_ = left if amount is None else amount
        if sum_:
            refunds.append(_new_refund(payment, each, sum_, reason, actor))
        if (
            sum_
            and sum_ == left
            and each.status not in (PartStatus.DELIVERED, PartStatus.CANCELLED)
        ):
            orders.cancel_for_refund(each, reason)
    if not refunds:
        raise ValidationError(_("Everything paid has already been refunded."))
    return refunds


def _new_refund(payment, part, amount, reason, actor=None):
    refund = Refund.objects.create(
        payment=payment, part=part, amount_vnd=amount, reason=reason[:500], requested_by=actor
    )
    transaction.on_commit(lambda: send_refund(refund.pk))
    return refund


def paid_part_cancelled(part):
    """A producer (or the buyer) cancelled a part already paid: a card payment goes back by
    itself; a bank transfer the producer sends back."""
    payment = part.order.payments.filter(Q(part=None) | Q(part=part)).exclude(paid_at=None).first()
    if payment is None:
        return
    if payment.method == PaymentMethod.BANK_TRANSFER:
        _tell_producer_to_return(part)
        return
    left = refundable(payment, part)
    if left:
        _new_refund(payment, part, left, part.cancel_reason or _("Cancelled"))


@in_vietnamese
def _tell_producer_to_return(part):
    notify_producer(
        part.producer,
        _("Send the money of order %(code)s back") % {"code": part.order.code},
        _("Order %(code)s is cancelled: transfer %(amount)s back to the buyer (%(phone)s).")
        % {
            "code": part.order.code,
            "amount": format_vnd(part.total_vnd),
            "phone": part.order.buyer_phone_display,
        },
    )


def send_refund(refund_pk):
    """Ask Stripe for one refund; left "being sent" when Stripe cannot be reached."""
    refund = Refund.objects.select_related("payment__order").get(pk=refund_pk)
    if refund.status != RefundStatus.PENDING:
        return refund
    try:
        answer = stripe_api.create_refund(refund)
    except stripe.InvalidRequestError as error:
        with transaction.atomic():
            Refund.objects.filter(pk=refund.pk).update(status=RefundStatus.FAILED)
            _flag(refund.payment, _("Stripe refused refund %(id)s: %(error)s")
                  % {"id": refund.pk, "error": error.user_message or error})  # fmt: skip
        return refund
    except stripe.StripeError:
        logger.warning("Refund %s not sent yet; it will be retried", refund.pk, exc_info=True)
        return refund
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        refund.stripe_refund_id = answer.id
        refund.status = (
            RefundStatus.FAILED
            if answer.status in ("failed", "canceled")
            else RefundStatus.SUCCEEDED
        )
        refund.save(update_fields=["stripe_refund_id", "status"])
        _settle_refunds(refund.payment)
    return refund


def retry_refunds(older_than=timedelta(minutes=1)):
    waiting = Refund.objects.filter(
        status=RefundStatus.PENDING, created_at__lte=timezone.now() - older_than
    )
    return [send_refund(pk) for pk in waiting.values_list("pk", flat=True)]


@atomic_retried_once
def record_stripe_refunds(payment, *, amount_refunded, currency):
    """Stripe's running total of what went back (its charge.refunded event), whichever
    order the events come in: a refund made in Stripe's dashboard is recorded too."""
    payment = _locked(payment)
    if currency != CURRENCY:
        return _flag(
            payment, _("Stripe reported a refund in %(currency)s.") % {"currency": currency}
        )
    ours = refunded_so_far(payment)
    outcome = ""
    if amount_refunded > ours:
        part = ledger.part_of_refund(payment)
        Refund.objects.create(
            payment=payment,
            part=part,
            amount_vnd=amount_refunded - ours,
            reason=_("Refunded in Stripe's dashboard"),
            status=RefundStatus.SUCCEEDED,
        )
        if part is None:
            problem = ledger.unattributed_problem(payment, amount_refunded - ours)
            outcome = "; " + _flag(payment, problem, ledger.UNATTRIBUTED)
    payment.refunded_vnd = max(payment.refunded_vnd, amount_refunded)
    payment.save(update_fields=["refunded_vnd"])
    _settle_refunds(payment)
    return f"refunded {payment.refunded_vnd} in all{outcome}"


def _settle_refunds(payment):
    """Parts whose money went back in full show "refunded"."""
    succeeded = payment.refunds.filter(status=RefundStatus.SUCCEEDED)
    total = succeeded.aggregate(total=Sum("amount_vnd"))["total"] or 0
    if total > payment.refunded_vnd:
        Payment.objects.filter(pk=payment.pk).update(refunded_vnd=total)
    by_part = dict(
        succeeded.exclude(part=None).values_list("part").annotate(total=Sum("amount_vnd"))
    )
    done = [
        part
        for part in payment.order.parts.filter(pk__in=by_part)
        if by_part[part.pk] >= part.total_vnd
    ]
    orders.mark_refunded(done)


# --- Bank transfers -------------------------------------------------------------------------


@atomic_retried_once
def confirm_transfer(part, actor):
    """The producer saw the buyer's money in its account."""
    if not orders.can_manage_part(actor, part):
        raise PermissionDenied
    order_locks.lock_order(part.order_id)
    payment = Payment.objects.filter(part=part).first()
    if payment is None:
        raise ValidationError(_("This order is not paid by bank transfer."))
    if payment.status == PaymentStatus.PAID:
        raise ValidationError(_("This transfer is already confirmed."))
    if payment.status == PaymentStatus.CANCELLED:
        raise ValidationError(_("The buyer cancelled this order: send the money back."))
    was = payment.status
    payment.status = PaymentStatus.PAID
    payment.paid_at = timezone.now()
    payment.confirmed_by = actor
    payment.save(update_fields=["status", "paid_at", "confirmed_by"])
    if was == PaymentStatus.PENDING:
        orders.payment_received([part])
        return
    try:
        with transaction.atomic():
            orders.take_back([part])
    except ValidationError:
        raise ValidationError(
            _("The time to pay had ended and the produce was sold: send the money back.")
        ) from None
