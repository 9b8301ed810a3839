"""Keeping the product index in step with the database, losing nothing.

- enqueue(): called in the transaction that changes products; writes outbox rows.
- drain(): sends the outbox to Elasticsearch in bulk; rows are deleted only
  after Elasticsearch accepted them, so an outage only delays the index.
- rebuild(): fills a new versioned index from the database and swaps the alias
  atomically, so searches always have an index to read.
"""

import hashlib
import itertools
import json
import logging
import secrets
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

from django.conf import settings
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from elasticsearch import helpers
from elasticsearch.dsl import Index
from wagtail.images import get_image_model

from catalog.models import Category, Product, ProductPhoto, ProductStatus
from producers.models import KIND_SEARCH_WORDS, Producer

from . import flags
from .client import background_client, elasticsearch_enabled, index_name, request_client
from .documents import SCHEMA_VERSION, ProducerDocument, ProductDocument
from .fallback import UNAVAILABLE, breaker, is_outage, is_timeout
from .models import SearchOutbox

logger = logging.getLogger(__name__)
ALIAS = "products"
PRODUCER_ALIAS = "producers"
DRAIN_BATCH = 500
REBUILD_THREADS = 3


def alias_name():
    return index_name(ALIAS)


def producer_alias_name():
    return index_name(PRODUCER_ALIAS)


def enqueue(product_ids):
    """Mark products, and their producers (whose product counts change), for reindexing,
    in the caller's transaction; drain after commit."""
    if not elasticsearch_enabled():
        return
    product_ids = list(product_ids)
    if not product_ids:
        return
    producer_ids = set(
        Product.objects.filter(pk__in=product_ids).values_list("producer_id", flat=True)
    )
    _write_outbox(
        [SearchOutbox(product_id=pk) for pk in product_ids]
        + [SearchOutbox(producer_id=pk) for pk in producer_ids]
    )


def enqueue_producers(producer_ids):
    if elasticsearch_enabled():
        _write_outbox([SearchOutbox(producer_id=pk) for pk in producer_ids])


def _write_outbox(rows):
    if not rows:
        return
    SearchOutbox.objects.bulk_create(rows)
    from .tasks import drain_search_outbox

    transaction.on_commit(drain_search_outbox.enqueue)


def _category_paths():
    categories = {c.path: c for c in Category.objects.all()}
    steplen = Category.steplen
    return {
        c.pk: [categories[c.path[:end]].slug for end in range(steplen, len(c.path) + 1, steplen)]
        for c in categories.values()
    }


class CardImages:
    """Card image URLs by image id, one rendition lookup per image however many products share it."""

    SPEC = "fill-400x300|format-webp"

    def __init__(self):
        self._urls = {}

    def url(self, image_id):
        if image_id not in self._urls:
            image = get_image_model().objects.get(pk=image_id)
            self._urls[image_id] = image.get_rendition(self.SPEC).url
        return self._urls[image_id]


# What a product document is made of, read as plain rows: building model instances
# (with their clusters) would cost more than everything else in a rebuild.
PRODUCT_FIELDS = [
    "id", "name", "description", "category_id", "producer_id", "certifications", "ocop_stars",
    "price_vnd", "unit", "harvest_month_mask", "listed_at", "slug", "is_listed", "status",
    "rating_average", "rating_count",
]  # fmt: skip
RELATED_FIELDS = {
    "category_name": "category__name",
    "category_slug": "category__slug",
    "producer_name": "producer__display_name",
    "producer_slug": "producer__slug",
    "commune_code": "origin_commune__code",
    "commune_name": "origin_commune__name",
    "legacy_district_code": "origin_commune__legacy_district_id",
}


def to_document(row, category_slugs, images):
    commune = row["commune_code"]
    return {
        "id": row["id"],
        "name": row["name"],
        "description": row["description"],
        "category_name": row["category_name"],
        "producer_name": row["producer_name"],
        "category_slug": row["category_slug"],
        "category_slugs": category_slugs[row["category_id"]],
        "producer_id": row["producer_id"],
        "producer_slug": row["producer_slug"],
        "commune_code": str(commune) if commune else None,
        "commune_name": row["commune_name"] if commune else None,
        "legacy_district_code": str(row["legacy_district_code"])
        if commune and row["legacy_district_code"]
        else None,
        "certifications": row["certifications"] + (["ocop"] if row["ocop_stars"] else []),
        "ocop_stars": row["ocop_stars"],
        "price_vnd": row["price_vnd"],
        "unit": row["unit"],
        "harvest_months": [m for m in range(1, 13) if row["harvest_month_mask"] & (1 << m)],
        "listed_at": row["listed_at"],
        "in_stock": row["status"] == ProductStatus.ACTIVE,
        "rating": float(row["rating_average"]) if row["rating_average"] is not None else None,
        "rating_count": row["rating_count"],
        **{name: bool(row.get(name)) for name in flags.names()},
        "slug": row["slug"],
        "image": images.url(row["cover_image_id"]) if row["cover_image_id"] else None,
    }


