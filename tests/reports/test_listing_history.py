"""A scripted history over several days, including changes just before and after
midnight Vietnam time, and the exact counts it must give for each date."""

import datetime

import pytest
from django.core.cache import cache

from catalog import services
from producers import services as producer_services
from reports import running
from reports.figures import as_json, for_date, from_log
from tests.factories import ProducerFactory, ProductFactory
from tests.reports.conftest import at

pytestmark = pytest.mark.django_db


def listing_counts(date, group_by=None):
    """The API's answer from the snapshots, checked against the same answer replayed from the log."""
    fast, replayed = as_json(for_date(date), group_by), as_json(from_log(date), group_by)
    assert fast == replayed
    return fast


@pytest.mark.parametrize(
    ("day", "listed", "in_stock", "producers"),
    [
        (28, 0, 0, 0),  # February: before anything
        (1, 2, 2, 1),
        (2, 3, 2, 1),
        (3, 2, 1, 1),
        (4, 0, 0, 0),
        (5, 2, 1, 1),
    ],
)
def test_counts_for_each_day_replay_the_history_exactly(history, day, listed, in_stock, producers):
    date = datetime.date(2026, 2 if day == 28 else 3, day)

    total = listing_counts(date)["total"]

    assert (total["listed_products"], total["in_stock_products"], total["listing_producers"]) == (
        listed,
        in_stock,
        producers,
    )


def test_verified_producers_are_counted_as_of_the_date(history):
    assert listing_counts(datetime.date(2026, 3, 3))["total"]["verified_producers"] == 1
    assert listing_counts(datetime.date(2026, 3, 4))["total"]["verified_producers"] == 0
    assert listing_counts(datetime.date(2026, 3, 5))["total"]["verified_producers"] == 1


def test_counts_group_by_commune_former_district_and_category(history, cai_be):
    date = datetime.date(2026, 3, 2)

    by_commune = listing_counts(date, "commune")["groups"]
    by_district = listing_counts(date, "legacy_district")["groups"]
    by_category = listing_counts(date, "category")["groups"]

    assert by_commune == [
        {"key": cai_be.code, "label": "Xã Cái Bè", "listed_products": 3, "listing_producers": 1}
    ]
    assert by_district[0]["label"] == "Huyện Cái Bè"
    assert sum(group["listed_products"] for group in by_category) == 3


def test_the_api_answers_and_refuses_bad_requests(client, history):
    data = client.get(
        "/api/v1/stats/listings", {"date": "2026-03-02", "group_by": "commune"}
    ).json()
    assert data["total"]["listed_products"] == 3
    assert "counts as listed" in data["definition"] or "niêm yết" in data["definition"]

    for query, parameter in [
        ({"date": "2099-01-01"}, "date"),
        ({"date": "01/03/2026"}, "date"),
        ({"group_by": "district"}, "group_by"),
    ]:
        response = client.get("/api/v1/stats/listings", query)
        assert response.status_code == 400
        assert response.json()["error"]["parameter"] == parameter


def test_snapshots_agree_with_the_log_and_are_idempotent(history):
    from reports import snapshots
    from reports.models import ListingSnapshot

    for day in range(1, 6):
        date = datetime.date(2026, 3, day)
        snapshots.snapshot(date)
        snapshots.snapshot(date)  # again: same rows, not doubled
        rows = ListingSnapshot.objects.filter(date=date)
        total = listing_counts(date)["total"]
        assert sum(r.listed_products for r in rows) == total["listed_products"]
        assert sum(r.in_stock_products for r in rows) == total["in_stock_products"]


def test_the_timeseries_counts_new_listings_and_delistings_per_day(client, history):
    data = client.get(
        "/api/v1/stats/listings/timeseries", {"start": "2026-03-01", "end": "2026-03-05"}
    ).json()

    assert data["interval"] == "day"
    assert [
        (p["date"], p["listed_products"], p["newly_listed"], p["delisted"]) for p in data["points"]
    ] == [
        ("2026-03-01", 2, 2, 0),
        ("2026-03-02", 3, 1, 0),
        ("2026-03-03", 2, 0, 1),
        ("2026-03-04", 0, 0, 2),
        ("2026-03-05", 2, 2, 0),
    ]

    def monthly(category):
        return client.get(
            "/api/v1/stats/listings/timeseries",
            {"start": "2026-03-01", "end": "2026-03-05", "interval": "month", "category": category},
        ).json()["points"]

    # The scripted products are in "Xoài", under "Trái cây"; none is in "Thủy sản".
    assert monthly("trai-cay") == [
        {"date": "2026-03", "listed_products": 2, "newly_listed": 5, "delisted": 3}
    ]
    assert monthly("thuy-san") == [
        {"date": "2026-03", "listed_products": 0, "newly_listed": 0, "delisted": 0}
    ]


def test_the_timeseries_filters_by_commune_and_category_together_up_to_today(
    client, history, cai_be
):
    def points(commune, category):
        return client.get(
            "/api/v1/stats/listings/timeseries",
            {"start": "2026-03-05", "end": "2026-03-06", "commune": commune, "category": category},
        ).json()["points"]

    assert points(cai_be.code, "trai-cay") == points("", "trai-cay")  # every product is in Cái Bè
    assert [p["listed_products"] for p in points(cai_be.code, "trai-cay")] == [2, 2]
    assert [p["listed_products"] for p in points(cai_be.code, "thuy-san")] == [0, 0]
    unknown = client.get("/api/v1/stats/listings/timeseries", {"category": "khong-co"})
    assert unknown.status_code == 400  # not a series of zeros that looks like an answer


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"start": "2026-03-05", "end": "2026-03-01"}, "start"),
        ({"start": "2018-01-01", "end": "2026-03-01"}, "start"),
        ({"end": "2099-01-01"}, "end"),
        ({"interval": "week"}, "interval"),
        ({"category": "khong-co"}, "category"),
        ({"commune": "12345678901"}, "commune"),
    ],
)
def test_the_timeseries_refuses_bad_ranges(client, query, parameter):
    response = client.get("/api/v1/stats/listings/timeseries", query)

    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == parameter


