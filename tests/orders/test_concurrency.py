"""Fifty buyers at once for ten units, on PostgreSQL, each with its own connection:
exactly ten orders, forty clear refusals, the product sold out once."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Product
from orders import services
from orders.cart import CartLine
from orders.models import Order
from reports.models import ListingEvent
from tests.factories import ProductFactory

# serialized_rollback: the categories and groups made by migrations come back for the next tests.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
BUYERS = 50


def race(product_ids, commune):
    outcomes, barrier = [], threading.Barrier(BUYERS)

    def buyer(number):
        try:
            products = Product.objects.select_related("producer").in_bulk(product_ids)
            lines = [
                CartLine(products[pk], Decimal("1"), products[pk].price_vnd) for pk in product_ids
            ]
            barrier.wait()
            services.place_order(
                lines, buyer_name=f"Người mua {number}", buyer_phone="+84903000000",
                commune=commune, address="Ấp 1",
            )  # fmt: skip
            outcomes.append("ordered")
        except ValidationError as error:
            outcomes.append(("refused", " ".join(error.messages)))
        finally:
            connection.close()

    threads = [threading.Thread(target=buyer, args=(n,)) for n in range(BUYERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_ten_units_go_to_exactly_ten_of_fifty_buyers(farm, cai_be):
    mango = ProductFactory(producer=farm, stock_quantity="10", min_order_quantity="1")

    outcomes = race([mango.pk], cai_be)

    assert outcomes.count("ordered") == 10
    refusals = [outcome for outcome in outcomes if outcome != "ordered"]
    assert len(refusals) == 40
    assert all("chỉ còn" in message or "không còn bán" in message for _, message in refusals)
    mango.refresh_from_db()
    assert (mango.stock_quantity, mango.status) == (0, "sold_out")
    assert ListingEvent.objects.filter(product_id=mango.pk, state="sold_out").count() == 1
    assert Order.objects.count() == 10


def test_a_cart_of_two_producers_is_all_or_nothing(farm, other_farm, cai_be):
    mango = ProductFactory(producer=farm, stock_quantity="10", min_order_quantity="1")
    pomelo = ProductFactory(producer=other_farm, stock_quantity="30", min_order_quantity="1")

    outcomes = race([mango.pk, pomelo.pk], cai_be)

    assert outcomes.count("ordered") == 10
    pomelo.refresh_from_db()
    assert pomelo.stock_quantity == 20  # the forty refused carts took nothing
    assert Order.objects.count() == 10
    assert all(order.parts.count() == 2 for order in Order.objects.all())


def test_an_order_locks_its_products_last_and_only_for_the_stock_update(farm, cai_be):
    """Buyers of one busy product queue for its stock update and the commit, not for the
    writing of each other's whole order."""
    mango = ProductFactory(producer=farm, stock_quantity="10", min_order_quantity="1")
    product = Product.objects.select_related("producer").get(pk=mango.pk)
    reverse("wagtailadmin_home")  # the admin's hooks register products with the reference index

    with CaptureQueriesContext(connection) as queries:
        services.place_order(
            [CartLine(product, Decimal("1"), product.price_vnd)], buyer_name="Người mua",
            buyer_phone="+84903000000", commune=cai_be, address="Ấp 1",
        )  # fmt: skip

    statements = [query["sql"] for query in queries.captured_queries]
    lock = next(n for n, sql in enumerate(statements) if "FOR NO KEY UPDATE" in sql)
    assert any(sql.startswith('INSERT INTO "orders_orderline"') for sql in statements[:lock])
    commit = statements.index("COMMIT", lock)  # after it: the texts, sent once committed
    under_lock = statements[lock + 1 : commit + 1]
    # The stock update, the one look whether lots keep this product's stock (issue 28), done.
    assert [sql.split()[0] for sql in under_lock] == ["UPDATE", "SELECT", "COMMIT"]
    assert 'FROM "traceability_lot"' in under_lock[1]
    assert not [sql for sql in statements if "wagtailcore_referenceindex" in sql]  # a record