def indexed_document(product, category_slugs, images):
    """What the index holds for a product: its document and a checksum of it, by which
    `status` tells a stale copy."""
    return _with_checksum(to_document(product, category_slugs, images))


def _with_checksum(document):
    content = json.dumps(document, sort_keys=True, default=str, ensure_ascii=False)
    return {**document, "checksum": hashlib.sha1(content.encode()).hexdigest()}


def _producers_for_index(ids=None):
    producers = Producer.objects.select_related("commune__legacy_district").with_listed_products()
    return producers.filter(pk__in=ids) if ids is not None else producers.public()


def indexed_producer(producer):
    commune = producer.commune
    district = commune.legacy_district if commune else None
    return _with_checksum(
        {
            "id": producer.pk,
            "name": producer.display_name,
            "kind": producer.kind,
            "kind_words": KIND_SEARCH_WORDS[producer.kind],
            "main_products": producer.main_products,
            "place": " ".join(p.name for p in (commune, district) if p),
            "commune_code": str(commune.code) if commune else None,
            "commune_name": commune.name if commune else None,
            "slug": producer.slug,
            "product_count": producer.listed_products,
        }
    )


def _producer_actions(index, producers):
    for producer in producers:
        if producer.is_public:
            yield {"_index": index, "_id": producer.pk, "_source": indexed_producer(producer)}
        else:
            yield {"_op_type": "delete", "_index": index, "_id": producer.pk}


def _products_for_index(ids=None):
    """Rows (dicts) of the products to index: the given ones, or every listed one."""
    products = Product.objects.filter(pk__in=ids) if ids is not None else Product.objects.public()
    cover = ProductPhoto.objects.filter(product=OuterRef("pk")).order_by("sort_order", "pk")
    return products.annotate(
        cover_image_id=Subquery(cover.values("image_id")[:1]),
        **{name: F(column) for name, column in RELATED_FIELDS.items()},
        **flags.annotations(),
    ).values(*PRODUCT_FIELDS, "cover_image_id", *RELATED_FIELDS, *flags.names())


def _actions(index, rows, category_slugs):
    images = CardImages()
    for row in rows:
        if row["is_listed"]:
            yield {
                "_index": index,
                "_id": row["id"],
                "_source": indexed_document(row, category_slugs, images),
            }
        else:
            yield {"_op_type": "delete", "_index": index, "_id": row["id"]}


def drain(limit=DRAIN_BATCH, client=None):
    """Send up to `limit` outbox rows; return how many were sent (0 if Elasticsearch is away).

    Without a client this runs after a user's commit: fast-failing, and not at all
    while the breaker is open (the scheduled drain sends the rows later).
    """
    if not elasticsearch_enabled():
        return 0
    if client is None:
        if not breaker.allow():
            return 0
        client = request_client()
    rows = list(
        SearchOutbox.objects.order_by("pk").values_list("pk", "product_id", "producer_id")[:limit]
    )
    if not rows:
        return 0
    actions = _product_changes({row[1] for row in rows if row[1]}) + _producer_changes(
        {row[2] for row in rows if row[2]}
    )
    try:
        # require_alias: before the first rebuild there is no alias, and Elasticsearch
        # must not invent an index under its name (the rows wait in the outbox).
        _, errors = helpers.bulk(
            client,
            actions,
            raise_on_error=False,
            refresh=False,
            require_alias=True,
        )
    except UNAVAILABLE as error:
        if is_outage(error):
            breaker.record_failure(hung=is_timeout(error))
        logger.warning(
            "Search index not updated, %s changes wait in the outbox: %s", len(rows), error
        )
        return 0
    # A delete of a document that is not there answers 404 without an error: fine.
    failed = [e for e in errors if "error" in next(iter(e.values()))]
    if failed:
        logger.warning("Search index refused %s documents; they stay in the outbox", len(failed))
        return 0
    SearchOutbox.objects.filter(pk__in=[row[0] for row in rows]).delete()
    breaker.record_success()  # Elasticsearch is back: searches may use it again
    return len(rows)


def _product_changes(ids):
    if not ids:
        return []
    found = list(_products_for_index(ids))
    actions = list(_actions(alias_name(), found, _category_paths()))
    return actions + _deletions(alias_name(), ids - {row["id"] for row in found})


def _producer_changes(ids):
    if not ids:
        return []
    found = list(_producers_for_index(ids))
    actions = list(_producer_actions(producer_alias_name(), found))
    return actions + _deletions(producer_alias_name(), ids - {p.pk for p in found})


def _deletions(index, gone_ids):
    """Documents of rows the database no longer has."""
    return [{"_op_type": "delete", "_index": index, "_id": pk} for pk in gone_ids]


def drain_all(client=None):
    total = 0
    while sent := drain(client=client):
        total += sent
    return total


