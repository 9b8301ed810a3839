"""Checkout on PostgreSQL: 20 concurrent buyers, on distinct products and on one hot product.

Each buyer places orders of one line through orders.services.place_order (the same
transaction, row locks and stock reservation the checkout page uses), served by worker
processes as a server serves the checkout page (bench/workers.py). Prints orders/s,
p50/p95 per order, and errors.

    eval "$(scripts/services.sh start)"
    .venv/bin/python bench/checkout.py [--orders-per-buyer 20]
"""

import argparse
import functools
import os
import statistics
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ["DJANGO_SETTINGS_MODULE"] = "marketplace.settings.test"
os.environ["ELASTICSEARCH_URL"] = ""  # the database alone: what the checkout costs

import django  # noqa: E402

django.setup()

import workers  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import get_resolver  # noqa: E402
from results import record  # noqa: E402
from threads import percentile  # noqa: E402

from areas.models import Commune  # noqa: E402
from catalog.models import Product  # noqa: E402
from orders.cart import CartLine  # noqa: E402
from orders.services import place_order  # noqa: E402

BUYERS = 20


def setup():
    if "postgresql" not in connection.vendor and connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to PostgreSQL (scripts/services.sh start prints it).")
    # As in a server: the URLs load the admin's viewsets, which register their models with
    # Wagtail's reference index (every save of one of them then updates it).
    get_resolver().url_patterns  # noqa: B018
    call_command("migrate", verbosity=0)
    if not Commune.objects.exists():
        call_command("load_admin_units", province=[82], verbosity=0)
    if Product.objects.public().filter(status="active").count() < BUYERS:
        call_command("generate_synthetic_catalog", producers=50, products=500, seed=5, verbosity=0)


def order(argument):
    """One order of one line, as the checkout page places it; a refusal for want of stock
    is an answer, not an error."""
    product_id, commune_code = argument
    product = Product.objects.select_related("producer").get(pk=product_id)
    line = CartLine(product, product.min_order_quantity, product.price_vnd)
    try:
        place_order([line], buyer_name="Bench", buyer_phone="+84903000000",
                    commune=Commune(code=commune_code), address="Ấp 1")  # fmt: skip
    except ValidationError:
        return "refused"
    return "placed"


def run(product_ids, orders_per_buyer, commune, case):
    clients = [[(pk, commune.code)] * orders_per_buyer for pk in product_ids]
    warm_up = functools.partial(order, (product_ids[0], commune.code))
    served = workers.serve(order, clients, warm_up=warm_up)
    latencies, errors, wall = served.latencies, served.errors, served.wall
    refused = served.answers["refused"]
    p95 = percentile(latencies, 0.95)
    print(
        f"  {len(latencies)} orders in {wall:.1f} s = {len(latencies) / wall:.0f} orders/s; "
        f"p50 {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms; "
        f"refused (stock) {refused}; errors {len(errors)} {errors[:3]}"
    )
    record("checkout", f"{BUYERS} buyers at once, {case}: p95", round(p95), "ms",
           compared_with=f"{len(latencies) / wall:.0f} orders/s, {len(errors)} errors",
           target="< 300 ms, 0 errors", passed=p95 < 300 and not errors)  # fmt: skip


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders-per-buyer", type=int, default=20)
    args = parser.parse_args()
    setup()
    commune = Commune.objects.filter(province_id=82).first()
    products = list(
        Product.objects.public().filter(status="active", min_order_quantity__gt=0).order_by("pk")
    )
    distinct = [p.pk for p in products[:BUYERS]]
    Product.objects.filter(pk__in=distinct).update(stock_quantity=None)
    hot = products[BUYERS]
    Product.objects.filter(pk=hot.pk).update(stock_quantity=Decimal(10**6))
    print(f"PostgreSQL, {BUYERS} concurrent buyers, {args.orders_per_buyer} orders each:")
    print("distinct products:")
    run(distinct, args.orders_per_buyer, commune, "distinct products")
    print("one hot product (stock counted, every order locks the same row):")
    run([hot.pk] * BUYERS, args.orders_per_buyer, commune, "one hot product")


if __name__ == "__main__":
    main()
