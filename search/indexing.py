"""Keeping the product index in step with the database, losing nothing.

- enqueue(): called in the transaction that changes products; writes outbox rows.
- drain(): sends the outbox to Elasticsearch in bulk; rows are deleted only
  after Elasticsearch accepted them, so an outage only delays the index.
- rebuild(): fills a new versioned index from the database and swaps the alias
  atomically, so searches always have an index to read.
"""

import hashlib
import json
import logging
import time

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from elasticsearch import helpers
from elasticsearch.dsl import Index
from wagtail.images import get_image_model

from catalog.models import Category, Product, ProductPhoto
from producers.models import KIND_SEARCH_WORDS, Producer

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


def to_document(product, category_slugs, images):
    photos = product.photos.all()
    commune = product.origin_commune
    return {
        "id": product.pk,
        "name": product.name,
        "description": product.description,
        "category_name": product.category.name,
        "producer_name": product.producer.display_name,
        "category_slug": product.category.slug,
        "category_slugs": category_slugs[product.category_id],
        "producer_id": product.producer_id,
        "producer_slug": product.producer.slug,
        "commune_code": str(commune.code) if commune else None,
        "commune_name": commune.name if commune else None,
        "legacy_district_code": str(commune.legacy_district_id)
        if commune and commune.legacy_district_id
        else None,
        "certifications": product.certifications + (["ocop"] if product.ocop_stars else []),
        "ocop_stars": product.ocop_stars,
        "price_vnd": product.price_vnd,
        "unit": product.unit,
        "harvest_months": product.harvest_months,
        "listed_at": product.listed_at,
        "slug": product.slug,
        "image": images.url(photos[0].image_id) if photos else None,
    }


def indexed_document(product, category_slugs, images):
    """What the index holds for a product: its document and a checksum of it, by which
    `status` tells a stale copy."""
    return _with_checksum(to_document(product, category_slugs, images))


def _with_checksum(document):
    content = json.dumps(document, sort_keys=True, default=str, ensure_ascii=False)
    return {**document, "checksum": hashlib.sha1(content.encode()).hexdigest()}


def _producers_for_index(ids=None):
    producers = Producer.objects.select_related("commune__legacy_district").annotate(
        listed_products=Count("products", filter=Q(products__is_listed=True))
    )
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
    products = Product.objects.select_related(
        "producer", "category", "origin_commune"
    ).prefetch_related(
        Prefetch(
            "photos",
            queryset=ProductPhoto.objects.order_by("sort_order").only(
                "product_id", "image_id", "sort_order"
            ),
        )
    )
    return products.filter(pk__in=ids) if ids is not None else products.public()


def _actions(index, products, category_slugs):
    images = CardImages()
    for product in products:
        if product.is_listed:
            yield {
                "_index": index,
                "_id": product.pk,
                "_source": indexed_document(product, category_slugs, images),
            }
        else:
            yield {"_op_type": "delete", "_index": index, "_id": product.pk}


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
    gone = ids - {product.pk for product in found}
    actions = list(_actions(alias_name(), found, _category_paths()))
    return actions + [{"_op_type": "delete", "_index": alias_name(), "_id": pk} for pk in gone]


def _producer_changes(ids):
    if not ids:
        return []
    found = list(_producers_for_index(ids))
    gone = ids - {producer.pk for producer in found}
    actions = list(_producer_actions(producer_alias_name(), found))
    return actions + [
        {"_op_type": "delete", "_index": producer_alias_name(), "_id": pk} for pk in gone
    ]


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


def _open_for_search(client, name):
    """A built index gets its replicas and refreshes back, and is refreshed once now."""
    client.indices.put_settings(
        index=name,
        settings={"refresh_interval": None, "number_of_replicas": settings.ELASTICSEARCH_REPLICAS},
    )
    client.indices.refresh(index=name)


def rebuild_producers(client):
    name = index_name(f"producers_v{SCHEMA_VERSION}_{timezone.now():%Y%m%d%H%M%S%f}")
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
    name = index_name(f"products_v{SCHEMA_VERSION}_{timezone.now():%Y%m%d%H%M%S%f}")
    create_index(client, name)
    client.indices.put_settings(
        index=name, settings={"refresh_interval": "-1", "number_of_replicas": 0}
    )
    category_slugs = _category_paths()
    products = _products_for_index().order_by("pk")
    for ok, item in helpers.parallel_bulk(
        client.options(request_timeout=120),
        _actions(name, products.iterator(chunk_size=chunk_size), category_slugs),
        thread_count=threads,
        chunk_size=chunk_size,
        queue_size=threads * 2,
    ):
        if not ok:  # raise_on_error stops first; this is for a refused document all the same
            raise RuntimeError(f"Elasticsearch refused a document: {item}")
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
            product.pk: indexed_document(product, category_slugs, images)["checksum"]
            for product in _products_for_index().order_by("pk").iterator(chunk_size=1000)
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
