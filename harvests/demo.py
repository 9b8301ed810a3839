"""Demo harvests over the next twelve weeks: most of them balanced, and one scripted glut
(rambutan from many Cai Lậy farms ripening in the same fortnight, with few buyers)."""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from areas.models import Commune
from catalog.models import Product, ProductStatus

from . import preorders, services
from .models import HarvestAnnouncement, Pricing

BALANCED = ["xoai", "sau-rieng", "thanh-long", "vu-sua", "so-ri", "buoi", "tom"]
GLUT_CATEGORY = "chom-chom"
GLUT_FARMS = 8
GLUT_WEEK = 6  # weeks from now
BUYERS = ["Bếp ăn Trường Tiểu học Mỹ Phong", "Nguyễn Thị Lan", "Cửa hàng Nông sản Sạch Mỹ Tho"]


def _products(category, count):
    return list(
        Product.objects.public()
        .filter(category__slug=category, status=ProductStatus.ACTIVE)
        .select_related("producer__commune", "origin_commune", "category")
        .order_by("pk")[:count]
    )


@transaction.atomic
def create_demo_harvests(seed=2026):
    if HarvestAnnouncement.objects.exists():
        return 0
    rng = random.Random(seed)
    today = timezone.localdate()
    balanced = [product for category in BALANCED for product in _products(category, 3)]
    made = []
    for n, product in enumerate(balanced):
        start = today + datetime.timedelta(days=7 + 3 * n + rng.randint(0, 2))
        made.append(_announce(product, start, 10, Decimal(rng.choice([300, 500, 800, 1200])), rng))
    for product in _products(GLUT_CATEGORY, GLUT_FARMS):
        start = today + datetime.timedelta(weeks=GLUT_WEEK, days=rng.randint(0, 2))
        made.append(_announce(product, start, 14, Decimal(rng.choice([6000, 8000, 10000])), rng))
    made = [announcement for announcement in made if announcement]
    _demo_preorders(made, rng)
    return len(made)


def _announce(product, start, days, expected, rng):
    fixed = rng.random() < 0.6
    low = product.price_vnd * 8 // 10 // 1000 * 1000 or 1000
    announcement = HarvestAnnouncement(
        product=product,
        expected_quantity=expected if product.is_sold_by_weight else expected // 10,
        open_quantity=(expected if product.is_sold_by_weight else expected // 10) * Decimal("0.4"),
        window_start=start,
        window_end=start + datetime.timedelta(days=days),
        pricing=Pricing.FIXED if fixed else Pricing.AT_HARVEST,
        price_vnd=low if fixed else None,
        price_low_vnd=None if fixed else low,
        price_high_vnd=None if fixed else product.price_vnd,
        deposit_percent=rng.choice([0, 10, 20]),
    )
    announcement.open_quantity = announcement.open_quantity.to_integral_value()
    try:
        return services.save_new(announcement)
    except ValidationError:
        return None


def _demo_preorders(announcements, rng):
    communes = list(Commune.objects.filter(province_id=settings.HOME_PROVINCE_CODE)[:20])
    for announcement in announcements[:: max(1, len(announcements) // 8)]:
        product = announcement.product
        quantity = max(product.min_order_quantity, Decimal(rng.choice([10, 20, 50])))
        quantity -= quantity % product.quantity_step
        try:
            preorders.place(
                announcement.pk,
                quantity,
                buyer_name=rng.choice(BUYERS),
                buyer_phone=f"+849031{rng.randint(10000, 99999)}",
                commune=rng.choice(communes),
                address=f"Ấp {rng.randint(1, 9)}",
            )
        except ValidationError:
            continue
