"""Producer search: farms and cooperatives by name, kind, what they make and where
("htx xoài", "vườn Năm Hùng", "cái bè"). Elasticsearch, or the database as fallback."""

from django.db.models import Case, Value, When
from django.urls import reverse
from elasticsearch.dsl import Search

from marketplace.text import normalize
from producers.models import Producer, ProducerKind

from .client import request_client
from .fallback import elasticsearch_or_database
from .indexing import producer_alias_name
from .queries import any_contains, text_query, word_variants

SPREAD_FIELDS = ["kind_words", "main_products", "place"]


def search_producers(q, page=1, page_size=10):
    """{"backend", "count", "page", "page_size", "results"}; verified producers only."""
    q = normalize(q).strip()
    offset = (page - 1) * page_size
    answer = elasticsearch_or_database(
        lambda: _elasticsearch(q, offset, page_size), lambda: _database(q, offset, page_size)
    )
    return {**answer, "page": page, "page_size": page_size}


def _elasticsearch(q, offset, size):
    search = Search(using=request_client(), index=producer_alias_name())
    if q:
        search = search.query(
            text_query(q, {"main_products": 2, "place": 2}, ["name", *SPREAD_FIELDS])
        )
    search = search.sort("_score", {"product_count": "desc"}, {"id": "asc"})
    response = search.extra(track_total_hits=True)[offset : offset + size].execute()
    return {
        "backend": "elasticsearch",
        "count": response.hits.total.value,
        "results": [
            _result(
                hit.id,
                hit.name,
                hit.slug,
                hit.kind,
                hit.main_products,
                hit.commune_name,
                hit.product_count,
            )
            for hit in response
        ],
    }


def _database(q, offset, size):
    producers = Producer.objects.public().with_listed_products()
    ordering = ["-listed_products", "display_name", "pk"]
    if q:
        for variants in word_variants(q):
            producers = producers.filter(any_contains("search_text", variants))
        producers = producers.annotate(
            _score=Case(When(display_name__icontains=q, then=Value(1)), default=Value(0))
        )
        ordering = ["-_score", *ordering]
    page = producers.select_related("commune").order_by(*ordering)[offset : offset + size]
    return {
        "backend": "database",
        "count": producers.count(),
        "results": [
            _result(
                p.pk,
                p.display_name,
                p.slug,
                p.kind,
                p.main_products,
                p.commune.name if p.commune else None,
                p.listed_products,
            )
            for p in page
        ],
    }


def _result(pk, name, slug, kind, main_products, commune, product_count):
    return {
        "id": pk,
        "name": name,
        "url": reverse("producers:detail", kwargs={"slug": slug}),
        "kind": kind,
        "kind_label": str(ProducerKind(kind).label),
        "main_products": main_products,
        "commune": commune,
        "product_count": product_count,
    }
