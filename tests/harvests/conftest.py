import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from harvests import services
from harvests.models import HarvestAnnouncement, Pricing
from tests.factories import ProducerFactory, ProductFactory


@pytest.fixture
def farm(farmer, helper, cai_be):
    return ProducerFactory(
        display_name="Vườn xoài Út Ba", owner=farmer, helper=helper, commune=cai_be
    )


@pytest.fixture
def mango(farm, cai_be):
    return ProductFactory(producer=farm, name="Xoài cát Hòa Lộc", price_vnd=120_000,
                          quantity_step="0.5", min_order_quantity="1", stock_quantity="10",
                          origin_commune=cai_be)  # fmt: skip


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def announce(product, **overrides):
    """An announcement through the service (its checks and its log)."""
    at = overrides.pop("at", None)
    values = {
        "expected_quantity": Decimal("2000"),
        "open_quantity": Decimal("1200"),
        "window_start": days(10),
        "window_end": days(25),
        "pricing": Pricing.FIXED,
        "price_vnd": 100_000,
        "deposit_percent": 20,
        **overrides,
    }
    return services.save_new(HarvestAnnouncement(product=product, **values), at=at)


def preorder_data(commune, **overrides):
    return {
        "quantity": "10",
        "buyer_name": "Lê Thị Mai",
        "buyer_phone": "0903 123 456",
        "buyer_email": "",
        "commune": commune.pk,
        "address": "12 Ấp Bắc",
        "note": "",
        "accept_regulations": "on",
        **overrides,
    }
