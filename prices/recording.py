"""Delivered lines become sales (registered with orders' "part_delivered" in ready())."""

import datetime

from django.utils import timezone

from . import rollup
from .models import Channel, Sale


def sale_of(line, delivered_at, sale_model=Sale):
    """The sale a delivered line is: its unit price, where the product comes from (its
    origin commune, or the farm's), on the province's day it was delivered."""
    product = line.product
    commune = product.origin_commune or product.producer.commune
    day = timezone.localtime(delivered_at).date()
    return sale_model(
        line_id=line.pk,
        delivered_on=day,
        week=day - datetime.timedelta(days=day.weekday()),
        month=day.replace(day=1),
        category_id=product.category_id,
        unit=product.unit,
        commune_id=commune.code if commune else None,
        legacy_district_id=commune.legacy_district_id if commune else None,
        producer_id=line.part.producer_id,
        channel=Channel.WHOLESALE if line.wholesale else Channel.RETAIL,
        price_vnd=line.unit_price_vnd,
        quantity=line.quantity,
    )


def record_part(part, **_facts):
    """A part just delivered: its lines, at their final (weighed) quantities, as sales."""
    lines = part.lines.select_related(
        "product__origin_commune", "product__producer__commune"
    ).order_by("pk")
    sales = [sale_of(line, part.status_changed_at) for line in lines]
    Sale.objects.bulk_create(sales, ignore_conflicts=True)
    rollup.reopen(sales)
