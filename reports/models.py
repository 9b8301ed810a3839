"""The append-only history of listings, from which counts for any past date are exact."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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

    def __str__(self):
        return f"{self.date} {self.commune_id} {self.category_id}: {self.listed_products}"


class SnapshotDay(models.Model):
    """A date whose snapshot rows are made (a day with nothing listed has no rows)."""

    date = models.DateField(primary_key=True)
    made_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("snapshot day")
        verbose_name_plural = _("snapshot days")

    def __str__(self):
        return str(self.date)
