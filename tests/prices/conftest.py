import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog.models import Category
from prices.models import Channel, Sale
from tests.factories import ProducerFactory


@pytest.fixture
def fruit(db):
    return Category.objects.get(slug="trai-cay")


@pytest.fixture
def farms(home_communes):
    """Six farms: three in Cái Bè, one in another commune of its former district, two
    in a commune of another former district."""
    cai_be = home_communes.get(name="Xã Cái Bè")
    neighbour = (
        home_communes.filter(legacy_district_id=cai_be.legacy_district_id)
        .exclude(pk=cai_be.pk)
        .first()
    )
    far = home_communes.exclude(legacy_district_id=cai_be.legacy_district_id).first()
    communes = [cai_be] * 3 + [neighbour] + [far] * 2
    return [
        ProducerFactory(display_name=f"Vườn {n}", commune=commune)
        for n, commune in enumerate(communes)
    ]


def sale(producer, category, price, day=None, unit="kg", channel=Channel.RETAIL, quantity=1):
    """A sale as prices.recording writes it (the board reads nothing else)."""
    day = day or timezone.localdate()
    commune = producer.commune
    return Sale.objects.create(
        delivered_on=day,
        week=day - datetime.timedelta(days=day.weekday()),
        month=day.replace(day=1),
        category=category,
        unit=unit,
        commune=commune,
        legacy_district_id=commune.legacy_district_id,
        producer=producer,
        channel=channel,
        price_vnd=price,
        quantity=Decimal(quantity),
    )
