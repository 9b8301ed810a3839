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
