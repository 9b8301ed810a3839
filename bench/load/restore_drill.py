"""The restore drill: buyers place orders, PostgreSQL's disk is lost, the stack restores.

    scripts/stack.sh restore-drill [--buyers 8] [--before 30] [--after 15]

Run with the stack's environment (`scripts/stack.sh restore-drill`, and by `make bench`
through bench/load/run.py). Buyers check out with cash on delivery through nginx, as
phones do; an order counts as acknowledged once the buyer's browser is on its order
page. After --before seconds PostgreSQL is killed and its data directory deleted, and
`scripts/stack.sh restore-postgres` brings it back from pgBackRest's backup, the WAL
archive and the synchronous WAL copy, while the buyers keep trying. Then:

- every acknowledged order must be in the restored database (the recovery point);
- the recovery time is from the loss to the first order acknowledged after it;
- check_listing_counts agrees, and the search index converges with the database.

Prints a JSON summary as its last line; with --record, keeps the figures for
bench/README.md.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
import urllib3

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site"), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from phone import (  # noqa: E402
    CSRF,
    HOST,
    QUANTITY,
    cash_on_delivery,
    index_converged,
    trusting,
    waited,
)
from results import record  # noqa: E402

from areas.models import Commune  # noqa: E402
from catalog.models import Product  # noqa: E402
from orders.models import Order  # noqa: E402

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # the stack's own cert
ORDER_PAGE = re.compile(r"/don-hang/([A-Z0-9-]+)/[^/]+/$")


def stack(*args):
    return subprocess.run(["bash", str(ROOT / "scripts/stack.sh"), *args], check=True,
                          capture_output=True, text=True)  # fmt: skip


class Buyers:
    """Threads, each a buyer's phone checking out again and again."""

    def __init__(self, count, products, communes):
        self.products, self.communes = products, communes
        self.acknowledged = []  # (order code, when)
        self.begun = {}  # order code -> when its checkout began
        self.attempts = 0
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.shop) for _ in range(count)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def shop(self):
        while not self.stop.is_set():
            with self.lock:
                self.attempts += 1
            started = time.time()
            try:
                code = self.check_out(requests.Session())
            except requests.RequestException:
                code = None
            if code:
                with self.lock:
                    self.acknowledged.append((code, time.time()))
                    self.begun[code] = started
            else:
                time.sleep(0.2)  # the site is away: a phone tries again a moment later

    def check_out(self, session):
        trusting(session)
        same_site = {"Origin": HOST, "Referer": HOST + "/"}
        slug, pk = random.choice(self.products)
        page = session.get(f"{HOST}/san-pham/{slug}/", timeout=10)
        quantity = QUANTITY.search(page.text)
        if not quantity:
            return None
        session.post(f"{HOST}/gio-hang/cap-nhat/", headers=same_site, timeout=10,
                     data={"product": pk, "quantity": quantity.group(1)})  # fmt: skip
        form = session.get(f"{HOST}/thanh-toan/", timeout=10)
        token = CSRF.search(form.text)
        if form.status_code != 200 or not token:
            return None
        placed = session.post(
            f"{HOST}/thanh-toan/",
            headers=same_site,
            timeout=15,
            data={
                "csrfmiddlewaretoken": token.group(1),
                **cash_on_delivery("Phạm Văn Khôi", random.choice(self.communes), "45 ấp Long Hòa"),
            },
        )
        shown = ORDER_PAGE.search(placed.url)
        return shown.group(1) if placed.status_code == 200 and shown else None


def search_status():
    return subprocess.run([sys.executable, "manage.py", "search_index", "status"],
                          capture_output=True, text=True, cwd=ROOT).stdout  # fmt: skip


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--buyers", type=int, default=8)
    parser.add_argument(
        "--before", type=float, default=30, help="seconds of orders before the loss"
    )
    parser.add_argument("--after", type=float, default=15, help="seconds of orders once restored")
    parser.add_argument("--record", action="store_true", help="the figures for bench/README.md")
    args = parser.parse_args()

    # Stock not counted: none sells out during the drill.
    products = list(
        Product.objects.public().filter(stock_quantity__isnull=True).values_list("slug", "pk")[:500]
    )
    communes = list(Commune.objects.filter(province_id=82).values_list("code", flat=True)[:50])
    orders_before = Order.objects.count()
    connection.close()  # the database is about to go

    with Buyers(args.buyers, products, communes) as buyers:
        time.sleep(args.before)
        lost_at = time.time()
        stack("destroy-postgres")
        restore_started = time.monotonic()
        stack("restore-postgres")
        restore_seconds = time.monotonic() - restore_started
        waited(lambda: any(begun > lost_at for begun in buyers.begun.values()), 120)
        time.sleep(args.after)

    acknowledged = dict(buyers.acknowledged)
    # Back: the first order whose checkout began after the loss is acknowledged.
    back = min(
        (when for code, when in acknowledged.items() if buyers.begun[code] > lost_at), default=None
    )
    before_loss = [code for code, when in buyers.acknowledged if when < lost_at]
    present = set(Order.objects.filter(code__in=acknowledged).values_list("code", flat=True))
    lost = sorted(set(acknowledged) - present)
    # The recovery point: how long before the loss the oldest lost order was acknowledged.
    rpo = max((lost_at - acknowledged[code] for code in lost), default=0.0)
    counts = subprocess.run([sys.executable, "manage.py", "check_listing_counts"],
                            capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    converged = waited(lambda: index_converged(search_status()), 180)
    summary = {
        "orders_before_drill": orders_before,
        "attempts": buyers.attempts,
        "acknowledged": len(acknowledged),
        "acknowledged_before_loss": len(before_loss),
        "lost": len(lost),
        "lost_codes": lost[:20],
        "rpo_seconds": round(rpo, 2),
        "restore_command_seconds": round(restore_seconds, 1),
        "rto_seconds": None if back is None else round(back - lost_at, 1),
        "check_listing_counts": counts.returncode == 0,
        "index_converged_seconds": None if converged is None else round(converged, 1),
    }
    if args.record:
        record_figures(summary)
    print(counts.stdout + counts.stderr)
    print(json.dumps(summary))
    return 0 if not lost and counts.returncode == 0 and converged is not None else 1


def record_figures(summary):
    record("restore", "acknowledged orders lost when PostgreSQL's disk is lost", summary["lost"],
           "orders", compared_with=f"{summary['acknowledged']} acknowledged "
           f"({summary['acknowledged_before_loss']} before the loss), {summary['attempts']} "
           "checkouts tried by the buyers", target="0", passed=summary["lost"] == 0)  # fmt: skip
    record("restore", "recovery point (RPO)", summary["rpo_seconds"], "s",
           compared_with="pgBackRest's archive + the synchronous WAL copy (pg_receivewal)",
           target="0 s", passed=summary["rpo_seconds"] == 0)  # fmt: skip
    rto = summary["rto_seconds"]
    record("restore", "recovery time (RTO): loss to the next acknowledged order",
           "not back" if rto is None else rto, "s",
           compared_with=f"restore-postgres took {summary['restore_command_seconds']} s",
           target="< 300 s", passed=rto is not None and rto < 300)  # fmt: skip
    record("restore", "after the restore: check_listing_counts, search index",
           "agree" if summary["check_listing_counts"] else "differ",
           compared_with=f"index converged after {summary['index_converged_seconds']} s",
           target="agree, converged", passed=summary["check_listing_counts"]
           and summary["index_converged_seconds"] is not None)  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
