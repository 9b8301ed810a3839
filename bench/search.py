"""Search at 100,000 products: rebuild time, bulk indexing rate, and API latency under
8 concurrent clients, on Elasticsearch and on the database fallback side by side.

Needs ELASTICSEARCH_URL (e.g. from `scripts/services.sh start`); uses DATABASE_URL
if set, else a throwaway SQLite database. Serves the API with gunicorn on
127.0.0.1 and sends requests from 8 threads.

    .venv/bin/python bench/search.py [--products 100000] [--requests 400]
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
WORK = Path(tempfile.mkdtemp(prefix="bench-search-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'db.sqlite3'}")
os.environ.setdefault("MEDIA_ROOT", str(WORK / "media"))
os.environ["DJANGO_SETTINGS_MODULE"] = "marketplace.settings.test"
os.environ.setdefault("ELASTICSEARCH_INDEX_PREFIX", "bench")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from gunicorn_server import serve  # noqa: E402
from threads import percentile, run_together  # noqa: E402

from catalog.models import Product  # noqa: E402
from search import indexing  # noqa: E402

QUERIES = [
    "xoai cat hoa loc", "vu sua", "sau rieng ngu hiep", "thanh long", "khom", "buoi long",
    "so ri go cong", "tom cang", "gao thom", "dua xiem", "chom chom", "mit thai", "xo", "ca tra",
]  # fmt: skip
FILTERS = [
    {},
    {"category": "trai-cay"},
    {"sort": "price_asc"},
    {"in_season": "1"},
    {"certification": "vietgap"},
]
CLIENTS = 8


def build(products):
    call_command("migrate", verbosity=0)
    call_command("load_admin_units", province=[82], verbosity=0)
    call_command(
        "generate_synthetic_catalog", producers=2000, products=products, seed=11, verbosity=0
    )


def load(port, total):
    rng = random.Random(5)
    urls = [
        f"http://127.0.0.1:{port}/api/v1/products/search?"
        + urllib.parse.urlencode({"q": rng.choice(QUERIES), **rng.choice(FILTERS)})
        for _ in range(total)
    ]
    latencies, took, lock = [], [], threading.Lock()
    backends = set()

    def worker(chunk):
        for url in chunk:
            started = time.perf_counter()
            with urllib.request.urlopen(url, timeout=30) as response:
                data = json.load(response)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                backends.add(data["backend"])
                if "took_ms" in data:
                    took.append(data["took_ms"])

    wall = run_together(worker, [urls[i::CLIENTS] for i in range(CLIENTS)])
    return {
        "backend": ",".join(sorted(backends)),
        "p50": statistics.median(latencies),
        "p95": percentile(latencies, 0.95),
        "rps": len(latencies) / wall,
        "took_p50": statistics.median(took) if took else None,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    if not settings.ELASTICSEARCH_URL:
        sys.exit("Set ELASTICSEARCH_URL (scripts/services.sh start prints it).")
    build(args.products)
    name, count, seconds = indexing.rebuild(chunk_size=2000)
    print(
        f"database: {django.db.connection.vendor}; listed products: {Product.objects.public().count():,}"
    )
    print(f"rebuild: {count:,} documents in {seconds:.1f} s = {count / seconds:,.0f} documents/s")
    rows = []
    for port, url in ((18301, settings.ELASTICSEARCH_URL), (18302, "")):
        server = serve(port, url, workers=3, ready_path="/api/v1/products/suggest?q=x")
        try:
            load(port, 40)  # warm up: renditions, caches
            rows.append(load(port, args.requests))
        finally:
            server.terminate()
            server.wait()
    print(f"search API, {CLIENTS} concurrent clients, {args.requests} requests each backend:")
    for row in rows:
        overhead = (
            f", app overhead over ES took p50 {row['p50'] - row['took_p50']:.0f} ms"
            if row["took_p50"] is not None
            else ""
        )
        print(
            f"  {row['backend']}: p50 {row['p50']:.0f} ms, p95 {row['p95']:.0f} ms, "
            f"{row['rps']:.0f} requests/s{overhead}"
        )
    print(f"  p95 ratio database / elasticsearch: {rows[1]['p95'] / rows[0]['p95']:.1f}")


if __name__ == "__main__":
    main()
