"""Twenty buyers at once for two small lots, on PostgreSQL, each with its own connection:
the lots give exactly what they hold, first expiry first, never below zero."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from catalog.models import Product
from orders import services as orders
from orders.cart import CartLine
from tests.factories import ProducerFactory, ProductFactory
from tests.racing import race
from traceability import services
from traceability.models import Lot, LotTake

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_twenty_buyers_share_two_lots_exactly(farmer, cai_be):
    farm = ProducerFactory(owner=farmer, commune=cai_be)
    mango = ProductFactory(producer=farm, stock_quantity="999", unit="kg",
                           min_order_quantity="1", quantity_step="1")  # fmt: skip
    today = timezone.localdate()
    for code, days, quantity in (("LATE", 9, 4), ("SOON", 3, 3)):
        services.record_lot(mango, Lot(
            code=code, harvested_on=today, packed_on=today,
            best_before=today + datetime.timedelta(days=days),
            harvested_quantity=Decimal(quantity), quantity=Decimal(quantity)), farmer)  # fmt: skip

    def buy():
        product = Product.objects.select_related("producer").get(pk=mango.pk)
        return orders.place_order([CartLine(product, Decimal("1"), product.price_vnd)],
                                  buyer_name="Mai", buyer_phone="+84903000000",
                                  commune=cai_be, address="Ấp 1").pk  # fmt: skip

    outcomes = race([buy] * 20, refused=(ValidationError,))

    assert [kind for kind, _ in outcomes].count("done") == 7
    lots = dict(Lot.objects.values_list("code", "remaining"))
    assert lots == {"LATE": 0, "SOON": 0}
    taken = {code: sum(t.quantity for t in LotTake.objects.filter(lot__code=code))
             for code in ("LATE", "SOON")}  # fmt: skip
    assert taken == {"LATE": 4, "SOON": 3}
    # A take is written under the product's lock: by id, the order the buyers got the lock in.
    first = LotTake.objects.order_by("pk")[:3]
    assert {take.lot.code for take in first} == {"SOON"}
    mango.refresh_from_db()
    assert (mango.stock_quantity, mango.status) == (0, "sold_out")
