"""Render time and SQL queries of the home and category pages on a 100,000-product catalogue.

Builds a throwaway SQLite database (or uses DATABASE_URL if set), fills it with
generate_synthetic_catalog, then renders each page --runs times.

    .venv/bin/python bench/listing_pages.py [--products 100000] [--runs 50]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
WORK = Path(tempfile.mkdtemp(prefix="bench-listing-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'db.sqlite3'}")
os.environ.setdefault("MEDIA_ROOT", str(WORK / "media"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from results import record  # noqa: E402

from catalog.models import Product  # noqa: E402
from marketplace.demo import create_site_pages  # noqa: E402

PAGES = {
    "home": "/",
    "category (Trái cây, page 1)": "/danh-muc/trai-cay/",
    "category, page 40": "/danh-muc/trai-cay/?page=40",
}


def build(products):
    call_command("migrate", verbosity=0)
    call_command("load_admin_units", province=[82], verbosity=0)
    create_site_pages()
    started = time.perf_counter()
    call_command(
        "generate_synthetic_catalog", producers=2000, products=products, seed=7, verbosity=0
    )
    return time.perf_counter() - started


def count_queries(client, url):
    queries = []

    def counting(execute, *args):
        queries.append(args[0])
        return execute(*args)

    with connection.execute_wrapper(counting):
        client.get(url)
    return len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    build_seconds = build(args.products)
    print(
        f"database: {connection.vendor}; products: {Product.objects.count():,}, listed: {Product.objects.public().count():,}"
    )
    print(f"generate_synthetic_catalog: {build_seconds:.1f} s")
    client = Client()
    for name, url in PAGES.items():
        client.get(url)  # first view makes the renditions
        query_count = count_queries(client, url)
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        timings.sort()
        p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
        print(
            f"{name}: {query_count} queries, "
            f"p50 {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms ({args.runs} runs)"
        )
        record(
            "listing_pages",
            f"{name}, {connection.vendor}, {args.products:,} products: p95",
            round(p95),
            "ms",
            compared_with=f"{query_count} SQL queries, p50 {statistics.median(timings):.0f} ms",
            target="< 300 ms",
            passed=p95 < 300,
        )


if __name__ == "__main__":
    main()
