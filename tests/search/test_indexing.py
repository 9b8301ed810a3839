import threading

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from catalog import services
from catalog.models import Product
from search import indexing
from search.client import background_client
from search.models import SearchOutbox
from search.params import parse
from search.queries import search_products

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

UNREACHABLE = "http://127.0.0.1:9"  # nothing listens there: Elasticsearch is "down"


def indexed_names():
    client = background_client()
    client.indices.refresh(index=indexing.alias_name())
    hits = client.search(index=indexing.alias_name(), size=100, source=["name"])["hits"]["hits"]
    return sorted(hit["_source"]["name"] for hit in hits)


def test_changes_reach_the_index_through_the_outbox(search_index, official):
    mango = search_index["Xoài cát Hòa Lộc"]

    services.hide_product(mango, official, "Ảnh không đúng")
    assert SearchOutbox.objects.filter(product_id=mango.pk).exists()

    assert indexing.drain_all() >= 1
    assert "Xoài cát Hòa Lộc" not in indexed_names()
    assert not SearchOutbox.objects.exists()


@pytest.mark.database_answers
def test_no_write_is_lost_while_elasticsearch_is_unreachable(search_index, official):
    mango = search_index["Xoài cát Hòa Lộc"]
    shrimp = search_index["Tôm càng xanh"]

    with override_settings(ELASTICSEARCH_URL=UNREACHABLE):
        services.hide_product(mango, official, "Ảnh không đúng")  # the write succeeds
        Product.objects.filter(pk=shrimp.pk).update(price_vnd=333_000)
        indexing.enqueue([shrimp.pk])
        assert indexing.drain_all() == 0  # nothing sent, nothing dropped
        answer = search_products(parse({"q": "tom cang xanh"}))
        assert answer["backend"] == "database"  # the site keeps answering
        assert answer["results"][0]["price_vnd"] == 333_000

    assert SearchOutbox.objects.filter(product_id__isnull=False).count() == 2
    assert "Xoài cát Hòa Lộc" in indexed_names()  # the index is behind...

    indexing.drain_all(client=background_client())  # ...until the scheduled drain runs

    assert "Xoài cát Hòa Lộc" not in indexed_names()
    assert not SearchOutbox.objects.exists()
    answer = search_products(parse({"q": "tom cang xanh"}))
    assert answer["backend"] == "elasticsearch"
    assert answer["results"][0]["price_vnd"] == 333_000


def test_rebuild_swaps_the_alias_while_searches_keep_answering(search_index):
    before = set(background_client().indices.get_alias(name=indexing.alias_name()))
    counts, stop = [], threading.Event()

    def search_continuously():
        while not stop.is_set():
            counts.append(background_client().count(index=indexing.alias_name())["count"])

    searcher = threading.Thread(target=search_continuously)
    searcher.start()
    try:
        for _ in range(3):
            indexing.rebuild()
    finally:
        stop.set()
        searcher.join()

    after = set(background_client().indices.get_alias(name=indexing.alias_name()))
    assert after and after.isdisjoint(before)
    assert counts and min(counts) == 8  # never an empty or missing index


def test_status_compares_the_index_with_the_database(search_index, capsys):
    call_command("search_index", "status")

    output = capsys.readouterr().out
    assert "pending outbox rows: 0" in output
    assert "documents: 8; listed products in the database: 8" in output
    assert "equal, document by document" in output


def test_status_finds_a_stale_document_with_equal_counts(search_index, capsys):
    # A write around the services: the counts stay equal, the content does not.
    Product.objects.filter(pk=search_index["Tôm càng xanh"].pk).update(price_vnd=999_000)

    with pytest.raises(CommandError):
        call_command("search_index", "status")

    output = capsys.readouterr().out
    assert f"stale (content differs): 1 (ids {search_index['Tôm càng xanh'].pk})" in output


def test_renaming_a_producer_reaches_the_index(search_index, client, official):
    from producers import changes
    from producers.models import ProducerMembership
    from tests.factories import UserFactory

    producer = search_index["Tôm càng xanh"].producer
    owner = UserFactory(username="+84912000077", phone="+84912000077", roles=["Nông dân"])
    ProducerMembership.objects.create(producer=producer, user=owner, role="owner")
    client.force_login(owner)
    client.post(
        f"/cua-toi/nha-san-xuat/{producer.pk}/buoc/1/",
        {"kind": "cooperative", "display_name": "HTX Tôm Xanh Mỹ Tho", "representative": "Ba",
         "phone": producer.phone},
    )  # fmt: skip

    changes.approve_changes(producer, official)  # a verified producer's new name
    indexing.drain_all()  # what the after-commit task does

    background_client().indices.refresh(index=indexing.alias_name())
    answer = search_products(parse({"q": "tom xanh my tho"}))
    assert answer["backend"] == "elasticsearch"
    assert {r["name"] for r in answer["results"]} >= {"Tôm càng xanh"}
    call_command("search_index", "status")  # and nothing is left stale


def test_an_official_editing_a_product_in_the_admin_reaches_the_index(search_index, admin_client):
    shrimp = search_index["Tôm càng xanh"]

    response = admin_client.post(
        f"/admin/products/edit/{shrimp.pk}/", {"name": "Tôm càng xanh sông Tiền", "featured": ""}
    )

    assert response.status_code == 302
    indexing.drain_all()  # what the after-commit task does
    assert "Tôm càng xanh sông Tiền" in indexed_names()
    call_command("search_index", "status")


def test_before_the_first_rebuild_changes_wait_and_no_index_is_invented(catalogue, settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "chonongsan_fresh_site"
    indexing.enqueue([product.pk for product in catalogue.values()])

    assert indexing.drain() == 0

    assert SearchOutbox.objects.filter(product_id__isnull=False).count() == len(catalogue)
    assert SearchOutbox.objects.filter(producer_id__isnull=False).count() == 1  # their producer
    assert not background_client().indices.exists(index=indexing.alias_name())


def test_two_rebuilds_under_a_frozen_clock_get_two_index_names(time_machine):
    """Issue 22, item 45: an index named from the clock alone clashed on a second run
    against the same Elasticsearch (the tests freeze the clock)."""
    from search.indexing import new_index_name

    time_machine.move_to("2026-03-06 08:00:00+07:00", tick=False)

    assert new_index_name("products") != new_index_name("products")
