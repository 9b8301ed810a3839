"""The append-only history of listings, from which counts for any past date are exact."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace import validation


class ListingState(models.TextChoices):
    UNLISTED = "unlisted", _("Not listed")
    IN_STOCK = "in_stock", _("Listed, in stock")
    SOLD_OUT = "sold_out", _("Listed, sold out")


class ListingEvent(models.Model):
    """A product entering a listing state, with what it was then (area, category, certificates).

    Written by catalog.listing.refresh_listing() in the transaction of the change;
    never updated. A product's state at a moment is that of its latest event
    before it (by time, then id).
    """

    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(db_index=True)
    state = models.CharField(max_length=10, choices=ListingState.choices)
    producer_id = models.BigIntegerField()
    category_id = models.BigIntegerField()
    commune_id = models.PositiveIntegerField(null=True)
    legacy_district_id = models.PositiveIntegerField(null=True)
    certifications = models.JSONField(default=list)
    ocop_stars = models.PositiveSmallIntegerField(null=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("listing event")
        verbose_name_plural = _("listing events")
        indexes = [models.Index(fields=["product", "at"], name="listing_event_product_at")]

    def __str__(self):
        return f"{self.product_id} {self.state} {self.at:%Y-%m-%d %H:%M}"

    COUNTED_UNDER = ("producer_id", "category_id", "commune_id", "certifications", "ocop_stars")


class ListingSnapshot(models.Model):
    """Listed products at the end of a day, per commune × category × certificates.

    Made from the event log by reports.snapshots (idempotent, any past date), so
    the dashboard and the time series read a few rows instead of replaying the log.
    Certificates are one key per row ("ocop,vietgap"), so rows add up to the total.
    """

    date = models.DateField(db_index=True)
    commune_id = models.PositiveIntegerField(null=True)
    legacy_district_id = models.PositiveIntegerField(null=True)
    category_id = models.BigIntegerField()
    certifications = models.CharField(max_length=100, blank=True)
    listed_products = models.PositiveIntegerField(default=0)
    in_stock_products = models.PositiveIntegerField(default=0)
    newly_listed = models.PositiveIntegerField(default=0)
    delisted = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("listing snapshot")
        verbose_name_plural = _("listing snapshots")
        indexes = [
            models.Index(fields=["date", "commune_id"], name="listing_snapshot_date_commune")
        ]
        permissions = [("view_listing_figures", _("Can see listing figures and reports"))]

    def __str__(self):
        return f"{self.date} {self.commune_id} {self.category_id}: {self.listed_products}"


class Dimension(models.TextChoices):
    TOTAL = "total", _("All provinces")
    PROVINCE = "province", _("Province")
    COMMUNE = "commune", _("Commune")
    LEGACY_DISTRICT = "legacy_district", _("Former district")
    CATEGORY = "category", _("Category")
    CATEGORY_BRANCH = "category_branch", _("Category with its subcategories")
    CERTIFICATION = "certification", _("Certification")
    OCOP_STARS = "ocop_stars", _("OCOP stars")


class DailyCount(models.Model):
    """The figures of one day for one group (a commune, a category, ...) or the province.

    Producers listing cannot be added up from the snapshot rows (a producer may sell
    in several categories), so each group's figure is kept whole here.
    """

    date = models.DateField()
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    key = models.CharField(max_length=20, blank=True)
    listed_products = models.PositiveIntegerField(default=0)
    in_stock_products = models.PositiveIntegerField(default=0)
    listing_producers = models.PositiveIntegerField(default=0)
    newly_listed = models.PositiveIntegerField(default=0)
    delisted = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        constraints = [
            models.UniqueConstraint(fields=["dimension", "key", "date"], name="daily_count_unique")
        ]

    def __str__(self):
        return f"{self.date} {self.dimension}={self.key}: {self.listed_products}"


class SnapshotDay(models.Model):
    """A date whose snapshot rows are made (a day with nothing listed has no rows)."""

    date = models.DateField(primary_key=True)
    verified_producers = models.PositiveIntegerField(default=0)
    made_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("snapshot day")
        verbose_name_plural = _("snapshot days")

    def __str__(self):
        return str(self.date)


class ProducerGroupListing(models.Model):
    """How many listed products a producer has in a group (a commune, a category, ...) now.

    Kept by reports.running in the transaction of each listing change: a producer
    enters a group's "producers listing" when its count leaves 0 and leaves it when
    the count returns to 0."""

    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    key = models.CharField(max_length=20, blank=True)
    producer_id = models.BigIntegerField()
    listed_products = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "key", "producer_id"], name="producer_group_listing_unique"
            )
        ]

    def __str__(self):
        return f"{self.dimension}={self.key} producer {self.producer_id}: {self.listed_products}"


class GroupChange(models.Model):
    """What the listing changes of one transaction did to a group's figures on a date.

    Append-only, written with the listing events; today's figures are yesterday's
    DailyCount plus the sum of today's rows."""

    date = models.DateField(db_index=True)
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    key = models.CharField(max_length=20, blank=True)
    listed_products = models.IntegerField(default=0)
    in_stock_products = models.IntegerField(default=0)
    listing_producers = models.IntegerField(default=0)
    newly_listed = models.IntegerField(default=0)
    delisted = models.IntegerField(default=0)

    def __str__(self):
        return f"{self.date} {self.dimension}={self.key}: {self.listed_products:+}"


class CubeChange(models.Model):
    """The same for a snapshot row (commune × category × certificates)."""

    date = models.DateField(db_index=True)
    commune_id = models.PositiveIntegerField(null=True)
    legacy_district_id = models.PositiveIntegerField(null=True)
    category_id = models.BigIntegerField()
    certifications = models.CharField(max_length=100, blank=True)
    listed_products = models.IntegerField(default=0)
    in_stock_products = models.IntegerField(default=0)
    newly_listed = models.IntegerField(default=0)
    delisted = models.IntegerField(default=0)

    def __str__(self):
        return f"{self.date} {self.commune_id} {self.category_id}: {self.listed_products:+}"


class RunningFigures(models.Model):
    """Present once the change rows and producer counts above have been built from the log."""

    built_at = models.DateTimeField()

    def __str__(self):
        return f"built {self.built_at:%Y-%m-%d %H:%M}"


class Metric(models.TextChoices):
    LISTED_PRODUCTS = "listed_products", _("Listed products")
    LISTING_PRODUCERS = "listing_producers", _("Producers listing")


class Target(models.Model):
    """A goal officials set for a period: e.g. 2,300 listed products in the province by 2023.
    Its area is a commune, a province, or (neither) the whole installation."""

    name = models.CharField(_("name"), max_length=200)
    metric = models.CharField(_("figure"), max_length=20, choices=Metric.choices)
    value = models.PositiveIntegerField(_("target"))
    period_start = models.DateField(_("from"), validators=[validation.from_2000])
    period_end = models.DateField(_("until"), validators=[validation.from_2000])
    province = models.ForeignKey(
        "areas.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Empty, with no commune: the whole installation."),
    )
    commune = models.ForeignKey(
        "areas.Commune",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Empty: the whole province."),
    )
    category = models.ForeignKey(
        "catalog.Category",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Empty: every category."),
    )

    class Meta:
        ordering = ["-period_end", "name"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="target_period_in_order",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.commune_id and self.province_id:
            raise ValidationError(
                {"province": _("A target is for a commune or a province, not both.")}
            )
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period must end after it starts.")})
        place = self.commune_id or self.province_id
        if place and self.category_id and self.metric == Metric.LISTING_PRODUCERS:
            raise ValidationError(
                {"category": _("A producers target is for a place or a category, not both.")}
            )