def create_index(client, name, document=ProductDocument):
    """An empty index with the project's mapping and analysis for `document`."""
    index = Index(name, using=client)
    index.document(document)
    index.settings(**document._index._settings)
    index.create()


def _swap_alias(client, alias, name):
    """Point the alias at the new index in one atomic step (never no index), drop the old."""
    old = (
        list(client.indices.get_alias(name=alias, ignore_unavailable=True))
        if client.indices.exists_alias(name=alias)
        else []
    )
    actions = [{"remove": {"index": old_name, "alias": alias}} for old_name in old]
    actions.append({"add": {"index": name, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    for old_name in old:
        client.indices.delete(index=old_name, ignore_unavailable=True)


def _bulk_in_parallel(client, actions, chunk_size, threads):
    """Documents are made here, in the caller's thread (which owns the database
    connection); up to `threads` bulk requests are in flight meanwhile."""
    with ThreadPoolExecutor(max_workers=threads) as pool:
        in_flight = set()
        actions = iter(actions)
        while chunk := list(itertools.islice(actions, chunk_size)):
            if len(in_flight) >= threads:
                done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    future.result()  # a refused document raises here
            in_flight.add(pool.submit(helpers.bulk, client, chunk, refresh=False))
        for future in in_flight:
            future.result()


def _open_for_search(client, name):
    """A built index gets its replicas and refreshes back, and is refreshed once now."""
    client.indices.put_settings(
        index=name,
        settings={"refresh_interval": None, "number_of_replicas": settings.ELASTICSEARCH_REPLICAS},
    )
    client.indices.refresh(index=name)


def new_index_name(kind):
    """Versioned and dated, with a random tail: under a frozen clock (the tests) or two
    rebuilds in the same microsecond the name is still new."""
    return index_name(
        f"{kind}_v{SCHEMA_VERSION}_{timezone.now():%Y%m%d%H%M%S%f}_{secrets.token_hex(3)}"
    )


def rebuild_producers(client):
    name = new_index_name("producers")
    create_index(client, name, ProducerDocument)
    helpers.bulk(
        client.options(request_timeout=120),
        _producer_actions(name, _producers_for_index().order_by("pk").iterator(chunk_size=1000)),
        refresh=False,
    )
    _open_for_search(client, name)
    _swap_alias(client, producer_alias_name(), name)


def rebuild(chunk_size=1000, threads=REBUILD_THREADS):
    """A new index from the database, then an atomic alias swap; returns (index, count, seconds).

    While the new index is built nobody searches it: no refreshes and no replicas until
    it is full, and several bulk requests in flight while the next documents are made."""
    client = background_client()
    started = time.perf_counter()
    name = new_index_name("products")
    create_index(client, name)
    client.indices.put_settings(
        index=name, settings={"refresh_interval": "-1", "number_of_replicas": 0}
    )
    rows = _products_for_index().order_by("pk").iterator(chunk_size=chunk_size)
    _bulk_in_parallel(
        client.options(request_timeout=120),
        _actions(name, rows, _category_paths()),
        chunk_size,
        threads,
    )
    _open_for_search(client, name)
    _swap_alias(client, alias_name(), name)
    rebuild_producers(client)
    count = client.count(index=name)["count"]
    return name, count, time.perf_counter() - started


def counts():
    """Cheap figures: changes waiting, documents behind the alias."""
    client = background_client()
    alias = alias_name()
    indexed = client.count(index=alias)["count"] if client.indices.exists_alias(name=alias) else 0
    return {"pending": SearchOutbox.objects.count(), "indexed": indexed}


def status():
    """The indices against the database, document by document (by content checksum)."""
    category_slugs, images = _category_paths(), CardImages()
    products = _compare(
        alias_name(),
        {
            row["id"]: indexed_document(row, category_slugs, images)["checksum"]
            for row in _products_for_index().order_by("pk").iterator(chunk_size=2000)
        },
    )
    producers = _compare(
        producer_alias_name(),
        {
            producer.pk: indexed_producer(producer)["checksum"]
            for producer in _producers_for_index().order_by("pk").iterator(chunk_size=1000)
        },
    )
    return {"pending": SearchOutbox.objects.count(), **products, "producers": producers}


def _compare(alias, expected):
    client = background_client()
    indices = (
        list(client.indices.get_alias(name=alias))
        if client.indices.exists_alias(name=alias)
        else []
    )
    if indices:
        client.indices.refresh(index=alias)  # compare with every write accepted so far
    indexed = (
        {
            int(hit["_id"]): hit["_source"].get("checksum")
            for hit in helpers.scan(client, index=alias, _source=["checksum"], size=2000)
        }
        if indices
        else {}
    )
    return {
        "alias": alias,
        "indices": indices,
        "indexed": len(indexed),
        "listed_in_database": len(expected),
        "missing": sorted(expected.keys() - indexed.keys()),
        "extra": sorted(indexed.keys() - expected.keys()),
        "stale": sorted(
            pk for pk in expected.keys() & indexed.keys() if expected[pk] != indexed[pk]
        ),
    }
