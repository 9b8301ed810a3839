from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from orders.cart import Cart
from orders.models import OrderLine
from orders.services import place_order
from tests.factories import UserFactory
from wholesale import tiers
from wholesale.forms import TierForm
from wholesale.models import BusinessStatus, PriceTier

pytestmark = pytest.mark.django_db

STEPS = [(Decimal("50"), 36_000), (Decimal("500"), 33_000)]


@pytest.fixture
def product(rice_products):
    product = rice_products[0]
    tiers.set_tiers(product, STEPS, public=False)
    return product


class Session(dict):
    modified = False


def cart_of(user, product, quantity):
    cart = Cart(Session(), user)
    cart.put(product, Decimal(quantity))
    return cart


@pytest.mark.parametrize(
    ("steps", "said"),
    [
        ([(Decimal("50"), 36_000), (Decimal("500"), 38_000)], "lower"),  # up with quantity
        ([(Decimal("50"), 41_000)], "lower"),  # above the list price
        ([(Decimal("50"), 36_000), (Decimal("50"), 35_000)], "50"),  # overlapping
        ([(Decimal("50"), 0)], "0"),
        ([(Decimal("50"), -5)], "0"),
        ([(Decimal("0"), 30_000)], "0"),
        ([(Decimal("0.5"), 39_000)], "minimum"),  # below the minimum order (1 kg)
        ([(Decimal(n), 39_000 - n) for n in range(2, 9)], "5"),
    ],
)
def test_wrong_tiers_are_refused_and_nothing_changes(product, steps, said):
    with pytest.raises(ValidationError):
        tiers.set_tiers(product, steps, public=True)
    assert list(PriceTier.objects.filter(product=product).values_list("price_vnd", flat=True)) == [
        36_000,
        33_000,
    ]
    assert tiers.tier_errors(product, steps)


def test_the_form_reads_typed_amounts_and_says_what_is_wrong_in_vietnamese(product):
    form = TierForm(
        {"quantity_0": "50", "price_0": "36.000", "quantity_1": "500", "price_1": "38.000"},
        product=product,
    )
    assert not form.is_valid()
    assert "thấp hơn" in " ".join(form.non_field_errors())
    form = TierForm({"quantity_0": "50", "price_0": "36.000"}, product=product)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["tiers"] == [(Decimal("50"), 36_000)]
    form = TierForm({"quantity_0": "50"}, product=product)
    assert not form.is_valid()


def test_a_buyer_who_is_not_an_approved_business_pays_the_list_price(
    product, buyer, kitchen_user, cai_be
):
    from .conftest import make_business

    make_business(kitchen_user, cai_be, status=BusinessStatus.PENDING)
    for user in (buyer, kitchen_user, None):
        line = cart_of(user, product, "500").lines()[0]
        assert (line.unit_price_vnd, line.wholesale) == (40_000, False)


@pytest.mark.parametrize(
    ("quantity", "price"),
    [("49", 40_000), ("50", 36_000), ("499", 36_000), ("500", 33_000), ("2000", 33_000)],
)
def test_an_approved_business_pays_the_tier_its_quantity_reaches(product, kitchen, quantity, price):
    line = cart_of(kitchen.user, product, quantity).lines()[0]
    assert line.unit_price_vnd == price
    assert line.wholesale == (price != 40_000)
    assert not line.problem


def test_public_tiers_are_for_everyone(product, buyer):
    tiers.set_tiers(product, STEPS, public=True)
    assert cart_of(buyer, product, "60").lines()[0].unit_price_vnd == 36_000


def test_checkout_places_the_tier_price_as_a_wholesale_line(product, kitchen, cai_be):
    lines = cart_of(kitchen.user, product, "600").lines()
    order = place_order(lines, buyer=kitchen.user, buyer_name="Bếp", buyer_phone="+84903555001",
                        commune=cai_be, address="Ấp 1")  # fmt: skip
    line = OrderLine.objects.get(part__order=order)
    assert (line.unit_price_vnd, line.total_vnd, line.wholesale) == (33_000, 19_800_000, True)


def test_a_tier_changed_between_cart_and_checkout_is_flagged_not_charged(product, kitchen, cai_be):
    cart = cart_of(kitchen.user, product, "600")
    lines = cart.lines()
    tiers.set_tiers(product, [(Decimal("500"), 34_000)], public=False)  # raised meanwhile
    with pytest.raises(ValidationError, match="ST25"):
        place_order(lines, buyer=kitchen.user, buyer_name="Bếp", buyer_phone="+84903555001",
                    commune=cai_be, address="Ấp 1")  # fmt: skip
    assert not OrderLine.objects.exists()
    assert "34.000" in cart.lines()[0].problem


def test_the_product_page_shows_private_tiers_only_to_approved_businesses(
    client, product, kitchen, buyer
):
    url = product.get_absolute_url()
    assert "33.000" not in client.get(url).content.decode()
    client.force_login(buyer)
    assert "33.000" not in client.get(url).content.decode()
    client.force_login(kitchen.user)
    assert "33.000" in client.get(url).content.decode()


def test_the_producer_sets_tiers_in_the_portal_and_nobody_else(
    client, product, coop_owner, other_farmer
):
    url = f"/cua-toi/gia-si/{product.pk}/"
    client.force_login(other_farmer)
    assert client.get(url).status_code == 404
    client.force_login(coop_owner)
    response = client.post(url, {"quantity_0": "100", "price_0": "35.000", "public": "on"})
    assert response.status_code == 302
    assert list(
        PriceTier.objects.filter(product=product).values_list("min_quantity", "price_vnd", "public")
    ) == [(Decimal("100"), 35_000, True)]
    response = client.post(url, {"quantity_0": "100", "price_0": "45.000"})
    assert response.status_code == 200
    assert PriceTier.objects.get(product=product).price_vnd == 35_000


def test_a_pending_business_user_is_never_cached_as_approved(product, kitchen_user, cai_be):
    from .conftest import make_business

    business = make_business(kitchen_user, cai_be, status=BusinessStatus.REJECTED)
    assert cart_of(kitchen_user, product, "600").lines()[0].unit_price_vnd == 40_000
    assert business.pk
    fresh = UserFactory._meta.model.objects.get(pk=kitchen_user.pk)
    assert cart_of(fresh, product, "600").lines()[0].unit_price_vnd == 40_000


def test_the_cart_page_shows_the_tier_price_the_quantity_reaches(client, product, kitchen):
    client.force_login(kitchen.user)
    client.post("/gio-hang/cap-nhat/", {"product": product.pk, "quantity": "600"})
    page = client.get("/gio-hang/").content.decode()
    assert "33.000" in page and "19.800.000" in page
