"""Stripe's deliveries at their worst, during the load (a drill of bench/load/run.py).

    scripts/stack.sh run .venv/bin/python bench/load/stripe_storm.py prepare --fixture F --out O
    scripts/stack.sh run .venv/bin/python bench/load/stripe_storm.py check --orders O

`prepare` places card orders (one product each, its counted stock held) away from the
products and farmers the load touches. run.py then posts, through nginx to the
project's webhook endpoint, each order's "completed" ten times and "expired" ten
times, shuffled, from several connections, mixed with copies signed with a wrong
secret (deliver()). `check` says whether every order ended in one correct state:
paid, placed, its stock taken once, each event handled once, no refund.
"""

import argparse
import json
import os
import random
import ssl
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.stripe_payloads import checkout_session, event, stripe_signature_header  # noqa: E402

REPLAYS, FORGED, SENDERS = 10, 2, 8


def events(order):
    """The two events Stripe would send for one card order, as JSON text."""
    session = checkout_session(
        order["session_id"], order["amount_vnd"], order["order_id"], order["payment_id"],
        payment_intent=f"pi_storm_{order['payment_id']}",
    )  # fmt: skip
    expired = {**session, "status": "expired", "payment_status": "unpaid", "payment_intent": None}
    return [
        event(f"checkout.session.{kind}", obj, f"evt_storm_{kind}_{order['payment_id']}")
        for kind, obj in (("completed", session), ("expired", expired))
    ]


def deliver(orders, url, secret, seed=7):
    """Every delivery, shuffled, from SENDERS threads; {"genuine": {status: n}, "forged": {...}}."""
    deliveries = []
    for order in orders:
        for payload in events(order):
            deliveries += [(payload, secret, "genuine")] * REPLAYS
            deliveries += [(payload, "whsec_forged", "forged")] * FORGED
    random.Random(seed).shuffle(deliveries)
    context = ssl._create_unverified_context()  # the stack's self-signed certificate
    answers, lock = {"genuine": {}, "forged": {}}, threading.Lock()

    def send(share):
        for payload, key, kind in share:
            request = urllib.request.Request(
                url,
                data=payload.encode(),
                headers={"Content-Type": "application/json",
                         "Stripe-Signature": stripe_signature_header(payload, key)},
            )  # fmt: skip
            try:
                with urllib.request.urlopen(request, timeout=30, context=context) as response:
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = 0
            with lock:
                answers[kind][str(status)] = answers[kind].get(str(status), 0) + 1

    threads = [
        threading.Thread(target=send, args=(deliveries[n::SENDERS],)) for n in range(SENDERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def _django():
    sys.path.insert(0, str(ROOT / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.production")
    import django

    django.setup()


def prepare(fixture, count):
    from django.core.exceptions import ValidationError
    from django.db.models import F

    from areas.models import Commune
    from catalog.models import Product, ProductStatus
    from orders.cart import CartLine
    from orders.models import PaymentMethod
    from orders.services import place_order
    from payments.models import Payment

    load = json.loads(Path(fixture).read_text())
    touched = {pk for _slug, pk in load["products"]}
    touched |= {pk for login in load["farmers"] for pk in login["products"]}
    products = (
        Product.objects.public()
        .filter(status=ProductStatus.ACTIVE, stock_quantity__gte=F("min_order_quantity"))
        .exclude(pk__in=touched)
        .select_related("producer")
        .order_by("?")[: count * 3]
    )
    commune = Commune.objects.in_home_province().order_by("sort_key").first()
    orders = []
    for product in products:
        if len(orders) == count:
            break
        if product.quantity_error(product.min_order_quantity):
            continue
        stock = product.stock_quantity
        try:
            order = place_order(
                [CartLine(product, product.min_order_quantity, product.price_vnd)],
                buyer_name="Trần Văn Bão",
                buyer_phone="+84903111222",
                buyer_email="",
                commune=commune,
                address="Ấp Bão",
                payment_method=PaymentMethod.CARD,
            )
        except ValidationError:
            continue  # e.g. a card payment not offered for this producer
        payment = Payment.objects.get(order=order)
        orders.append({
            "order_id": order.pk, "code": order.code, "payment_id": payment.pk,
            "session_id": payment.stripe_session_id, "amount_vnd": payment.amount_vnd,
            "product_id": product.pk, "stock_before": str(stock),
            "quantity": str(product.min_order_quantity),
        })  # fmt: skip
    return orders


def check(orders):
    """{"orders", "correct", "wrong": [what is wrong, by order code]}."""
    from decimal import Decimal

    from catalog.models import Product
    from orders.models import OrderPart, PartStatus
    from payments.models import Payment, PaymentStatus, StripeEvent

    wrong = []
    for order in orders:
        payment = Payment.objects.get(pk=order["payment_id"])
        statuses = set(
            OrderPart.objects.filter(order_id=order["order_id"]).values_list("status", flat=True)
        )
        stock = Product.objects.get(pk=order["product_id"]).stock_quantity
        handled = StripeEvent.objects.filter(event_id__endswith=f"_{order['payment_id']}",
                                             event_id__startswith="evt_storm_").count()  # fmt: skip
        problems = [
            f"payment {payment.status}" * (payment.status != PaymentStatus.PAID),
            f"parts {sorted(statuses)}" * (statuses != {PartStatus.PLACED}),
            f"stock {stock}"
            * (stock != Decimal(order["stock_before"]) - Decimal(order["quantity"])),
            f"{handled} events handled" * (handled != 2),
            "refunded" * payment.refunds.exists(),
            f"flagged: {payment.problem}" * bool(payment.problem),
        ]
        if any(problems):
            wrong.append(f"{order['code']}: {', '.join(p for p in problems if p)}")
    return {"orders": len(orders), "correct": len(orders) - len(wrong), "wrong": wrong}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["prepare", "check"])
    parser.add_argument("--fixture")
    parser.add_argument("--orders")
    parser.add_argument("--out")
    parser.add_argument("--count", type=int, default=8)
    args = parser.parse_args()
    _django()
    if args.step == "prepare":
        Path(args.out).write_text(json.dumps(prepare(args.fixture, args.count)))
    else:
        print(json.dumps(check(json.loads(Path(args.orders).read_text()))))


if __name__ == "__main__":
    main()
