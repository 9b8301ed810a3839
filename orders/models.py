"""Orders: one order per checkout, one part per producer, lines per product.

Each part has its own fulfilment status (the producer confirms, ships, delivers,
or cancels it); the order's payment is described by a method and a status so that
card and bank-transfer payments fit beside cash on delivery. Lines keep the name,
unit and price the buyer agreed to, whatever the product becomes later.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.phones import display_phone
from marketplace.money import VndField
from marketplace.validation import plain_email

# No 0/O, 1/I/L: codes are read over the phone.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_code():
    return "CNS-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def new_secret():
    return secrets.token_urlsafe(24)


class PaymentMethod(models.TextChoices):
    CASH_ON_DELIVERY = "cod", _("Cash on delivery")
    CARD = "card", _("Card (Stripe)")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer (VietQR)")


class PaymentStatus(models.TextChoices):
    UNPAID = "unpaid", _("Not paid yet")
    # A pre-order's deposit is in; the balance comes after the harvest is weighed.
    DEPOSIT_PAID = "deposit_paid", _("Deposit paid")
    PAID = "paid", _("Paid")
    REFUNDED = "refunded", _("Refunded")


# Money the buyer paid and gets back if the part is cancelled.
MONEY_IN = {PaymentStatus.DEPOSIT_PAID, PaymentStatus.PAID}


class PartStatus(models.TextChoices):
    # Card and bank transfer: the stock is held until the money arrives or the time runs out.
    AWAITING_PAYMENT = "awaiting_payment", _("Waiting for payment")
    PLACED = "placed", _("New, waiting for the producer")
    # Reserved on an announced harvest (harvests): waits for the harvest, then is placed.
    PREORDERED = "preordered", _("Pre-ordered, waiting for the harvest")
    CONFIRMED = "confirmed", _("Confirmed")
    SHIPPED = "shipped", _("On its way")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class DeliveryMethod(models.TextChoices):
    PICKUP = "pickup", _("Pick-up at the farm")
    OWN = "own", _("Delivery by the producer")
    COURIER = "courier", _("Courier, nationwide")


class Order(models.Model):
    # A record, not content: no row in Wagtail's reference index (marketplace/references.py).
    wagtail_reference_index_ignore = True

    code = models.CharField(_("order code"), max_length=12, unique=True, default=new_code)
    # The buyer's status link carries this secret; an account is not needed.
    secret = models.CharField(max_length=40, unique=True, default=new_secret)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("buyer account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    buyer_name = models.CharField(_("name"), max_length=120)
    buyer_phone = models.CharField(_("phone"), max_length=20)
    buyer_email = models.EmailField(_("e-mail"), blank=True, validators=[plain_email])
    commune = models.ForeignKey(
        "areas.Commune", verbose_name=_("commune or ward"), on_delete=models.PROTECT
    )
    address = models.CharField(_("address (house, street, hamlet)"), max_length=255)
    note = models.CharField(_("note for the producers"), max_length=500, blank=True)
    payment_method = models.CharField(
        _("payment"),
        max_length=20,
        choices=PaymentMethod.choices,
        default=PaymentMethod.CASH_ON_DELIVERY,
    )
    total_vnd = models.PositiveBigIntegerField(_("total (đồng)"))
    created_at = models.DateTimeField(_("ordered at"), default=timezone.now, db_index=True)
    # The version of the operating regulations the buyer accepted at checkout.
    regulations_version = models.CharField(
        _("regulations accepted (version)"), max_length=20, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        permissions = [("release_order", _("Can free the stock an unpaid order holds"))]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("orders:status", kwargs={"code": self.code, "secret": self.secret})

    @property
    def buyer_phone_display(self):
        return display_phone(self.buyer_phone)


class OrderPart(models.Model):
    """What one producer sells in an order: its lines, its status, its payment."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="parts")
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.PROTECT, related_name="order_parts"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PartStatus.choices, default=PartStatus.PLACED
    )
    payment_status = models.CharField(
        _("payment"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.UNPAID
    )
    subtotal_vnd = models.PositiveBigIntegerField(_("subtotal (đồng)"))
    delivery_method = models.CharField(
        _("delivery"), max_length=20, choices=DeliveryMethod.choices, default=DeliveryMethod.PICKUP
    )
    delivery_fee_vnd = models.PositiveIntegerField(_("delivery fee (đồng)"), default=0)
    # Paid by card or transfer before the harvest, for a pre-order (0: the whole part is
    # paid as any order's).
    deposit_vnd = models.PositiveBigIntegerField(_("deposit (đồng)"), default=0)
    status_changed_at = models.DateTimeField(default=timezone.now)
    # When the part reached its producer: at once for cash on delivery, when the money
    # arrived for card and bank transfer (never, for an order nobody paid).
    placed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    cancel_reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("order part")
        verbose_name_plural = _("order parts")
        constraints = [
            models.UniqueConstraint(fields=["order", "producer"], name="one_part_per_producer")
        ]

    def __str__(self):
        return f"{self.order.code} · {self.producer}"

    @property
    def total_vnd(self):
        return self.subtotal_vnd + self.delivery_fee_vnd

    @property
    def due_first_vnd(self):
        """What a card or transfer asks for when the order is placed."""
        return self.deposit_vnd or self.total_vnd


class OrderLine(models.Model):
    part = models.ForeignKey(OrderPart, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, related_name="order_lines"
    )
    product_name = models.CharField(max_length=200)
    unit = models.CharField(max_length=10)
    unit_price_vnd = models.PositiveBigIntegerField()
    quantity = models.DecimalField(max_digits=10, decimal_places=2)
    total_vnd = models.PositiveBigIntegerField()
    # False for a line reserved on a coming harvest: cancelling it gives no stock back.
    from_stock = models.BooleanField(default=True)
    # Set when the producer weighed the line at packing: `quantity` is then what was weighed.
    weighed_at = models.DateTimeField(_("weighed at"), null=True, blank=True)
    # Sold at a quantity price or a quote's, to a business: the price board keeps the
    # two channels apart.
    wholesale = models.BooleanField(_("wholesale"), default=False)

    class Meta:
        ordering = ["part", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="line_quantity_positive"
            )
        ]

    def __str__(self):
        return f"{self.product_name} × {self.quantity}"


