"""Harvests announced before they are picked, and the log that keeps the outlook exact.

A producer announces what a product's coming harvest should give (in the product's
unit), when, at what price, and how much of it buyers may reserve ahead. Every change
of an announcement, a reservation's included, writes an AnnouncementChange with what
the announcement then was, so the supply outlook of any past day reads the log.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from marketplace.money import VndField

QUANTITY = {"max_digits": 12, "decimal_places": 2}


class AnnouncementStatus(models.TextChoices):
    OPEN = "open", _("Coming, pre-orders taken")
    HARVESTED = "harvested", pgettext_lazy("announcement status", "Harvested")
    FAILED = "failed", _("Harvest failed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Pricing(models.TextChoices):
    FIXED = "fixed", _("Fixed price")
    AT_HARVEST = "at_harvest", _("Price set at harvest (giá chốt khi thu hoạch)")


class AnnouncementQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=AnnouncementStatus.OPEN)

    def public(self):
        """Open announcements of listed products: what /sap-thu-hoach/ shows."""
        return self.open().filter(product__is_listed=True)

    def of_producer(self, producer):
        return self.filter(product__producer=producer)


class HarvestAnnouncement(models.Model):
    wagtail_reference_index_ignore = True

    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="harvest_announcements",
    )
    expected_quantity = models.DecimalField(_("expected harvest"), **QUANTITY)
    open_quantity = models.DecimalField(_("open to pre-order"), **QUANTITY)
    # What buyers have reserved: changed only by harvests.preorders, under the row's lock.
    reserved_quantity = models.DecimalField(
        _("pre-ordered"), default=Decimal("0"), editable=False, **QUANTITY
    )
    window_start = models.DateField(_("harvest from"))
    window_end = models.DateField(_("harvest until"))
    pricing = models.CharField(
        _("price"), max_length=20, choices=Pricing.choices, default=Pricing.FIXED
    )
    price_vnd = VndField(_("price per unit (đồng)"), null=True, blank=True)
    price_low_vnd = VndField(_("expected price from (đồng)"), null=True, blank=True)
    price_high_vnd = VndField(_("expected price up to (đồng)"), null=True, blank=True)
    deposit_percent = models.PositiveSmallIntegerField(_("deposit (%)"), default=0)
    # How far the weighed amount may stray from the ordered one before the buyer may refuse.
    tolerance_percent = models.PositiveSmallIntegerField(_("weight tolerance (±%)"), default=10)
    note = models.CharField(_("note for buyers"), max_length=300, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AnnouncementStatus.choices,
        default=AnnouncementStatus.OPEN,
        db_index=True,
    )
    harvested_quantity = models.DecimalField(
        _("harvested"), null=True, blank=True, editable=False, **QUANTITY
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("announced at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["window_start", "pk"]
        verbose_name = _("harvest announcement")
        verbose_name_plural = _("harvest announcements")
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_quantity__gt=0), name="announcement_expected_positive"
            ),
            models.CheckConstraint(
                condition=Q(open_quantity__gte=0, open_quantity__lte=F("expected_quantity")),
                name="announcement_open_within_expected",
            ),
            # The one rule a race could break: never more reserved than was opened.
            models.CheckConstraint(
                condition=Q(reserved_quantity__gte=0, reserved_quantity__lte=F("open_quantity")),
                name="announcement_reserved_within_open",
            ),
            models.CheckConstraint(
                condition=Q(window_end__gte=F("window_start")), name="announcement_window_order"
            ),
            models.CheckConstraint(
                condition=Q(deposit_percent__lte=100), name="announcement_deposit_percent"
            ),
        ]
        indexes = [
            models.Index(
                fields=["window_start"],
                condition=Q(status="open"),
                name="announcement_open_idx",
            )
        ]

    def __str__(self):
        return f"{self.product} · {self.window_start:%d/%m}–{self.window_end:%d/%m/%Y}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("harvests:preorder", kwargs={"pk": self.pk})

    def validate_constraints(self, exclude=None):
        # harvests.services.problems() says what is wrong in words a farmer reads; the
        # constraints stay the database's last guard.
        pass

    @property
    def left_to_reserve(self):
        return self.open_quantity - self.reserved_quantity

    @property
    def is_open(self):
        return self.status == AnnouncementStatus.OPEN

    @property
    def takes_preorders(self):
        return self.is_open and self.left_to_reserve > 0

    @property
    def unit_price_vnd(self):
        """What a pre-order line is priced at now: the fixed price, or the low end of the
        expected range until the harvest sets it."""
        return self.price_vnd if self.pricing == Pricing.FIXED else self.price_low_vnd


class AnnouncementChange(models.Model):
    """An announcement as it became at `at`, written in the transaction of the change and
    never updated but for `until`, set when the next change supersedes it: the outlook of
    a past moment reads the rows valid then, one per announcement."""

    announcement = models.ForeignKey(
        HarvestAnnouncement, on_delete=models.CASCADE, related_name="changes"
    )
    at = models.DateTimeField()
    until = models.DateTimeField(null=True, blank=True)
    what = models.CharField(max_length=40)
    status = models.CharField(max_length=20, choices=AnnouncementStatus.choices)
    expected_quantity = models.DecimalField(**QUANTITY)
    open_quantity = models.DecimalField(**QUANTITY)
    reserved_quantity = models.DecimalField(**QUANTITY)
    window_start = models.DateField()
    window_end = models.DateField()
    unit = models.CharField(max_length=10)
    producer_id = models.BigIntegerField()
    category_id = models.BigIntegerField()
    commune_id = models.PositiveIntegerField(null=True)
    legacy_district_id = models.PositiveIntegerField(null=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("announcement change")
        verbose_name_plural = _("announcement changes")
        indexes = [
            models.Index(fields=["window_end", "window_start"], name="change_window_idx"),
            models.Index(fields=["announcement", "-at"], name="change_latest_idx"),
        ]

    def __str__(self):
        return f"{self.announcement_id} {self.what} {self.at:%Y-%m-%d %H:%M}"


class ChangeWeek(models.Model):
    """One week's share of a logged change: its expected and reserved quantities spread
    evenly over the days of its window, those falling in the week of `week` (a Monday).
    Written with the change, never updated: the outlook sums these."""

    change = models.ForeignKey(AnnouncementChange, on_delete=models.CASCADE, related_name="weeks")
    week = models.DateField()
    announced = models.DecimalField(max_digits=14, decimal_places=4)
    reserved = models.DecimalField(max_digits=14, decimal_places=4)

    class Meta:
        indexes = [models.Index(fields=["week", "change"], name="change_week_idx")]

    def __str__(self):
        return f"{self.change_id} {self.week}"


class PreOrderStatus(models.TextChoices):
    RESERVED = "reserved", _("Reserved")
    SERVED = "served", _("Served from the harvest")
    CANCELLED = "cancelled", _("Cancelled")


class PreOrder(models.Model):
    """A buyer's reservation on an announcement: the order line it became, and its quantity
    counted in the announcement's reserved total until it is served or cancelled."""

    wagtail_reference_index_ignore = True

    announcement = models.ForeignKey(
        HarvestAnnouncement, on_delete=models.PROTECT, related_name="preorders"
    )
    line = models.OneToOneField(
        "orders.OrderLine", on_delete=models.CASCADE, related_name="preorder"
    )
    quantity = models.DecimalField(**QUANTITY)
    deposit_vnd = models.PositiveBigIntegerField(_("deposit (đồng)"), default=0)
    # The weight tolerance the buyer agreed to when pre-ordering (the producer may change
    # the announcement's later).
    tolerance_percent = models.PositiveSmallIntegerField(_("weight tolerance (±%)"), default=10)
    status = models.CharField(
        max_length=20, choices=PreOrderStatus.choices, default=PreOrderStatus.RESERVED
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pre-order")
        verbose_name_plural = _("pre-orders")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="preorder_quantity_positive")
        ]

    def __str__(self):
        return f"{self.announcement_id} × {self.quantity}"


@register_setting(icon="warning")
class OutlookSettings(BaseGenericSetting):
    """When the supply outlook warns of a glut; officials tune it to their province."""

    glut_ratio = models.DecimalField(
        _("flag when announced supply is more than … times the committed demand"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2"),
        validators=[MinValueValidator(Decimal("1"))],
    )
    glut_min_quantity = models.DecimalField(
        _("and exceeds it by at least (in the product's unit, per week)"),
        default=Decimal("2000"),
        validators=[MinValueValidator(Decimal("0"))],
        **QUANTITY,
    )

    class Meta:
        verbose_name = _("supply outlook")
