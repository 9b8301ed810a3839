"""Money for orders: card payments through Stripe Checkout, bank transfers by VietQR to
each producer, refunds, and what the marketplace pays out to producers for card sales.

A card payment covers the whole order and is collected by the marketplace's own
Stripe account; a bank transfer covers one producer's part and goes straight to
that producer's account. Amounts are whole đồng (VND is zero-decimal for Stripe).
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.money import VndField
from orders.models import PaymentMethod

from . import banks

ACCOUNT_NUMBER = RegexValidator(
    r"^[0-9]{6,19}$", _("An account number is 6 to 19 digits, without letters or spaces.")
)


class BankAccount(models.Model):
    """Where buyers transfer money for a producer's parts (and where payouts go)."""

    producer = models.OneToOneField(
        "producers.Producer", on_delete=models.CASCADE, related_name="bank_account"
    )
    bank_bin = models.CharField(_("bank"), max_length=6, choices=banks.choices)
    account_number = models.CharField(
        _("account number"), max_length=19, validators=[ACCOUNT_NUMBER]
    )
    account_holder = models.CharField(
        _("account holder"),
        max_length=100,
        help_text=_("As printed by the bank, e.g. NGUYEN VAN BA"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")

    def __str__(self):
        return f"{banks.short_name(self.bank_bin)} {self.account_number}"

    @property
    def bank_name(self):
        return banks.short_name(self.bank_bin)


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Card refused")
    EXPIRED = "expired", _("Time ran out")
    CANCELLED = "cancelled", _("Cancelled")


class Payment(models.Model):
    # A record, not content: no row in Wagtail's reference index (marketplace/references.py).
    wagtail_reference_index_ignore = True

    order = models.ForeignKey(
        "orders.Order", verbose_name=_("order"), on_delete=models.PROTECT, related_name="payments"
    )
    # A bank transfer pays one producer's part; a card payment the whole order. A part has
    # one, or two for a pre-order: its deposit, then its balance once weighed.
    part = models.ForeignKey(
        "orders.OrderPart",
        verbose_name=_("producer's part"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers",
    )
    method = models.CharField(
        _("method"),
        max_length=20,
        choices=[
            (PaymentMethod.CARD.value, PaymentMethod.CARD.label),
            (PaymentMethod.BANK_TRANSFER.value, PaymentMethod.BANK_TRANSFER.label),
        ],
    )
    amount_vnd = models.PositiveBigIntegerField(_("amount (đồng)"))
    # The rest of a pre-order once weighed (the first payment was its deposit).
    for_balance = models.BooleanField(_("balance after weighing"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    expires_at = models.DateTimeField(_("stock held until"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    refunded_vnd = models.PositiveBigIntegerField(_("refunded (đồng)"), default=0)
    stripe_session_id = models.CharField(
        _("Stripe Checkout session"), max_length=255, blank=True, db_index=True
    )
    stripe_payment_intent = models.CharField(
        _("Stripe payment"), max_length=255, blank=True, db_index=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set when Stripe reports something that does not match the order (amount, currency):
    # the order is not marked paid and officials look into it.
    problem = models.CharField(_("problem"), max_length=500, blank=True)
    hold_renewals = models.PositiveSmallIntegerField(default=0, editable=False)
    # What kind of problem, for the rule that clears it (payments.ledger).
    problem_code = models.CharField(max_length=40, blank=True, editable=False)
    # A transfer goes to the account the buyer was shown when ordering, copied here: a
    # later change of the producer's account does not redirect money already asked for.
    payee_bank_bin = models.CharField(_("bank"), max_length=6, choices=banks.choices, blank=True)
    payee_account_number = models.CharField(_("account number"), max_length=19, blank=True)
    payee_account_holder = models.CharField(_("account holder"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self):
        return f"{self.order.code} · {self.get_method_display()}"

    @property
    def payee(self):
        """The account this transfer goes to, as it was when the order was placed."""
        if not self.payee_account_number:
            return None
        return BankAccount(
            bank_bin=self.payee_bank_bin,
            account_number=self.payee_account_number,
            account_holder=self.payee_account_holder,
        )


class RefundStatus(models.TextChoices):
    PENDING = "pending", _("Being sent")
    # A bank transfer went to the producer: the producer sends it back and records it.
    OWED = "owed", _("Owed by the producer")
    SUCCEEDED = "succeeded", _("Refunded")
    FAILED = "failed", _("Refused by Stripe")


class Refund(models.Model):
    # A record, not content: no row in Wagtail's reference index (marketplace/references.py).
    wagtail_reference_index_ignore = True

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    part = models.ForeignKey(
        "orders.OrderPart",
        verbose_name=_("producer's part"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refunds",
    )
    amount_vnd = models.PositiveBigIntegerField(_("amount (đồng)"))
    reason = models.CharField(_("reason"), max_length=500)
    status = models.CharField(
        _("status"), max_length=20, choices=RefundStatus.choices, default=RefundStatus.PENDING
    )
    stripe_refund_id = models.CharField(_("Stripe refund"), max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Money a producer owes back (a bank transfer): where the buyer wants it, and the
    # producer's record of sending it.
    return_bank_bin = models.CharField(
        _("buyer's bank"), max_length=6, choices=banks.choices, blank=True
    )
    return_account_number = models.CharField(
        _("buyer's account number"), max_length=19, blank=True, validators=[ACCOUNT_NUMBER]
    )
    return_account_holder = models.CharField(
        _("buyer's account holder"), max_length=100, blank=True
    )
    bank_reference = models.CharField(_("bank reference"), max_length=100, blank=True)
    settled_at = models.DateTimeField(_("sent back at"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_vnd__gt=0), name="refund_positive")
        ]

    def __str__(self):
        return f"{self.payment.order.code} · {self.amount_vnd}"

    @property
    def return_account(self):
        """The buyer's account as one line, or "" while the buyer has not given it."""
        if not self.return_account_number:
            return ""
        return banks.account_line(
            self.return_bank_bin, self.return_account_number, self.return_account_holder
        )


class StripeEvent(models.Model):
    """Every webhook event handled once: Stripe delivers the same event again at will."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=500, blank=True)

    def __str__(self):
        return self.event_id


class Payout(models.Model):
    """Money the marketplace sent a producer for its card sales, recorded by an official."""

    # A record, not content: no row in Wagtail's reference index (marketplace/references.py).
    wagtail_reference_index_ignore = True

    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        related_name="payouts",
    )
    amount_vnd = VndField(_("amount (đồng)"))
    paid_on = models.DateField(_("paid on"))
    bank_reference = models.CharField(_("bank reference"), max_length=100)
    reason = models.CharField(
        _("reason for paying more than owed"),
        max_length=300,
        blank=True,
        help_text=_("Needed only when the amount is more than the producer is owed."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-paid_on", "-pk"]
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_vnd__gt=0), name="payout_positive")
        ]

    def __str__(self):
        return f"{self.producer} · {self.paid_on}"
