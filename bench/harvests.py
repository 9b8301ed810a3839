"""Harvests at scale: the supply outlook over 50,000 announcements among 1,000,000
products, and pre-order checkout with 20 buyers racing on one announcement.

Builds a throwaway database (DATABASE_URL: PostgreSQL, for the row locks) with
generate_synthetic_catalog in batches, announces harvests on random products over the
next 16 weeks (their log rows as the services write them, some changed since), then
reports p50/p95 of the outlook (the function, the open-data API, the officials' report)
and of the pre-order checkout page posted by 20 concurrent buyers.

    eval "$(scripts/services.sh start)"
    .venv/bin/python bench/harvests.py [--products 1000000] [--announcements 50000]
"""

import argparse
import datetime
import functools
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")
os.environ["ELASTICSEARCH_URL"] = ""  # the outlook and the checkout do not read the index
os.environ.setdefault("RATELIMIT_ENABLE", "0")

import django  # noqa: E402

django.setup()

import workers  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import get_resolver  # noqa: E402
from django.utils import timezone  # noqa: E402
from results import record  # noqa: E402
from threads import percentile  # noqa: E402

from accounts.roles import OFFICIALS  # noqa: E402
from areas.models import Commune  # noqa: E402
from catalog.models import Product, Unit  # noqa: E402
from harvests import outlook, preorders  # noqa: E402
from harvests import services as harvest_services  # noqa: E402
from harvests.models import AnnouncementChange, ChangeWeek, HarvestAnnouncement  # noqa: E402
from marketplace.demo import create_site_pages  # noqa: E402

BATCH = 100_000
BUYERS = 20
WEEKS_AHEAD = 16


def timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def build(products):
    call_command("migrate", verbosity=0)
    if not Commune.objects.exists():
        call_command("load_admin_units", verbosity=0)
    create_site_pages()
    have = Product.objects.count()
    for seed in range(have // BATCH + 1, products // BATCH + 1):
        call_command("generate_synthetic_catalog", producers=BATCH // 20, products=BATCH,
                     seed=seed, verbosity=0)  # fmt: skip
        print(f"  {seed * BATCH:,} products", flush=True)


def announce_many(count, rng):
    """`count` announcements on random listed products, written in bulk with the log rows
    and weekly shares harvests.services would write (a fifth changed once since, its first
    row closed)."""
    if HarvestAnnouncement.objects.count() >= count:
        return
    today = timezone.localdate()
    now = timezone.now()
    rows = list(
        Product.objects.public()
        .select_related("producer", "origin_commune")
        .order_by("?")
        .values("pk", "unit", "producer_id", "category_id", "origin_commune_id",
                "origin_commune__legacy_district_id")[:count]
    )  # fmt: skip
    announcements, changes = [], []
    for row in rows:
        start = today + datetime.timedelta(days=rng.randrange(0, WEEKS_AHEAD * 7))
        expected = Decimal(rng.randrange(200, 20_000) if row["unit"] == Unit.KILOGRAM else 500)
        announcements.append(
            HarvestAnnouncement(
                product_id=row["pk"], expected_quantity=expected, open_quantity=expected / 2,
                reserved_quantity=Decimal(rng.randrange(0, int(expected / 2))),
                window_start=start, window_end=start + datetime.timedelta(days=rng.randrange(5, 30)),
                price_vnd=rng.randrange(10, 200) * 1000, deposit_percent=20,
            )
        )  # fmt: skip
    HarvestAnnouncement.objects.bulk_create(announcements, batch_size=5000)
    for announcement, row in zip(announcements, rows, strict=True):
        at = now - datetime.timedelta(days=rng.randrange(1, 60))
        changed = rng.random() < 0.2
        later = at + (now - at) / 2
        base = {
            "announcement_id": announcement.pk, "status": announcement.status,
            "expected_quantity": announcement.expected_quantity,
            "open_quantity": announcement.open_quantity,
            "reserved_quantity": announcement.reserved_quantity,
            "window_start": announcement.window_start, "window_end": announcement.window_end,
            "unit": row["unit"], "producer_id": row["producer_id"],
            "category_id": row["category_id"], "commune_id": row["origin_commune_id"],
            "legacy_district_id": row["origin_commune__legacy_district_id"],
        }  # fmt: skip
        changes.append(
            AnnouncementChange(at=at, until=later if changed else None, what="announced", **base)
        )
        if changed:
            changes.append(AnnouncementChange(at=later, what="changed", **base))
    AnnouncementChange.objects.bulk_create(changes, batch_size=5000)
    ChangeWeek.objects.bulk_create(
        [share for change in changes for share in outlook.shares_of(change)], batch_size=5000
    )


def percentiles(action, runs):
    action()  # warm-up
    timings = []
    for _ in range(runs):
        _, seconds = timed(action)
        timings.append(seconds * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, round(0.95 * len(timings)) - 1)]


def get(client, url):
    def action():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return action


