"""A few weeks of demo orders in every state, so portals show something on first start."""

import random
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from areas.models import Commune
from catalog.models import Product, ProductStatus
from producers.models import MembershipRole

from . import services
from .cart import CartLine
from .models import Order, PartStatus

# What happened to a part after it was placed.
PATHS = [
    [],
    [PartStatus.CONFIRMED],
    [PartStatus.CONFIRMED, PartStatus.SHIPPED],
    [PartStatus.CONFIRMED, PartStatus.DELIVERED],
    [PartStatus.CONFIRMED, PartStatus.DELIVERED],
    [PartStatus.CANCELLED],
]
BUYERS = ["Lê Thị Mai", "Trần Văn Hùng", "Nguyễn Thị Lan", "Phạm Minh Tuấn", "Võ Thị Hồng"]


def create_demo_orders(count=60, days=28, seed=2026):
    if Order.objects.exists():
        return 0
    rng = random.Random(seed)
    products = list(
        Product.objects.public()
        .filter(status=ProductStatus.ACTIVE)
        .select_related("producer")
        .order_by("pk")[:400]
    )
    communes = list(Commune.objects.filter(province_id=settings.HOME_PROVINCE_CODE).order_by("pk"))
    if not products or not communes:
        return 0
    now, made = timezone.now(), 0
    for _ in range(count):
        chosen = rng.sample(products, min(len(products), rng.randint(1, 3)))
        lines = [CartLine(p, p.min_order_quantity, p.price_vnd) for p in chosen]
        if any(line.product.quantity_error(line.quantity) for line in lines):
            continue
        try:
            order = services.place_order(
                lines,
                buyer_name=rng.choice(BUYERS),
                buyer_phone=f"+849030{rng.randint(10000, 99999)}",
                commune=rng.choice(communes),
                address=f"Ấp {rng.randint(1, 9)}",
            )
        except ValidationError:
            continue  # sold out by an earlier demo order
        ordered_at = now - timedelta(days=rng.uniform(0, days))
        Order.objects.filter(pk=order.pk).update(created_at=ordered_at)
        order.parts.update(placed_at=ordered_at)
        for part in order.parts.select_related("producer"):
            owner = part.producer.memberships.filter(role=MembershipRole.OWNER).first()
            for status in rng.choice(PATHS) if owner else []:
                services.change_part_status(part, status, owner.user, "Hết hàng loại 1")
        made += 1
    return made


def create_demo_delivery(share=0.8, seed=2026):
    """Most demo producers deliver themselves to the communes around theirs and send by
    courier nationwide, as farms on the provinces' platforms do: a buyer in another
    province is not offered only a pick-up in Đồng Tháp."""
    from producers.models import Producer

    from .models import DeliverySettings

    if DeliverySettings.objects.exists():
        return 0
    rng = random.Random(seed)
    communes = list(Commune.objects.filter(province_id=settings.HOME_PROVINCE_CODE).order_by("pk"))
    made = 0
    for producer in Producer.objects.exclude(commune=None).order_by("pk"):
        if rng.random() > share:
            continue
        delivery = DeliverySettings.objects.create(
            producer=producer,
            pickup_hours="7:00–17:00",
            own_delivery=True,
            own_delivery_fee_vnd=rng.choice([15_000, 20_000, 25_000]),
            courier=True,
        )
        same_district = [
            c for c in communes if c.legacy_district_id == producer.commune.legacy_district_id
        ]
        delivery.own_delivery_communes.set(same_district or [producer.commune])
        made += 1
    return made
