"""Get the stack's database ready for the load test (run through `scripts/stack.sh run`).

Tops the catalogue up to --products synthetic products (beside the demo's history),
rebuilds the search index and the daily snapshots, gives --farmers producers a login
each and makes an official, then writes what the load test needs to know (product,
category, commune and farmer names) as JSON to --out.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Count, Q  # noqa: E402

from accounts.roles import FARMERS, OFFICIALS  # noqa: E402
from areas.models import Commune  # noqa: E402
from catalog.models import Category, Product  # noqa: E402
from producers.models import MembershipRole, Producer, ProducerMembership  # noqa: E402

PASSWORD = "mat-khau-tai-thu-123"
SEARCH_TERMS = [
    "xoai", "xoài cát", "buoi da xanh", "dừa", "sau rieng", "tom", "ca tra", "gao",
    "hu tieu", "mat ong", "khom", "nhan", "chom chom", "vu sua", "sen", "nem lai vung",
]  # fmt: skip


def top_up(products):
    missing = products - Product.objects.count()
    seed = 100
    while missing > 0:
        batch = min(missing, 50_000)
        call_command(
            "generate_synthetic_catalog",
            producers=max(batch // 20, 1),
            products=batch,
            seed=seed,
            stdout=sys.stderr,
        )
        missing -= batch
        seed += 1
    return missing


def login(username, role):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"phone": username if username.startswith("+") else ""}
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def farmers(count):
    chosen = (
        Producer.objects.filter(status="verified")
        .annotate(listed=Count("products", filter=Q(products__is_listed=True)))
        .filter(listed__gte=5)
        .order_by("pk")[:count]
    )
    logins = []
    for number, producer in enumerate(chosen):
        username = f"+849{number:08d}"
        user = login(username, FARMERS)
        ProducerMembership.objects.get_or_create(
            producer=producer, user=user, defaults={"role": MembershipRole.OWNER}
        )
        products = list(
            Product.objects.filter(producer=producer, is_listed=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:20]
        )
        logins.append({"username": username, "products": products})
    return logins


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--farmers", type=int, default=40)
    parser.add_argument("--out", required=True, help="Where to write the fixture (JSON).")
    args = parser.parse_args()

    before = Product.objects.count()
    top_up(args.products)
    if Product.objects.count() != before:
        call_command("search_index", "rebuild", stdout=sys.stderr)
        call_command("snapshot_listing_counts", "--backfill", stdout=sys.stderr)
    logins = farmers(args.farmers + 1)
    # Its own farmer: no load-test farmer changes the product whose freshness is measured.
    prober = logins.pop()
    login("canbo-tai", OFFICIALS)
    listed = Product.objects.filter(is_listed=True, stock_quantity__isnull=True)
    fixture = {
        "password": PASSWORD,
        "official": "canbo-tai",
        "farmers": logins,
        "freshness": {
            "username": prober["username"],
            "product": prober["products"][0],
            "slug": Product.objects.get(pk=prober["products"][0]).slug,
        },
        "products": list(listed.order_by("?").values_list("slug", "pk")[:3000]),
        "categories": list(Category.objects.filter(depth__gte=2).values_list("slug", flat=True)),
        "communes": list(
            Commune.objects.filter(products__is_listed=True)
            .distinct()
            .values_list("slug", flat=True)[:60]
        ),
        "commune_codes": list(
            Commune.objects.filter(province_id=82).values_list("code", flat=True)[:50]
        ),
        "search_terms": SEARCH_TERMS,
        "counts": {
            "products": Product.objects.count(),
            "listed": Product.objects.filter(is_listed=True).count(),
            "producers": Producer.objects.count(),
        },
    }
    Path(args.out).write_text(json.dumps(fixture))


if __name__ == "__main__":
    main()
