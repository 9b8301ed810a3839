"""Rules the mutation audit found untested (issue 22, items 38, 39, 42 and 44): each test
fails with the one-line bug named in it."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from orders import delivery
from orders.models import DeliverySettings, PartStatus
from orders.portal import managed_parts
from orders.services import cancel_by_buyer, change_part_status
from tests.photos import signed_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [PartStatus.CONFIRMED, PartStatus.SHIPPED])
def test_a_buyer_cannot_cancel_what_a_producer_confirmed(ordered, farm, farmer, status):
    """Bug: CONFIRMED among the buyer's cancellable states."""
    mango_part = ordered.parts.get(producer=farm)
    for step in (PartStatus.CONFIRMED, PartStatus.SHIPPED)[: 1 + (status == PartStatus.SHIPPED)]:
        change_part_status(mango_part, step, farmer)
    other_part = ordered.parts.exclude(pk=mango_part.pk).get()
    other_part.status = PartStatus.CONFIRMED
    other_part.save(update_fields=["status"])

    with pytest.raises(ValidationError):
        cancel_by_buyer(ordered)

    assert set(ordered.parts.values_list("status", flat=True)) == {status, PartStatus.CONFIRMED}


def test_a_buyer_cancels_only_the_parts_not_yet_confirmed(ordered, farm, other_farm, farmer):
    change_part_status(ordered.parts.get(producer=farm), PartStatus.CONFIRMED, farmer)

    cancel_by_buyer(ordered)

    statuses = dict(ordered.parts.values_list("producer", "status"))
    assert statuses == {farm.pk: PartStatus.CONFIRMED, other_farm.pk: PartStatus.CANCELLED}


@pytest.mark.parametrize(
    "weight, band",
    [("3", "3kg"), ("2.1", "3kg"), ("3.01", "10kg"), ("10", "10kg"), ("10.2", "more")],
)
def test_courier_bands_include_their_limit_and_weights_round_up(weight, band):
    """Bugs: `<` for `<=` in the bands, and weights not rounded up to the kilogram."""
    settings = DeliverySettings(
        courier_fee_3kg_vnd=30_000, courier_fee_10kg_vnd=50_000, courier_fee_more_vnd=90_000
    )
    lines = [type("Line", (), {"quantity": Decimal(weight)})()]

    fee = delivery.courier_fee(settings, delivery.weight_kg(lines))

    assert fee == {"3kg": 30_000, "10kg": 50_000, "more": 90_000}[band]
    assert delivery.weight_kg(lines) == Decimal(weight).to_integral_value(rounding="ROUND_CEILING")


def test_a_helper_sees_the_orders_of_the_households_they_manage_and_no_others(
    ordered, helper, farm, other_farm, other_farmer
):
    """Bug: managed_parts() restricted to owners."""
    assert set(managed_parts(helper)) == set(ordered.parts.filter(producer=farm))
    assert set(managed_parts(other_farmer)) == set(ordered.parts.filter(producer=other_farm))


def test_only_digital_team_members_register_households(farmer, buyer, cai_be):
    """Bug: register_household() open to any signed-in user."""
    from producers.services import register_household

    for not_a_helper in (farmer, buyer):
        with pytest.raises(PermissionDenied):
            register_household(
                not_a_helper, phone="+84912000777", kind="household", display_name="Vườn Bảy",
                representative="Bảy", commune=cai_be, paper_form=signed_form(),
            )  # fmt: skip


def test_a_quantity_above_the_stock_never_reaches_the_cart(client, mango):
    """Item 25: a cart took 100,000 kg of a product with 10 kg left."""
    from tests.orders.conftest import put

    response = put(client, mango, "10,5")

    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Chỉ còn 10 kg" in m for m in messages)
    assert client.session.get("cart", {}) == {}
