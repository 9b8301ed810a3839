"""The market price board at 1,000,000 delivered order lines (issue 27).

Builds a throwaway PostgreSQL database (DATABASE_URL) with 600 producers across the
province's communes and N sales over two years (prices around each category's own
level, 1 in 5 wholesale), closes the weeks and months over (prices.rollup, as the
nightly task does) and times it, then reports p50/p95 of GET /api/v1/prices for a spread of
filter combinations, and checks every published province-wide figure against
PostgreSQL's own percentile_cont, count and count(distinct) over the same rows.

    DATABASE_URL=postgres://…/bench_prices .venv/bin/python bench/price_board.py [--sales 1000000]
"""

import argparse
import datetime
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")
os.environ["ELASTICSEARCH_URL"] = ""
os.environ["RATELIMIT_ENABLE"] = "0"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from results import record  # noqa: E402

from areas.models import Commune  # noqa: E402
from catalog.models import Category  # noqa: E402
from prices import rollup  # noqa: E402
from prices.models import Sale  # noqa: E402
from producers.models import Producer  # noqa: E402

TARGET_MS = 300


def build(sales):
    call_command("migrate", verbosity=0)
    if not Commune.objects.exists():
        call_command("load_admin_units", verbosity=0)
    communes = list(Commune.objects.served().order_by("code"))
    Producer.objects.bulk_create(
        Producer(
            display_name=f"Vườn {n}",
            representative="Chủ vườn",
            slug=f"vuon-bench-{n}",
            phone=f"+8491{n:07d}",
            commune=communes[n % len(communes)],
        )
        for n in range(600)
    )
    categories = list(Category.objects.order_by("pk").values_list("pk", flat=True))
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH farms AS (
                SELECT row_number() OVER (ORDER BY p.id) - 1 AS n, p.id, p.commune_id,
                       c.legacy_district_id
                FROM producers_producer p JOIN areas_commune c ON c.code = p.commune_id
            ), drawn AS (
                SELECT g, (g * 7919) %% 600 AS farm, (g * 104729) %% 730 AS days_ago,
                       (%s::int[])[1 + (g * 31) %% %s] AS category_id
                FROM generate_series(1::bigint, %s) g
            )
            INSERT INTO prices_sale (delivered_on, week, month, category_id, unit, commune_id,
                legacy_district_id, producer_id, channel, price_vnd, quantity)
            SELECT d.day, date_trunc('week', d.day)::date, date_trunc('month', d.day)::date,
                   drawn.category_id, CASE WHEN g %% 9 = 0 THEN 'hop' ELSE 'kg' END,
                   farms.commune_id, farms.legacy_district_id, farms.id,
                   CASE WHEN g %% 5 = 0 THEN 'wholesale' ELSE 'retail' END,
                   (20000 + drawn.category_id * 1500 + (g * 37) %% 40 * 500)
                       * CASE WHEN g %% 5 = 0 THEN 0.85 ELSE 1 END,
                   1 + g %% 40
            FROM drawn JOIN farms ON farms.n = drawn.farm
            CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                                       - drawn.days_ago::int AS day) d
            """,
            [categories, len(categories), sales],
        )
        cursor.execute("ANALYZE prices_sale")
    return time.perf_counter() - started, communes


def combinations(communes):
    today = timezone.localdate()
    commune, district = communes[len(communes) // 2], communes[0].legacy_district_id
    five_years = today.replace(year=today.year - 5).isoformat()
    return {
        "default (province, 12 weeks)": {},
        "one category": {"category": "xoai"},
        "a branch (trai-cay)": {"category": "trai-cay"},
        "one commune": {"commune": commune.code},
        "one former district": {"legacy_district": district},
        "wholesale, kg": {"channel": "wholesale", "unit": "kg"},
        "by month, five years": {"interval": "month", "start": five_years},
        "by week, two years, one district": {
            "legacy_district": district,
            "start": today.replace(year=today.year - 2).isoformat(),
        },
        "commune, category, month, csv": {
            "commune": commune.code,
            "category": "trai-cay",
            "interval": "month",
            "start": five_years,
            "format": "csv",
        },
    }


def timings(client, params, runs):
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get("/api/v1/prices", params)
        seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, (params, response.status_code, response.content[:300])
    return statistics.median(seconds) * 1000, statistics.quantiles(seconds, n=20)[-1] * 1000


def direct(start, interval):
    """Every province-wide group straight from PostgreSQL: {key: (sales, producers, q…)}."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT category_id, unit, channel, {interval}, count(*), count(DISTINCT producer_id),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY price_vnd),
                   percentile_cont(0.25) WITHIN GROUP (ORDER BY price_vnd),
                   percentile_cont(0.75) WITHIN GROUP (ORDER BY price_vnd),
                   min(price_vnd), max(price_vnd)
            FROM prices_sale WHERE delivered_on >= %s
            GROUP BY 1, 2, 3, 4
            """,
            [start],
        )
        return {tuple(row[:4]): row[4:] for row in cursor.fetchall()}


def check_against_direct(client):
    """(figures compared, figures that differ)."""
    today = timezone.localdate()
    compared = differing = 0
    for interval, start in [("week", today.replace(year=today.year - 1)), ("month", None)]:
        start = start or today.replace(year=today.year - 5)
        body = client.get("/api/v1/prices", {"interval": interval, "start": start}).json()
        expected = direct(start, interval)
        for figure in body["figures"]:
            key = (figure["category_id"], figure["unit"], figure["channel"], figure["period"])
            key = (*key[:3], _as_date(key[3]))
            sales, producers, median, q1, q3, low, high = expected[key]
            want = (sales, producers, *(math.floor(q + 0.5) for q in (median, q1, q3)), low, high)
            got = tuple(figure[name] for name in ("sales", "producers", "median", "q1", "q3"))
            differing += (*got, figure["min"], figure["max"]) != want
            compared += 1
        differing += len(expected) != len(body["figures"]) + body["hidden"]
    return compared, differing


def _as_date(text):
    return datetime.date.fromisoformat(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sales", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "set DATABASE_URL to a throwaway PostgreSQL database"
    built, communes = build(args.sales)
    print(f"{Sale.objects.count():,} sales written in {built:.1f} s")
    started = time.perf_counter()
    closed = rollup.close_periods()
    closing = time.perf_counter() - started
    print(f"{closed} weeks and months closed (their figures written) in {closing:.1f} s")
    record("price_board", "closing the weeks and months of two years (first night)",
           round(closing, 1), "s", compared_with=f"{closed} periods")  # fmt: skip
    client = Client()
    worst = 0
    for name, params in combinations(communes).items():
        p50, p95 = timings(client, params, args.runs)
        worst = max(worst, p95)
        print(f"{name:<36} p50 {p50:6.0f} ms  p95 {p95:6.0f} ms")
        record(
            "price_board",
            f"board API, {name}: p95",
            round(p95),
            "ms",
            compared_with=f"p50 {p50:.0f} ms",
            target=f"< {TARGET_MS} ms",
            passed=p95 < TARGET_MS,
        )
    compared, differing = check_against_direct(client)
    print(f"{compared:,} published figures compared with percentile_cont: {differing} differ")
    record(
        "price_board",
        "figures equal to PostgreSQL's direct computation",
        differing,
        "differing",
        compared_with=f"{compared:,} figures",
        target="0",
        passed=differing == 0,
    )
    return 0  # the targets met or missed are in the results (bench/README.md)


if __name__ == "__main__":
    sys.exit(main())
