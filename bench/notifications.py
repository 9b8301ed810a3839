"""Notifications at harvest-week scale, on PostgreSQL: a burst of orders queues about
10,000 texts (each order texts its buyer and its farm's phones), then one worker empties
the outbox. Prints what writing the outbox adds to a checkout (p50/p95 of place_order
with the notifications listening, against the same without), the time until the outbox
is empty and the messages per second (SMS_BACKEND in memory: the outbox's own cost).

    eval "$(scripts/services.sh start)"
    .venv/bin/python bench/notifications.py [--orders 5000]
"""

import argparse
import os
import statistics
import sys
import time
import types
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ["DJANGO_SETTINGS_MODULE"] = "marketplace.settings.test"
os.environ["ELASTICSEARCH_URL"] = ""

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from results import record  # noqa: E402
from threads import percentile  # noqa: E402

from areas.models import Commune  # noqa: E402
from catalog.models import Product  # noqa: E402
from marketplace import events  # noqa: E402
from notifications import outbox, tasks  # noqa: E402
from notifications.models import Message, MessageStatus  # noqa: E402
from orders.cart import CartLine  # noqa: E402
from orders.services import place_order  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from checkout import setup  # noqa: E402


def orders(count, products, commune):
    """Milliseconds per place_order; the texts are written but not sent (no worker)."""
    latencies = []
    for number in range(count):
        product = products[number % len(products)]
        line = CartLine(product, product.min_order_quantity, product.price_vnd)
        started = time.perf_counter()
        with transaction.atomic():  # on_commit callbacks (the send) run only on a real commit
            place_order([line], buyer_name="Bench", buyer_phone=f"+8490{number:07d}",
                        commune=commune, address="Ấp 1")  # fmt: skip
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=5000)
    args = parser.parse_args()
    setup()
    settings.SMS_BACKEND = "accounts.sms.LocmemBackend"
    # No worker during the burst: the texts wait in the outbox, as behind a busy worker.
    tasks.deliver_notifications = types.SimpleNamespace(enqueue=lambda: None)
    commune = Commune.objects.filter(province_id=82).first()
    products = list(
        Product.objects.public().filter(status="active").select_related("producer")[:50]
    )
    Product.objects.filter(pk__in=[p.pk for p in products]).update(stock_quantity=Decimal(10**7))
    Message.objects.all().delete()

    listeners = dict(events._listeners)
    events._listeners.clear()
    without = orders(args.orders // 4, products, commune)
    events._listeners.update(listeners)
    with_texts = orders(args.orders, products, commune)
    queued = Message.objects.filter(status=MessageStatus.QUEUED).count()
    added = percentile(with_texts, 0.95) - percentile(without, 0.95)
    print(f"{args.orders} orders queued {queued} texts")
    print(f"  place_order p50/p95 without texts {statistics.median(without):.1f}/"
          f"{percentile(without, 0.95):.1f} ms, with {statistics.median(with_texts):.1f}/"
          f"{percentile(with_texts, 0.95):.1f} ms: +{added:.1f} ms at p95")  # fmt: skip

    started = time.perf_counter()
    sent = 0
    while batch := outbox.deliver_due(limit=500):
        sent += batch
    wall = time.perf_counter() - started
    left = Message.objects.exclude(status=MessageStatus.SENT).count()
    print(
        f"  one worker emptied the outbox in {wall:.1f} s: {sent / wall:.0f} messages/s, {left} left"
    )
    record("notifications", "p95 added to a checkout by writing its texts", round(added, 1), "ms",
           compared_with=f"p95 {percentile(without, 0.95):.1f} ms without, "
           f"{percentile(with_texts, 0.95):.1f} ms with ({queued} texts, {args.orders} orders)",
           target="< 5 ms", passed=added < 5)  # fmt: skip
    record("notifications", f"{queued} queued texts sent by one worker", round(wall, 1), "s",
           compared_with=f"{sent / wall:.0f} messages/s, {left} left", target="0 left",
           passed=left == 0)  # fmt: skip
    connection.close()


if __name__ == "__main__":
    main()
