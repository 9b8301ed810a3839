"""The demo's wholesale lane: quantity prices on produce sold by the kilogram, and a school
kitchen (log-in "bepan") approved as a business buyer, whose weekly request for rice
(or, in a small demo, the produce most farms sell) two farms have answered. Safe to run
again."""

import datetime
import secrets
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from areas.models import Commune
from catalog.models import Product, ProductStatus, Unit
from producers.models import Producer

from . import quotes, tiers
from .models import Business, BusinessStatus, Offer, PriceTier, QuoteRequest, Schedule

TIERED = 24  # products given quantity prices
KITCHEN = "Bếp ăn Trường Tiểu học Cái Bè"


def _round(vnd):
    return max(500, vnd // 500 * 500)


def create_demo_tiers():
    """From 50 kg 8 % off, from 500 kg 15 % off; every other product shows them to all."""
    if PriceTier.objects.exists():
        return 0
    products = (
        Product.objects.public()
        .filter(status=ProductStatus.ACTIVE, unit=Unit.KILOGRAM, min_order_quantity__lte=50)
        .order_by("category__path", "pk")[:TIERED]
    )
    for number, product in enumerate(products):
        steps = [(Decimal("50"), _round(product.price_vnd * 92 // 100)),
                 (Decimal("500"), _round(product.price_vnd * 85 // 100))]  # fmt: skip
        if not tiers.tier_errors(product, steps):
            tiers.set_tiers(product, steps, public=number % 2 == 0)
    return PriceTier.objects.values("product").distinct().count()


@transaction.atomic
def create_demo_business():
    """The kitchen's account, business and answered weekly request; its password, or None
    when it was there already."""
    User = get_user_model()
    if User.objects.filter(username="bepan").exists():
        return None
    commune = Commune.objects.in_home_province().filter(name="Xã Cái Bè").first()
    # Rice, in the unit most rice farms sell it by (the demo's rice comes in 5 kg bags);
    # in a small demo with too few rice farms, the produce and unit most farms sell.
    on_sale = Product.objects.public().filter(producer__memberships__isnull=False)
    spread = on_sale.values("category", "unit").annotate(farms=Count("producer", distinct=True))
    best = (
        spread.filter(category__slug="gao-ngu-coc", farms__gte=2).order_by("-farms").first()
        or spread.order_by("-farms", "category", "unit").first()
        or {}
    )
    rice = on_sale.filter(category=best.get("category"), unit=best.get("unit"))
    unit = best.get("unit")
    farms = list(Producer.objects.filter(pk__in=rice.values("producer")).order_by("pk")[:2])
    if commune is None or len(farms) < 2:
        return None
    quantity = Decimal("200") if unit == Unit.KILOGRAM else Decimal("40")
    password = secrets.token_urlsafe(9)
    user = User.objects.create_user(
        username="bepan", password=password, phone="+84903555001", first_name="Hạnh",
        last_name="Lê Thị",
    )  # fmt: skip
    Business.objects.create(
        user=user, kind="kitchen", name=KITCHEN, tax_code="0312687878", contact_name="Lê Thị Hạnh",
        phone=user.phone, commune=commune, address="Ấp 1, Trường Tiểu học Cái Bè",
        status=BusinessStatus.APPROVED, reviewed_at=timezone.now(),
    )  # fmt: skip
    category = rice.first().category
    first_delivery = timezone.localdate() + datetime.timedelta(days=9)
    request = quotes.post_request(
        user,
        QuoteRequest(category=category, quantity=quantity, unit=unit,
                     schedule=Schedule.WEEKLY, deliver_on=first_delivery, commune=commune,
                     address="Ấp 1, Trường Tiểu học Cái Bè",
                     notes="Gạo trắng, giao trước 7 giờ sáng thứ Hai."),
        chosen=farms,
    )  # fmt: skip
    for farm, discount in zip(farms, (88, 92), strict=True):
        product = rice.filter(producer=farm).first()
        member = farm.memberships.first().user
        quotes.make_offer(request, farm, Offer(
            product=product, price_vnd=_round(product.price_vnd * discount // 100),
            quantity=quantity, deliver_on=first_delivery,
            valid_until=timezone.now() + datetime.timedelta(days=6),
            note="Giao tận bếp, xe tải nhỏ."), member)  # fmt: skip
    return password
