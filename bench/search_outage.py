"""Search while Elasticsearch hangs (SIGSTOP) or is stopped: does the site stay up?

Serves the site with gunicorn (2 workers, --timeout 30, as `make run`) on
127.0.0.1 and sends a bounded mixed load from 8 threads (home, product pages,
the search page, the search API) in three phases: Elasticsearch healthy, the
node frozen with SIGSTOP, and an address where nothing listens (a stopped node).
Prints p50/p95 per request type and phase, and the count of 5xx answers.

Needs the test node of `scripts/services.sh start` (its pid file gives the process
to freeze) and its ELASTICSEARCH_URL; uses DATABASE_URL if set, else SQLite.

    .venv/bin/python bench/search_outage.py [--products 5000] [--requests 400]
"""

import argparse
import os
import random
import signal
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
WORK = Path(tempfile.mkdtemp(prefix="bench-outage-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'db.sqlite3'}")
os.environ.setdefault("MEDIA_ROOT", str(WORK / "media"))
os.environ["DJANGO_SETTINGS_MODULE"] = "marketplace.settings.test"
os.environ.setdefault("ELASTICSEARCH_INDEX_PREFIX", "bench_outage")
os.environ["RATELIMIT_ENABLE"] = "0"  # one address sends everything: not an attack

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from gunicorn_server import serve  # noqa: E402
from results import record  # noqa: E402
from threads import percentile, run_together  # noqa: E402

from catalog.models import Product  # noqa: E402
from search import indexing  # noqa: E402

ES_PID_FILE = Path("/tmp/chonongsan-services/elasticsearch/elasticsearch.pid")
QUERIES = ["xoai cat hoa loc", "vu sua", "sau rieng", "thanh long", "khom", "buoi", "tom cang"]
CLIENTS = 8


def build(products):
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_admin_units", province=[82], verbosity=0)
    call_command(
        "generate_synthetic_catalog", producers=300, products=products, seed=3, verbosity=0
    )


def requests(port, total, slugs):
    rng = random.Random(7)
    base = f"http://127.0.0.1:{port}"
    kinds = [
        ("home", lambda: "/"),
        ("product", lambda: f"/san-pham/{rng.choice(slugs)}/"),
        ("search page", lambda: "/tim-kiem/?" + urllib.parse.urlencode({"q": rng.choice(QUERIES)})),
        ("search API", lambda: "/api/v1/products/search?" + urllib.parse.urlencode({"q": rng.choice(QUERIES)})),
    ]  # fmt: skip
    return [(kind, base + make()) for kind, make in (rng.choice(kinds) for _ in range(total))]


def load(port, total, slugs):
    latencies, statuses, lock = defaultdict(list), defaultdict(int), threading.Lock()
    work = requests(port, total, slugs)

    def worker(chunk):
        for kind, url in chunk:
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = 0  # no answer at all
            with lock:
                latencies[kind].append((time.perf_counter() - started) * 1000)
                statuses[status] += 1

    wall = run_together(worker, [work[i::CLIENTS] for i in range(CLIENTS)])
    return latencies, statuses, wall


def report(phase, latencies, statuses, wall):
    total = sum(statuses.values())
    errors = sum(count for status, count in statuses.items() if status >= 500 or status == 0)
    everything = [ms for values in latencies.values() for ms in values]
    print(
        f"{phase}: {total} requests in {wall:.1f} s ({total / wall:.0f}/s), "
        f"5xx or no answer: {errors}, all p95 {percentile(everything, 0.95):.0f} ms"
    )
    for kind, values in sorted(latencies.items()):
        print(
            f"    {kind:12} p50 {statistics.median(values):6.0f} ms  "
            f"p95 {percentile(values, 0.95):6.0f} ms  max {max(values):6.0f} ms"
        )
    search = latencies.get("search page", everything)
    record("search_outage", f"{phase}: 5xx or no answer", errors, f"of {total}",
           compared_with=f"p95 all {percentile(everything, 0.95):.0f} ms, search page "
           f"{percentile(search, 0.95):.0f} ms, max {max(everything):.0f} ms",
           target="0", passed=errors == 0)  # fmt: skip


def closed_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    if not settings.ELASTICSEARCH_URL or not ES_PID_FILE.exists():
        sys.exit('Start the services first: eval "$(scripts/services.sh start)"')
    es_pid = int(ES_PID_FILE.read_text())
    build(args.products)
    indexing.rebuild(chunk_size=2000)
    call_command("update_index", verbosity=0)
    slugs = list(Product.objects.public().values_list("slug", flat=True)[:500])
    listed = Product.objects.public().count()
    print(f"database: {django.db.connection.vendor}; listed products: {listed:,}; "
          f"{CLIENTS} clients, {args.requests} requests per phase; gunicorn 2 workers, timeout 30 s")  # fmt: skip

    server = serve(18311, settings.ELASTICSEARCH_URL)
    try:
        load(18311, 40, slugs)  # warm up: renditions, caches
        report("Elasticsearch healthy", *load(18311, args.requests, slugs))
        os.kill(es_pid, signal.SIGSTOP)
        try:
            report("Elasticsearch hung (SIGSTOP)", *load(18311, args.requests, slugs))
        finally:
            os.kill(es_pid, signal.SIGCONT)
    finally:
        server.terminate()
        server.wait()

    server = serve(18312, f"http://127.0.0.1:{closed_port()}")
    try:
        load(18312, 40, slugs)
        report("Elasticsearch stopped (connection refused)", *load(18312, args.requests, slugs))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