def test_today_is_yesterdays_snapshot_recounted_for_the_producers_changed_today(
    clock, history, farmer, official, other_farmer, cai_be
):
    """On 6 March: a product back in stock, one delisted, a new producer's first listing."""
    from catalog.models import Product

    mango, shrimp = (Product.objects.get(name=name) for name in ("Xoài", "Tôm"))
    newcomer = ProducerFactory(status="submitted", owner=other_farmer, commune=cai_be)
    producer_services.verify(newcomer, official)
    honey = ProductFactory(producer=newcomer, status="draft", origin_commune=cai_be, name="Mật ong")
    clock(at(6, 13))
    services.change_status(mango, "active", farmer)
    services.change_status(shrimp, "delisted", farmer)
    services.change_status(honey, "active", other_farmer)

    total = listing_counts(datetime.date(2026, 3, 6))["total"]
    points = timeseries_points(datetime.date(2026, 3, 5), datetime.date(2026, 3, 6))

    assert (total["listed_products"], total["in_stock_products"]) == (2, 2)  # mango, honey
    assert (total["listing_producers"], total["verified_producers"]) == (2, 2)
    assert points[-1] == {
        "date": "2026-03-06",
        "listed_products": 2,
        "newly_listed": 1,
        "delisted": 1,
    }


def test_a_listed_product_moved_to_another_category_counts_there(clock, history, farmer):
    from catalog.models import Category, Product

    mango = Product.objects.get(name="Xoài")
    vegetables = Category.objects.get(slug="rau-cu")
    clock(at(6, 13))
    mango.category = vegetables
    services.save_product(mango, farmer)

    by_category = {
        g["label"]: g["listed_products"]
        for g in listing_counts(datetime.date(2026, 3, 6), "category")["groups"]
    }

    assert by_category.get(vegetables.name) == 1


def timeseries_points(start, end):
    from reports.timeseries import timeseries

    return timeseries(start, end)["points"]


def test_a_site_with_products_before_the_log_starts_its_history_at_the_migration(cai_be):
    import importlib

    from django.apps import apps
    from django.utils import timezone

    from reports.models import ListingEvent

    migration = importlib.import_module(
        "reports.migrations.0006_start_the_log_from_todays_listings"
    )
    ProductFactory(origin_commune=cai_be)
    ProductFactory(origin_commune=cai_be, status="draft")
    ListingEvent.objects.all().delete()  # as on a site made before the log existed

    migration.start_the_log(apps, None)
    migration.start_the_log(apps, None)  # and never twice

    assert ListingEvent.objects.count() == 1
    assert listing_counts(timezone.localdate())["total"]["listed_products"] == 1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_todays_figures_equal_the_log_after_random_changes(clock, history, official, cai_be, seed):
    """Random sell out / back in stock / delist / relist / hide / category moves over
    several producers on 6 March: every group's figures (producers included) equal the log's."""
    import random

    from django.core.exceptions import ValidationError

    from accounts.roles import FARMERS
    from catalog.models import Category
    from tests.factories import UserFactory

    rng = random.Random(seed)
    categories = list(Category.objects.filter(depth=2)[:4])
    products = []
    clock(at(5, 10))  # listed the day before: most stay as they are on the 6th
    for _ in range(3):
        owner = UserFactory(roles=[FARMERS])
        producer = ProducerFactory(owner=owner, commune=cai_be)
        products += [
            (owner, ProductFactory(producer=producer, origin_commune=cai_be, category=category))
            for category in rng.choices(categories, k=6)
        ]
    for minute in range(15):
        clock(at(6, 13, minute))
        owner, product = rng.choice(products)
        product.refresh_from_db()
        action = rng.choice(["active", "sold_out", "delisted", "hide", "move"])
        if action == "hide":
            if not product.is_hidden:
                services.hide_product(product, official, "Kiểm tra")
        elif action == "move":
            product.category = rng.choice(categories)
            services.save_product(product, owner)
        else:
            try:
                services.change_status(product, action, owner)
            except ValidationError:  # not a move the product allows from where it is
                continue

    def counted(figures):
        return {
            group: (row["listed_products"], row["in_stock_products"], row["listing_producers"])
            for group, row in figures.groups.items()
            if row["listed_products"]
        }

    from reports.models import ListingEvent

    today = datetime.date(2026, 3, 6)
    assert ListingEvent.objects.filter(at__gte=at(6, 13)).count() >= 6  # a busy day
    assert counted(for_date(today)) == counted(from_log(today))
    # What each change wrote as it happened equals the day replayed from the log
    # afterwards, newly listed, delisted and snapshot rows included.
    recorded = for_date(today, cube=True)
    running.rebuild()
    cache.clear()
    rebuilt = for_date(today, cube=True)
    assert (recorded.groups, recorded.cube) == (rebuilt.groups, rebuilt.cube)


def test_a_long_range_makes_no_snapshot_before_the_history_starts(client, history):
    from reports.models import SnapshotDay

    data = client.get(
        "/api/v1/stats/listings/timeseries", {"start": "2021-03-07", "end": "2026-03-05"}
    ).json()

    assert len(data["points"]) == (datetime.date(2026, 3, 5) - datetime.date(2021, 3, 7)).days + 1
    assert data["points"][0]["listed_products"] == 0 and data["points"][-1]["listed_products"] == 2
    assert not SnapshotDay.objects.filter(date__lt=datetime.date(2026, 3, 1)).exists()
