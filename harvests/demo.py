"""Demo harvests over the next twelve weeks: most of them balanced, and one scripted glut
(rambutan from many Cai Lậy farms ripening in the same fortnight, with few buyers; in a
small demo without them, the produce most farms grow)."""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from areas.models import Commune
from catalog.models import Product, ProductStatus

from . import preorders, services
from .models import HarvestAnnouncement, Pricing

BALANCED = 16  # harvests of other produce, at most three of a category
GLUT_CATEGORY = "chom-chom"
GLUT_FARMS = 8
FEWEST_GLUT_FARMS = 4
GLUT_WEEK = 6  # weeks from now
BUYERS = ["Bếp ăn Trường Tiểu học Mỹ Phong", "Nguyễn Thị Lan", "Cửa hàng Nông sản Sạch Mỹ Tho"]


def _on_sale():
    return (
        Product.objects.public()
        .filter(status=ProductStatus.ACTIVE)
        .select_related("producer__commune", "origin_commune", "category")
        .order_by("pk")
    )


def _one_a_farm(products, count):
    chosen, farms = [], set()
    for product in products:
        if product.producer_id not in farms:
            farms.add(product.producer_id)
            chosen.append(product)
            if len(chosen) == count:
                break
    return chosen


def _glut_farms():
    """GLUT_FARMS products of one produce, each of another farm: rambutan, or where the
    demo has too few rambutan farms, the produce most of its farms grow."""
    farms = _one_a_farm(_on_sale().filter(category__slug=GLUT_CATEGORY), GLUT_FARMS)
    if len(farms) >= FEWEST_GLUT_FARMS:
        return farms
    most = (
        _on_sale()
        .values("category_id")
        .annotate(farms=Count("producer", distinct=True))
        .order_by("-farms", "category_id")
        .first()
    )
    return (
        _one_a_farm(_on_sale().filter(category_id=most["category_id"]), GLUT_FARMS) if most else []
    )


def _balanced(count, glut_category):
    """Products of the other produce, at most three of each, until `count`."""
    chosen, per_category = [], {}
    for product in _on_sale().exclude(category_id=glut_category).iterator():
        if per_category.get(product.category_id, 0) < 3:
            per_category[product.category_id] = per_category.get(product.category_id, 0) + 1
            chosen.append(product)
            if len(chosen) == count:
                break
    return chosen


@transaction.atomic
def create_demo_harvests(seed=2026):
    if HarvestAnnouncement.objects.exists():
        return 0
    rng = random.Random(seed)
    today = timezone.localdate()
    glut = _glut_farms()
    balanced = _balanced(BALANCED, glut[0].category_id if glut else None)
    made = []
    for n, product in enumerate(balanced):
        start = today + datetime.timedelta(days=7 + 4 * n + rng.randint(0, 2))
        # Small enough that three of a produce in one week stay below the glut rule.
        made.append(_announce(product, start, 10, Decimal(rng.choice([300, 500, 800])), rng))
    for product in glut:
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
