import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import OFFICIALS
from tests.factories import ProducerFactory, ProductFactory, UserFactory, _category
from wholesale import quotes
from wholesale.models import Business, BusinessStatus, Offer, QuoteRequest, Schedule

# A valid tax code (its check digit is right) and one a digit off.
TAX_CODE = "0312687878"


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def rice(db):
    return _category("gao-ngu-coc")


@pytest.fixture
def kitchen_user(db):
    return UserFactory(username="+84903555001", phone="+84903555001")


def make_business(user, commune, status=BusinessStatus.APPROVED, **fields):
    return Business.objects.create(
        user=user, kind="kitchen", name=fields.pop("name", "Bếp ăn Trường Tiểu học Cái Bè"),
        tax_code=TAX_CODE, contact_name="Cô Hạnh", phone=user.phone or "+84903555001",
        commune=commune, address="Ấp 1", status=status, **fields,
    )  # fmt: skip


@pytest.fixture
def kitchen(kitchen_user, cai_be):
    return make_business(kitchen_user, cai_be)


@pytest.fixture
def coop_owner(db):
    return UserFactory(username="+84912777001", phone="+84912777001")


@pytest.fixture
def coops(cai_be, home_communes, coop_owner):
    """Two cooperatives selling rice, in two communes; the first is coop_owner's."""
    other = home_communes.exclude(pk=cai_be.pk).order_by("pk").first()
    return [
        ProducerFactory(display_name="HTX Lúa gạo Mỹ Lợi", kind="cooperative", owner=coop_owner,
                        commune=cai_be),
        ProducerFactory(display_name="HTX Nông nghiệp Hậu Thành", kind="cooperative",
                        commune=other,
                        owner=UserFactory(username="+84912777002", phone="+84912777002")),
    ]  # fmt: skip


@pytest.fixture
def rice_products(coops, rice):
    products = [
        ProductFactory(producer=coop, category=rice, name=f"Gạo ST25 {coop.pk}", price_vnd=40_000,
                       unit="kg", quantity_step="1", min_order_quantity="1",
                       stock_quantity="5000")
        for coop in coops
    ]  # fmt: skip
    for product in products:
        product.refresh_from_db()
    return products


@pytest.fixture
def rice_official(cai_be):
    return UserFactory(username="canbo_caibe_si", roles=[OFFICIALS], areas={"communes": [cai_be]})


def post(kitchen, rice, cai_be, producers, **fields):
    values = {"category": rice, "quantity": Decimal("200"), "unit": "kg",
              "schedule": Schedule.ONCE, "deliver_on": days(10), "commune": cai_be,
              "address": "Trường Tiểu học Cái Bè", **fields}  # fmt: skip
    return quotes.post_request(kitchen.user, QuoteRequest(**values), chosen=producers)


def offer(request, product, user, **fields):
    values = {"product": product, "price_vnd": 36_000, "quantity": Decimal("200"),
              "deliver_on": request.deliver_on,
              "valid_until": timezone.now() + datetime.timedelta(days=3), **fields}  # fmt: skip
    return quotes.make_offer(request, product.producer, Offer(**values), user)


def owner_of(producer):
    return producer.memberships.get(role="owner").user