def measure_outlook(runs, scale):
    from tests.factories import UserFactory

    today = timezone.localdate()
    a_month_ago = timezone.now() - datetime.timedelta(days=30)
    official = UserFactory(username=f"canbo-harvest-{time.time_ns()}", roles=[OFFICIALS])
    client = Client()
    client.force_login(official)
    cases = {
        "outlook(), 12 weeks, now": lambda: outlook.outlook(today, 12),
        "outlook(), 12 weeks, as known 30 days ago": lambda: outlook.outlook(
            today, 12, as_of=a_month_ago
        ),
        "outlook(), 12 weeks by commune": lambda: outlook.outlook(today, 12, group_by="commune"),
        "GET /api/v1/stats/supply?weeks=12": get(
            client, f"/api/v1/stats/supply?start={today.isoformat()}&weeks=12"
        ),
        "officials' report (admin), 12 weeks": get(client, "/admin/trien-vong-nguon-cung/"),
    }
    for name, action in cases.items():
        p50, p95 = percentiles(action, runs)
        print(f"{name}: p50 {p50:.0f} ms, p95 {p95:.0f} ms ({runs} runs)", flush=True)
        if name.startswith(("outlook(), 12 weeks, now", "GET")):
            record("harvests", f"supply outlook, {name}, {scale}: p95", round(p95), "ms",
                   compared_with=f"p50 {p50:.0f} ms", target="< 300 ms", passed=p95 < 300)  # fmt: skip


def announce_for_preorders(product, expected):
    start = timezone.localdate() + datetime.timedelta(days=14)
    return harvest_services.save_new(
        HarvestAnnouncement(
            product=product, expected_quantity=expected, open_quantity=expected / 2,
            window_start=start, window_end=start + datetime.timedelta(days=10),
            price_vnd=100_000, deposit_percent=0,
        )
    )  # fmt: skip


def preorder(argument):
    """One buyer's pre-order of 2 kg, as the pre-order page places it."""
    announcement_pk, commune_code, buyer, order = argument
    preorders.place(
        announcement_pk, Decimal(2), buyer_name=f"Người mua {buyer}",
        buyer_phone=f"+84903{buyer:03d}{order:03d}", commune=Commune(code=commune_code),
        address="Ấp 1",
    )  # fmt: skip


def measure_preorders(orders_per_buyer):
    """20 buyers pre-order on one announcement at once, each several times, through
    harvests.preorders.place() (the transaction and row lock the pre-order page uses),
    served by worker processes as a server serves the pre-order page (bench/workers.py)."""
    product = Product.objects.public().filter(unit=Unit.KILOGRAM, producer__commune__isnull=False)
    product = product.select_related("producer").order_by("pk").first()
    product.min_order_quantity, product.quantity_step = Decimal(1), Decimal("0.5")
    product.save(update_fields=["min_order_quantity", "quantity_step"])
    announcement = announce_for_preorders(product, Decimal(100_000))
    warm_up = announce_for_preorders(product, Decimal(1_000))
    commune = product.producer.commune.code
    clients = [
        [(announcement.pk, commune, buyer, order) for order in range(orders_per_buyer)]
        for buyer in range(BUYERS)
    ]
    served = workers.serve(
        preorder, clients, warm_up=functools.partial(preorder, (warm_up.pk, commune, 999, 0))
    )
    latencies, errors, wall = served.latencies, served.errors, served.wall
    announcement.refresh_from_db()
    p95 = percentile(latencies, 0.95)
    print(f"{workers.WORKERS} worker processes", flush=True)
    reserved_right = announcement.reserved_quantity == 2 * len(latencies)
    print(
        f"pre-order checkout, {BUYERS} buyers on one announcement: {len(latencies)} in "
        f"{wall:.1f} s; p50 {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms; "
        f"errors {len(errors)} {errors[:3]}; reserved {announcement.reserved_quantity} kg"
    )
    record("harvests", f"pre-order checkout, {BUYERS} buyers at once on one announcement: p95",
           round(p95), "ms",
           compared_with=f"{len(latencies) / wall:.0f} pre-orders/s, {len(errors)} errors, "
                         f"reserved {'= 2 kg × pre-orders' if reserved_right else 'WRONG'}",
           target="< 300 ms, 0 errors", passed=p95 < 300 and not errors and reserved_right)  # fmt: skip


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=1_000_000)
    parser.add_argument("--announcements", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--orders-per-buyer", type=int, default=10)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to PostgreSQL (scripts/services.sh start prints it).")
    get_resolver().url_patterns  # noqa: B018 - as in a server: the admin's viewsets loaded
    rng = random.Random(26)
    _, seconds = timed(lambda: build(args.products))
    _, announced = timed(lambda: announce_many(args.announcements, rng))
    scale = f"{Product.objects.count():,} products, {HarvestAnnouncement.objects.count():,} announcements"
    print(f"{scale}; built in {seconds:.0f} s, announced in {announced:.0f} s", flush=True)
    measure_outlook(args.runs, scale)
    measure_preorders(args.orders_per_buyer)


if __name__ == "__main__":
    main()
