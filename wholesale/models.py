"""The wholesale lane: business buyers checked by an official, quantity prices, requests
for quotation with the producers' offers, and standing orders placed every week.

Every state of a request, an offer and a standing order changes only in
wholesale.quotes and wholesale.standing, under the row's lock.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from catalog.models import Unit
from marketplace.money import VndField
from marketplace.validation import plain_email
from orders.cart import line_total

QUANTITY = {"max_digits": 12, "decimal_places": 2}
# 1,000 tonnes: a request above it is a typing slip (and beyond what a line stores).
MAX_QUANTITY = Decimal("1000000")


class BusinessKind(models.TextChoices):
    TRADER = "trader", _("Trader (thương lái)")
    KITCHEN = "kitchen", _("Kitchen or canteen (school, factory, hospital)")
    RESTAURANT = "restaurant", _("Restaurant")
    SHOP = "shop", _("Shop")
    ENTERPRISE = "enterprise", _("Enterprise")
    COOPERATIVE = "cooperative", _("Cooperative (HTX)")


class BusinessStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an official")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class BusinessQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=BusinessStatus.APPROVED)


class Business(models.Model):
    """A buyer account that buys for a business: wholesale prices once an official of
    its commune has checked it (its tax code, that it exists)."""

    wagtail_reference_index_ignore = True

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="business",
    )
    kind = models.CharField(_("kind of business"), max_length=20, choices=BusinessKind.choices)
    name = models.CharField(_("business name"), max_length=200)
    tax_code = models.CharField(
        _("tax code (mã số thuế)"),
        max_length=14,
        help_text=_(
            "10 digits, 10-3 for a branch, or the 12-digit ID number of a household business."
        ),
    )
    contact_name = models.CharField(_("contact person"), max_length=120)
    phone = models.CharField(_("phone"), max_length=20)
    email = models.EmailField(_("e-mail"), blank=True, validators=[plain_email])
    commune = models.ForeignKey(
        "areas.Commune", verbose_name=_("commune or ward"), on_delete=models.PROTECT
    )
    address = models.CharField(_("delivery address (house, street, hamlet)"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=BusinessStatus.choices, default=BusinessStatus.PENDING
    )
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)

    objects = BusinessQuerySet.as_manager()

    class Meta:
        verbose_name = _("business buyer")
        verbose_name_plural = _("business buyers")
        ordering = ["-created_at", "-pk"]
        permissions = [("review_business", _("Can approve or reject business buyers"))]

    def __str__(self):
        return self.name

    @property
    def is_approved(self):
        return self.status == BusinessStatus.APPROVED


class PriceTier(models.Model):
    """From `min_quantity` of a product on, each unit costs `price_vnd`."""

    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="price_tiers"
    )
    min_quantity = models.DecimalField(
        _("from quantity"), validators=[MinValueValidator(Decimal("0.01"))], **QUANTITY
    )
    price_vnd = VndField(_("price per unit (đồng)"))
    # The producer's choice, the same on every tier of the product.
    public = models.BooleanField(_("shown to every buyer"), default=False)

    class Meta:
        ordering = ["product", "min_quantity"]
        constraints = [
            models.UniqueConstraint(fields=["product", "min_quantity"], name="one_tier_per_step"),
            models.CheckConstraint(condition=Q(price_vnd__gt=0), name="tier_price_positive"),
        ]

    def __str__(self):
        return f"≥ {self.min_quantity}: {self.price_vnd}"


class Schedule(models.TextChoices):
    ONCE = "once", _("Once")
    WEEKLY = "weekly", _("Every week")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open for offers")
    CLOSED = "closed", _("Closed by the buyer")
    EXPIRED = "expired", _("Expired")


class QuoteRequestQuerySet(models.QuerySet):
    def asking(self, producer):
        return self.filter(producers=producer)


class QuoteRequest(models.Model):
    """A business buyer asks chosen producers (or every producer of a category in chosen
    communes, resolved when it is posted) for a price."""

    wagtail_reference_index_ignore = True

    business = models.ForeignKey(
        Business, verbose_name=_("business"), on_delete=models.CASCADE, related_name="requests"
    )
    category = models.ForeignKey(
        "catalog.Category", verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    unit = models.CharField(_("unit"), max_length=10)
    schedule = models.CharField(
        _("delivery"), max_length=10, choices=Schedule.choices, default=Schedule.ONCE
    )
    deliver_on = models.DateField(_("delivery date (the first, every week)"))
    commune = models.ForeignKey(
        "areas.Commune", verbose_name=_("deliver to commune"), on_delete=models.PROTECT
    )
    address = models.CharField(_("delivery address"), max_length=255)
    notes = models.CharField(_("notes"), max_length=1000, blank=True)
    producers = models.ManyToManyField(
        "producers.Producer", verbose_name=_("producers asked"), related_name="quote_requests"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    expires_at = models.DateTimeField(_("offers until"))

    objects = QuoteRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("request for quotation")
        verbose_name_plural = _("requests for quotation")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="request_quantity_positive")
        ]

    def __str__(self):
        return f"{self.business} · {self.category} · {self.quantity} {self.unit}"

    @property
    def is_open(self):
        return self.status == RequestStatus.OPEN and self.expires_at > timezone.now()

    @property
    def unit_label(self):
        return Unit(self.unit).label if self.unit in Unit.values else self.unit


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the buyer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Not chosen")
    EXPIRED = "expired", _("Expired")


class Offer(models.Model):
    """A producer's answer to a request: a product of theirs, a price, a quantity they can
    supply, a date, and how long the offer holds."""

    wagtail_reference_index_ignore = True

    request = models.ForeignKey(QuoteRequest, on_delete=models.CASCADE, related_name="offers")
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.PROTECT, related_name="offers"
    )
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    price_vnd = VndField(_("price per unit (đồng)"))
    quantity = models.DecimalField(_("quantity you can supply"), **QUANTITY)
    delivery_fee_vnd = VndField(_("delivery fee (đồng)"), min_vnd=0, max_vnd=10_000_000, default=0)
    deliver_on = models.DateField(_("delivery date"))
    valid_until = models.DateTimeField(_("offer valid until"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["price_vnd", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "producer"], name="one_offer_per_producer"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="offer_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.producer} · {self.price_vnd} ₫"

    @property
    def is_open(self):
        return self.status == OfferStatus.OPEN and self.valid_until > timezone.now()

    @property
    def total_vnd(self):
        """What the offer costs delivered (each week, for a weekly request)."""
        return line_total(self.price_vnd, self.quantity) + self.delivery_fee_vnd


class StandingStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    CANCELLED = "cancelled", _("Cancelled")


class StandingOrder(models.Model):
    """An accepted weekly offer: an order placed every week, `lead_days` before its
    delivery day, at the offer's price, checked against stock like any order."""

    wagtail_reference_index_ignore = True

    offer = models.OneToOneField(Offer, on_delete=models.PROTECT, related_name="standing_order")
    business = models.ForeignKey(Business, on_delete=models.PROTECT, related_name="standing")
    producer = models.ForeignKey(
        "producers.Producer", on_delete=models.PROTECT, related_name="standing_orders"
    )
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(_("quantity each week"), **QUANTITY)
    price_vnd = VndField(_("price per unit (đồng)"))
    delivery_fee_vnd = VndField(_("delivery fee (đồng)"), min_vnd=0, max_vnd=10_000_000, default=0)
    next_delivery = models.DateField(_("next delivery"))
    status = models.CharField(
        _("status"), max_length=10, choices=StandingStatus.choices, default=StandingStatus.ACTIVE
    )
    # A pause or a cancellation takes effect after the notice: deliveries before it stand.
    effective_from = models.DateField(_("takes effect on"), null=True, blank=True)
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("standing order")
        verbose_name_plural = _("standing orders")
        ordering = ["next_delivery", "pk"]

    def __str__(self):
        return f"{self.business} · {self.product} × {self.quantity}"


class StandingRun(models.Model):
    """One week of a standing order: the order placed, or why none could be."""

    standing = models.ForeignKey(StandingOrder, on_delete=models.CASCADE, related_name="runs")
    delivery_on = models.DateField()
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    problem = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-delivery_on"]
        constraints = [
            models.UniqueConstraint(fields=["standing", "delivery_on"], name="one_run_per_week")
        ]

    def __str__(self):
        return f"{self.standing} · {self.delivery_on}"


@register_setting(icon="group")
class WholesaleSettings(BaseGenericSetting):
    """How long requests and offers last, and the notice of a standing order."""

    request_days = models.PositiveSmallIntegerField(
        _("a request takes offers for … days"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    lead_days = models.PositiveSmallIntegerField(
        _("a standing order is placed … days before its delivery"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(14)],
    )
    notice_days = models.PositiveSmallIntegerField(
        _("a pause or cancellation takes effect after … days' notice"),
        default=3,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = _("wholesale")
