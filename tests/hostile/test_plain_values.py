"""One plain form of each value (issue 22, item 35): quantities in ASCII digits with one
decimal comma or point, reasons as plain text, e-mail addresses without quoted parts."""

from decimal import Decimal

import pytest
from django import forms

from marketplace.fields import QuantityField
from orders.cart import parse_quantity
from orders.models import Order, OrderPart
from orders.services import change_part_status
from tests.orders.conftest import checkout_data, put

pytestmark = pytest.mark.django_db
LOOSE = ["１２", "1e2", "1E1", "1_0", "NaN", "Infinity", "٣", "2.5.1", "+2", " 2 5", "0x10"]


@pytest.mark.parametrize("typed", LOOSE)
def test_loose_quantities_are_refused_everywhere(typed):
    assert parse_quantity(typed) is None
    with pytest.raises(forms.ValidationError):
        QuantityField(decimal_places=3).clean(typed)


@pytest.mark.parametrize("typed, quantity", [("2,5", "2.5"), ("2.5", "2.5"), (" 3 ", "3")])
def test_plain_quantities_are_read(typed, quantity):
    assert parse_quantity(typed) == Decimal(quantity)
    assert QuantityField(decimal_places=3).clean(typed) == Decimal(quantity)


def test_a_loose_quantity_puts_nothing_in_the_cart(client, mango):
    put(client, mango, "1e1")
    assert not client.session.get("cart")


def test_a_cancel_reason_with_markup_is_refused_and_nothing_changes(client, mango, farmer, cai_be):
    from django.core.exceptions import ValidationError

    put(client, mango, "2")
    client.post("/thanh-toan/", checkout_data(cai_be))
    part = OrderPart.objects.get()

    with pytest.raises(ValidationError):
        change_part_status(part, "cancelled", farmer, "<img src=x onerror=alert(1)>")

    part.refresh_from_db()
    assert part.status == "placed" and part.cancel_reason == ""


def test_a_quoted_email_local_part_is_refused_at_checkout(client, mango, cai_be):
    put(client, mango, "2")

    response = client.post(
        "/thanh-toan/", checkout_data(cai_be, buyer_email='"<b>x</b>"@example.vn')
    )

    assert response.status_code == 200 and not Order.objects.exists()
    assert "buyer_email" in response.context["form"].errors
