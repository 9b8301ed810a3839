"""Demo lots: two in every five products on sale have one, harvested this past week and
packed the day after, with the certificates their farm held then. Safe to run again."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from catalog.models import Product

from . import lot_stock, services
from .models import EventKind, Lot, LotEvent, new_lot_code

SHELF_LIFE = datetime.timedelta(days=21)


@transaction.atomic
def create_demo_lots():
    if Lot.objects.exists():
        return 0
    today = timezone.localdate()
    products = (
        Product.objects.public()
        .select_related("producer__commune", "origin_commune")
        .prefetch_related("producer__certifications")
        .order_by("pk")
    )
    lots, origins = [], []
    for number, product in enumerate(products):
        if number % 5 >= 2:
            continue
        harvested = today - datetime.timedelta(days=3 + number % 5)
        packed = harvested + datetime.timedelta(days=1)
        quantity = product.stock_quantity or Decimal(100)
        lots.append(Lot(
            product=product, code=new_lot_code(), harvested_on=harvested, packed_on=packed,
            best_before=packed + SHELF_LIFE, harvested_quantity=quantity * Decimal("1.1"),
            quantity=quantity, remaining=quantity,
            certificates=services.certificates_on(product.producer, harvested),
        ))  # fmt: skip
        origins.append(product.origin_commune or product.producer.commune)
    Lot.objects.bulk_create(lots)
    LotEvent.objects.bulk_create(
        event
        for lot, origin in zip(lots, origins, strict=True)
        for event in (
            LotEvent(lot=lot, kind=EventKind.HARVESTED, on=lot.harvested_on, commune=origin),
            LotEvent(lot=lot, kind=EventKind.PACKED, on=lot.packed_on, commune=origin),
        )
    )
    lot_stock.recount([lot.product_id for lot in lots])
    return len(lots)
