"""Two accepts of one offer at the same instant, on PostgreSQL: one order."""

import pytest
from django.core.exceptions import ValidationError

from orders.models import Order
from tests.racing import race
from wholesale import quotes
from wholesale.models import Offer, OfferStatus

from .conftest import offer, owner_of, post

# serialized_rollback: the categories and groups made by migrations come back for the next tests.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_offer_accepted_twice_at_once_becomes_one_order(
    kitchen, rice, cai_be, coops, rice_products
):
    request = post(kitchen, rice, cai_be, coops)
    made = offer(request, rice_products[0], owner_of(coops[0]))
    other = offer(request, rice_products[1], owner_of(coops[1]))

    def accept(pk):
        return lambda: quotes.accept(Offer.objects.get(pk=pk), kitchen.user).code

    outcomes = race([accept(made.pk), accept(made.pk), accept(made.pk), accept(other.pk)],
                    refused=(ValidationError,))  # fmt: skip
    kinds = sorted(kind for kind, _ in outcomes[:3])
    assert kinds == ["done", "refused", "refused"], outcomes
    assert outcomes[3][0] == "done"
    assert Order.objects.filter(parts__producer=coops[0]).count() == 1
    made.refresh_from_db()
    assert made.status == OfferStatus.ACCEPTED
    assert made.order.code in [result for kind, result in outcomes[:3] if kind == "done"]
