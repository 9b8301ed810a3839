"""Lots recorded by their producer, and what a lot's trace page shows."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog import services as catalog_services
from catalog import stock
from catalog.models import Unit
from producers.models import CertificationKind

from . import gs1, lot_stock
from .models import EventKind, LotEvent, LotTake, ProductCode

MAX_QUANTITY = 1_000_000
HARVEST_LOOKBACK = datetime.timedelta(days=2 * 366)
LONGEST_SHELF_LIFE = datetime.timedelta(days=3 * 366)


def lot_errors(product, lot):
    """Why the lot (unsaved) cannot be recorded: {field: message}."""
    today = timezone.localdate()
    errors = {}
    if lot.harvested_on > today:
        errors["harvested_on"] = _("The harvest day cannot be in the future.")
    elif lot.harvested_on < today - HARVEST_LOOKBACK:
        errors["harvested_on"] = _("The harvest day must be within the last two years.")
    if lot.packed_on < lot.harvested_on:
        errors["packed_on"] = _("Packed before it was harvested: check the dates.")
    elif lot.packed_on > today:
        errors["packed_on"] = _("The packing day cannot be in the future.")
    if lot.best_before < lot.packed_on:
        errors["best_before"] = _("The best-before day must come after packing.")
    elif lot.best_before > lot.harvested_on + LONGEST_SHELF_LIFE:
        errors["best_before"] = _("The best-before day must be within three years of the harvest.")
    if not 0 < lot.harvested_quantity <= MAX_QUANTITY:
        errors["harvested_quantity"] = _("Enter the quantity harvested, more than 0.")
    if not lot.quantity > 0:
        errors["quantity"] = _("Enter the quantity packed, more than 0.")
    elif lot.quantity > lot.harvested_quantity:
        errors["quantity"] = _("More than was harvested: check the quantities.")
    whole = lot.quantity == lot.quantity.to_integral_value()
    if "quantity" not in errors and product.unit not in Unit.weight_units() and not whole:
        errors["quantity"] = _("This unit is sold in whole numbers.")
    return errors


def certificates_on(producer, day):
    """The producer's approved certificates valid on `day`, as a lot keeps them."""
    labels = dict(CertificationKind.choices)
    return [
        {"kind": c.kind, "label": str(labels.get(c.kind, c.kind)), "number": c.number,
         "issuer": c.issuer, "expires_on": c.expires_on.isoformat(),
         "ocop_stars": c.ocop_stars}
        for c in producer.certifications.all()
        if c.is_approved and c.expires_on >= day
    ]  # fmt: skip


@transaction.atomic
def record_lot(product, lot, user):
    """A new lot of the product (unsaved, from the form), with its harvest and packing
    as its first events; ValidationError, nothing saved, if it is wrong."""
    if not catalog_services.can_manage(user, product):
        raise ValidationError(_("Only the producer records its lots."))
    errors = lot_errors(product, lot)
    if errors:
        raise ValidationError(errors)
    stock.lock([product.pk]).get()
    lot.product, lot.created_by = product, user
    lot.code = gs1.clean_lot_code(lot.code)
    lot.remaining = lot.quantity
    lot.certificates = certificates_on(product.producer, lot.harvested_on)
    try:
        with transaction.atomic():
            lot.save()
    except IntegrityError as error:
        raise ValidationError({"code": _("This lot code is taken: choose another.")}) from error
    origin = product.origin_commune or product.producer.commune
    LotEvent.objects.bulk_create([
        LotEvent(lot=lot, kind=EventKind.HARVESTED, on=lot.harvested_on, commune=origin),
        LotEvent(lot=lot, kind=EventKind.PACKED, on=lot.packed_on, commune=origin),
    ])  # fmt: skip
    lot_stock.recount([product.pk])
    return lot


def part_moved(kind):
    """A listener for the orders app's "part_shipped" and "part_delivered": the lots its
    lines took gain that event, in the buyer's commune (never the buyer)."""

    def record(part, **_facts):
        today = timezone.localdate()
        lot_ids = set(
            LotTake.objects.filter(line__part=part, given_back=False).values_list(
                "lot_id", flat=True
            )
        )
        commune_id = part.order.commune_id
        known = set(
            LotEvent.objects.filter(
                lot_id__in=lot_ids, kind=kind, on=today, commune_id=commune_id
            ).values_list("lot_id", flat=True)
        )
        LotEvent.objects.bulk_create(
            LotEvent(lot_id=lot_id, kind=kind, on=today, commune_id=commune_id)
            for lot_id in sorted(lot_ids - known)
        )

    return record


def set_gtin(product, raw, user):
    if not catalog_services.can_manage(user, product):
        raise ValidationError(_("Only the producer sets its codes."))
    if not (raw or "").strip():
        ProductCode.objects.filter(product=product).delete()
        return None
    gtin = gs1.clean_gtin(raw)
    if ProductCode.objects.filter(gtin=gtin).exclude(product=product).exists():
        raise ValidationError(_("Another product already has this GTIN."), code="gtin_taken")
    ProductCode.objects.update_or_create(product=product, defaults={"gtin": gtin})
    return gtin


def current_lot(product):
    """The lot on sale now: the first to expire of those not expired (first expiry, first
    out), or None."""
    return (
        product.lots.filter(best_before__gte=timezone.localdate())
        .order_by("best_before", "pk")
        .first()
    )


def scan_path(lot):
    """What the lot's QR code holds: its GS1 Digital Link with a GTIN, else its trace page."""
    code = ProductCode.objects.filter(product_id=lot.product_id).first()
    if code:
        return gs1.digital_link(code.gtin, lot.code, lot.best_before)
    return lot.get_absolute_url()


def trace(lot, absolute):
    """What a lot's trace page shows, as data (the page and its JSON read the same)."""
    product, producer = lot.product, lot.product.producer
    origin = product.origin_commune or producer.commune
    code = ProductCode.objects.filter(product=product).first()
    return {
        "lot": lot.code,
        "gtin": code.gtin if code else None,
        "product": {"name": product.name, "url": absolute(product.get_absolute_url()),
                    "unit": product.unit,
                    "photo": absolute(product.cover.image.get_rendition("fill-600x450|format-webp").url)
                    if product.cover else None},
        "producer": {"name": producer.display_name, "address": ", ".join(
            part for part in (producer.address, producer.commune and producer.commune.name,
                              producer.commune and producer.commune.province.name) if part),
                     "url": absolute(producer.get_absolute_url()) if producer.is_public else None},
        "origin": {"commune": origin.name if origin else None,
                   "province": origin.province.name if origin else None},
        "harvested_on": lot.harvested_on.isoformat(),
        "packed_on": lot.packed_on.isoformat(),
        "best_before": lot.best_before.isoformat(),
        "quantity": str(lot.quantity),
        "certificates": [
            {key: value for key, value in c.items() if key in ("label", "number", "issuer",
                                                              "expires_on", "ocop_stars")}
            for c in lot.certificates
        ],
        "events": [
            {"event": event.kind, "label": str(event.get_kind_display()),
             "date": event.on.isoformat(),
             "commune": event.commune.name if event.commune else None}
            for event in lot.events.select_related("commune")
        ],
    }  # fmt: skip
