"""Stock kept by lot (issue 28): orders take from the lot that expires first and each
line records its lots, cancellations give back, a lot past its day stops selling by
itself and the listing counts follow; the lots gain shipped and delivered events."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from catalog import services as catalog_services
from catalog.models import Product
from orders import services as orders
from orders.cart import CartLine
from reports import consistency
from search import indexing
from search.client import elasticsearch_enabled
from tests.factories import ProducerFactory, ProductFactory
from traceability import lot_stock, services
from traceability.models import Lot, LotEvent, LotTake

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def mango(farmer, cai_be):
    farm = ProducerFactory(display_name="Vườn xoài Út Ba", owner=farmer, commune=cai_be)
    return ProductFactory(producer=farm, name="Xoài cát Hòa Lộc", stock_quantity=Decimal("50"),
                          price_vnd=80_000, unit="kg")  # fmt: skip


def record(product, user, code, best_before, quantity):
    lot = Lot(code=code, harvested_on=days(-10), packed_on=days(-9), best_before=best_before,
              harvested_quantity=Decimal(quantity), quantity=Decimal(quantity))  # fmt: skip
    return services.record_lot(product, lot, user)


def place(product, quantity, commune):
    product.refresh_from_db()
    line = CartLine(product, Decimal(quantity), product.price_vnd)
    return orders.place_order([line], buyer_name="Mai", buyer_phone="+84903000000",
                              commune=commune, address="Ấp 1")  # fmt: skip


def taken(order):
    return sorted(
        LotTake.objects.filter(line__part__order=order).values_list("lot__code", "quantity")
    )


def stock_of(product):
    product.refresh_from_db()
    return product.stock_quantity, product.status, product.listing_state


def test_the_first_lot_replaces_the_counted_stock_and_orders_take_first_expiry_first(
    mango, farmer, cai_be
):
    # Recorded out of expiry order, codes out of alphabetical order.
    record(mango, farmer, "ZLATE", days(20), 10)
    record(mango, farmer, "MSOON", days(5), 10)
    record(mango, farmer, "AMID", days(12), 10)
    assert stock_of(mango) == (Decimal("30"), "active", "in_stock")

    first = place(mango, "12", cai_be)
    second = place(mango, "9", cai_be)

    assert taken(first) == [("AMID", Decimal("2")), ("MSOON", Decimal("10"))]
    assert taken(second) == [("AMID", Decimal("8")), ("ZLATE", Decimal("1"))]
    assert dict(Lot.objects.values_list("code", "remaining")) == {
        "MSOON": 0, "AMID": 0, "ZLATE": 9
    }  # fmt: skip
    assert stock_of(mango)[0] == Decimal("9")


def test_a_lot_past_its_day_is_not_sold_and_the_hourly_task_retires_it(mango, farmer, cai_be):
    if elasticsearch_enabled():  # the index starts from this test's data; the outbox follows
        indexing.rebuild()
    fresh = record(mango, farmer, "FRESH", days(5), 4)
    stale = record(mango, farmer, "STALE", days(1), 10)
    Lot.objects.filter(pk=stale.pk).update(best_before=days(-1))  # its day passed overnight

    with pytest.raises(ValidationError, match="Chỉ còn 4 kg"):
        place(mango, "5", cai_be)
    assert not LotTake.objects.exists()
    assert stock_of(mango)[0] == Decimal("14")  # the refusal kept nothing

    assert lot_stock.retire_expired() == 1
    assert stock_of(mango) == (Decimal("4"), "active", "in_stock")
    stale.refresh_from_db()
    assert (stale.remaining, stale.expired_unsold) == (0, Decimal("10"))
    assert lot_stock.retire_expired() == 0  # nothing left to retire

    Lot.objects.filter(pk=fresh.pk).update(best_before=days(-1))
    in_stock_before = Product.objects.filter(listing_state="in_stock").count()
    lot_stock.retire_expired()
    assert stock_of(mango) == (Decimal("0"), "sold_out", "sold_out")
    assert Product.objects.filter(listing_state="in_stock").count() == in_stock_before - 1
    if elasticsearch_enabled():
        indexing.drain_all()
        assert indexing.status()["stale"] == []  # the index says sold out too
    sources = consistency.todays_counts()
    assert consistency.differences(sources) == []
    database = {name: counts for name, counts, _ in sources}["database"]
    assert database["in_stock_products"] == in_stock_before - 1


def test_an_order_taking_the_last_of_the_lots_sells_the_product_out(mango, farmer, cai_be):
    record(mango, farmer, "ONLY", days(5), 3)
    place(mango, "3", cai_be)
    assert stock_of(mango) == (Decimal("0"), "sold_out", "sold_out")


def test_a_cancelled_part_gives_back_to_its_lots_or_to_expired_unsold(mango, farmer, cai_be):
    record(mango, farmer, "KEEP", days(5), 5)
    record(mango, farmer, "GONE", days(3), 5)
    order = place(mango, "8", cai_be)
    assert taken(order) == [("GONE", Decimal("5")), ("KEEP", Decimal("3"))]
    Lot.objects.filter(code="GONE").update(best_before=days(-1))

    orders.change_part_status(order.parts.get(), "cancelled", farmer, "Hết hàng")

    lots = {lot.code: lot for lot in Lot.objects.all()}
    assert (lots["KEEP"].remaining, lots["KEEP"].expired_unsold) == (Decimal("5"), 0)
    assert (lots["GONE"].remaining, lots["GONE"].expired_unsold) == (0, Decimal("5"))
    assert stock_of(mango)[0] == Decimal("5")
    assert set(LotTake.objects.values_list("given_back", flat=True)) == {True}
    # Cancelling is one move: nothing is given back twice.
    with pytest.raises(ValidationError):
        orders.change_part_status(order.parts.get(), "cancelled", farmer, "Lần nữa")
    assert stock_of(mango)[0] == Decimal("5")


def test_a_product_without_lots_keeps_its_counted_stock(mango, cai_be):
    order = place(mango, "2", cai_be)
    assert taken(order) == [] and stock_of(mango)[0] == Decimal("48")


def test_the_producer_cannot_type_over_a_stock_kept_by_lot(client, mango, farmer):
    record(mango, farmer, "LOT1", days(5), 10)
    mango.refresh_from_db()
    with pytest.raises(ValidationError, match="lô"):
        catalog_services.quick_update(mango, farmer, price_vnd=90_000, stock_quantity=500)
    catalog_services.quick_update(mango, farmer, price_vnd=90_000, stock_quantity=Decimal(10))
    client.force_login(farmer)
    form = client.get(f"/cua-toi/san-pham/{mango.pk}/sua/").context["form"]
    assert form.fields["stock_quantity"].disabled


def test_shipping_and_delivery_add_the_buyers_commune_to_the_lots_events(
    client, mango, farmer, cai_be, home_communes
):
    record(mango, farmer, "EVT", days(5), 10)
    elsewhere = home_communes.exclude(pk=cai_be.pk).order_by("-pk").first()
    order = place(mango, "2", elsewhere)
    part = order.parts.get()
    for status in ("confirmed", "shipped", "delivered"):
        orders.change_part_status(part, status, farmer)
    events = list(LotEvent.objects.filter(lot__code="EVT").values_list("kind", "commune__name"))
    assert events == [
        ("harvested", mango.origin_commune.name if mango.origin_commune else cai_be.name),
        ("packed", mango.origin_commune.name if mango.origin_commune else cai_be.name),
        ("shipped", elsewhere.name),
        ("delivered", elsewhere.name),
    ]
    page = client.get(f"/don-hang/{order.code}/{order.secret}/").content.decode()
    assert "/truy-xuat/EVT/" in page
    client.force_login(farmer)  # the packing page says which lot to pack from
    assert "/truy-xuat/EVT/" in client.get(f"/cua-toi/don-hang/{part.pk}/").content.decode()
