"""Lots: a product's stock told apart by harvest, so that a label, and the page its QR code
opens, say what is in this box (Decree 37 on product codes, barcodes and traceability: the
product, its producer and origin, the lot, its dates and the certificates valid then;
TCVN 12850:2019, the GS1 Global Traceability Standard: identify, capture, share)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

QUANTITY = {"max_digits": 12, "decimal_places": 2}
# No 0/O, 1/I/L: a lot code is read off a box and typed.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_lot_code():
    return "L" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


class Lot(models.Model):
    wagtail_reference_index_ignore = True

    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="lots"
    )
    # GS1's application identifier 10 carries at most 20 characters.
    code = models.CharField(_("lot code"), max_length=20, unique=True, default=new_lot_code)
    harvested_on = models.DateField(_("harvested on"))
    packed_on = models.DateField(_("packed on"))
    best_before = models.DateField(_("best before"))
    harvested_quantity = models.DecimalField(_("quantity harvested"), **QUANTITY)
    quantity = models.DecimalField(_("quantity packed for sale"), **QUANTITY)
    # What is left to sell; at its best-before day what is left moves to expired_unsold.
    remaining = models.DecimalField(_("left for sale"), default=0, **QUANTITY)
    expired_unsold = models.DecimalField(_("expired unsold"), default=0, **QUANTITY)
    # The producer's approved certificates valid on the harvest day, as they were then:
    # [{"kind", "label", "number", "issuer", "expires_on"}].
    certificates = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["best_before", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0),
                name="lot_quantity_positive",
                violation_error_message=_("Enter the quantity packed, more than 0."),
            ),
            models.CheckConstraint(
                condition=Q(remaining__gte=0, expired_unsold__gte=0),
                name="lot_left_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(quantity__lte=models.F("harvested_quantity")),
                name="lot_within_harvest",
                violation_error_message=_("More than was harvested: check the quantities."),
            ),
            models.CheckConstraint(
                condition=Q(packed_on__gte=models.F("harvested_on"))
                & Q(best_before__gte=models.F("packed_on")),
                name="lot_dates_in_order",
                violation_error_message=_(
                    "Harvest, packing and best-before days must come in that order."
                ),
            ),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("traceability:lot", kwargs={"code": self.code})


class EventKind(models.TextChoices):
    HARVESTED = "harvested", _("Harvested")
    PACKED = "packed", _("Packed")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")


class LotEvent(models.Model):
    """What happened to a lot, in order: the GS1 standard's "capture" step."""

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    on = models.DateField(_("date"))
    commune = models.ForeignKey(
        "areas.Commune", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.lot} · {self.kind} · {self.on}"


class LotTake(models.Model):
    """What an order line took from a lot (first expiry, first out); given back when its
    part is cancelled."""

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="takes")
    line = models.ForeignKey("orders.OrderLine", on_delete=models.CASCADE, related_name="lots")
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    given_back = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="lot_take_positive")
        ]

    def __str__(self):
        return f"{self.lot} · {self.quantity}"


class ProductCode(models.Model):
    """A product's GS1 trade item number (GTIN), for an HTX with GS1 Vietnam codes: its
    lots' QR codes are then GS1 Digital Link addresses."""

    product = models.OneToOneField(
        "catalog.Product", on_delete=models.CASCADE, related_name="gs1_code"
    )
    gtin = models.CharField(_("GTIN (GS1 barcode number)"), max_length=14, unique=True)

    def __str__(self):
        return self.gtin