# A delivery fee above this is a typing slip (and beyond what every database stores).
MAX_FEE_VND = 10_000_000


class DeliverySettings(models.Model):
    """How one producer gets its produce to buyers; pick-up at the farm is always offered.

    Own delivery reaches the communes chosen, for one fee. Courier delivery reaches
    every province, priced by the weight of the part: up to 3 kg, up to 10 kg, more.
    """

    producer = models.OneToOneField(
        "producers.Producer", on_delete=models.CASCADE, related_name="delivery_settings"
    )
    pickup_hours = models.CharField(
        _("pick-up hours"), max_length=200, blank=True, help_text=_("e.g. 7:00–17:00 every day")
    )
    own_delivery = models.BooleanField(_("I deliver myself"), default=False)
    own_delivery_communes = models.ManyToManyField(
        "areas.Commune", verbose_name=_("to these communes"), blank=True, related_name="+"
    )
    own_delivery_fee_vnd = VndField(
        _("delivery fee (đồng)"), default=0, min_vnd=0, max_vnd=MAX_FEE_VND
    )
    courier = models.BooleanField(_("I send by courier nationwide"), default=False)
    courier_fee_3kg_vnd = VndField(
        _("courier fee up to 3 kg (đồng)"), default=30_000, min_vnd=0, max_vnd=MAX_FEE_VND
    )
    courier_fee_10kg_vnd = VndField(
        _("courier fee up to 10 kg (đồng)"), default=50_000, min_vnd=0, max_vnd=MAX_FEE_VND
    )
    courier_fee_more_vnd = VndField(
        _("courier fee above 10 kg (đồng)"), default=90_000, min_vnd=0, max_vnd=MAX_FEE_VND
    )

    class Meta:
        verbose_name = _("delivery settings")
        verbose_name_plural = _("delivery settings")

    def __str__(self):
        return str(self.producer)


class SavedCart(models.Model):
    """A signed-in buyer's cart, so it follows them to another phone or computer."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_cart"
    )
    items = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return str(self.user)
