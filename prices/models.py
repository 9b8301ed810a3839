"""What the price board is built from: one row per delivered order line, fixed once
written (a delivered part keeps its status, its date and its weighed quantities)."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class Channel(models.TextChoices):
    RETAIL = "retail", _("retail")
    WHOLESALE = "wholesale", _("wholesale")


class Sale(models.Model):
    """A delivered order line at its realised unit price, with where and what it was."""

    # Kept if the order is ever erased: the figures of a past period never change.
    line = models.OneToOneField(
        "orders.OrderLine", null=True, on_delete=models.SET_NULL, related_name="sale"
    )
    delivered_on = models.DateField()  # the province's day
    week = models.DateField()  # its Monday
    month = models.DateField()  # its first day
    category = models.ForeignKey("catalog.Category", on_delete=models.PROTECT, related_name="+")
    unit = models.CharField(max_length=10)
    commune = models.ForeignKey(
        "areas.Commune", null=True, on_delete=models.PROTECT, related_name="+"
    )
    legacy_district = models.ForeignKey(
        "areas.LegacyDistrict", null=True, on_delete=models.PROTECT, related_name="+"
    )
    producer = models.ForeignKey("producers.Producer", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.RETAIL)
    price_vnd = models.PositiveBigIntegerField()
    quantity = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        indexes = [
            models.Index(fields=["delivered_on"], name="sale_day_idx"),
            models.Index(fields=["category", "delivered_on"], name="sale_category_day_idx"),
            models.Index(fields=["commune", "delivered_on"], name="sale_commune_day_idx"),
            models.Index(fields=["legacy_district", "delivered_on"], name="sale_district_day_idx"),
        ]

    def __str__(self):
        return f"{self.delivered_on} · {self.price_vnd} ₫/{self.unit}"


class ClosedPeriod(models.Model):
    """A week or month over, whose figures (province and former districts) are written
    as PeriodFigures; the board reads them instead of the period's sales."""

    interval = models.CharField(max_length=5)  # week, month
    period = models.DateField()  # its first day
    closed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interval", "period"], name="one_closed_period")
        ]

    def __str__(self):
        return f"{self.interval} {self.period}"


class PeriodFigure(models.Model):
    """One figure of a closed period, threshold not applied (the board applies today's)."""

    interval = models.CharField(max_length=5)
    period = models.DateField()
    level = models.CharField(max_length=16)  # province, legacy_district
    area_code = models.PositiveIntegerField(null=True)
    category = models.ForeignKey("catalog.Category", on_delete=models.CASCADE, related_name="+")
    unit = models.CharField(max_length=10)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    sales = models.PositiveIntegerField()
    producers = models.PositiveIntegerField()
    quantity = models.DecimalField(max_digits=16, decimal_places=2)
    median = models.PositiveBigIntegerField()
    q1 = models.PositiveBigIntegerField()
    q3 = models.PositiveBigIntegerField()
    min_vnd = models.PositiveBigIntegerField()
    max_vnd = models.PositiveBigIntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["interval", "level", "area_code", "period"], name="period_figure_area_idx"
            )
        ]

    def __str__(self):
        return f"{self.interval} {self.period} {self.level} {self.area_code}"


@register_setting(icon="table")
class PriceBoardSettings(BaseGenericSetting):
    """How many sales, and of how many producers, stand behind a published price."""

    min_sales = models.PositiveIntegerField(
        _("publish a figure only with at least … sales"),
        default=5,
        validators=[MinValueValidator(2)],
    )
    min_producers = models.PositiveIntegerField(
        _("… from at least … producers"),
        default=3,
        validators=[MinValueValidator(2)],
    )

    class Meta:
        verbose_name = _("market price board")
