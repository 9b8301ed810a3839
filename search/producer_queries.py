"""Producer search: farms and cooperatives by name, kind, what they make and where
("htx xoài", "vườn Năm Hùng", "cái bè"). Elasticsearch, or the database as fallback."""

from django.db.models import Case, Value, When
from django.urls import reverse
from elasticsearch.dsl import Q as ESQ
from elasticsearch.dsl import Search

from marketplace.text import fold, normalize
from producers.models import Producer, ProducerKind

from .client import request_client
from .fallback import elasticsearch_or_database
from .indexing import producer_alias_name
from .queries import any_contains, text_query, word_variants

SPREAD_FIELDS = ["kind_words", "main_products", "place"]
EXACT_NAME_BOOST = 20


def search_producers(q, page=1, page_size=10, among=None):
    """{"backend", "count", "page", "page_size", "results"}; verified producers only and,
    given `among` (producer ids), only those."""
    q = normalize(q).strip()
    offset = (page - 1) * page_size
    answer = elasticsearch_or_database(
        lambda: _elasticsearch(q, offset, page_size, among),
        lambda: _database(q, offset, page_size, among),
    )
    return {**answer, "page": page, "page_size": page_size}


def sellers_of(products):
    """The ids of the producers selling any of `products`: a search's farms block shows the
    farms behind the products filtered (by commune, certificate, category), not any farm."""
    return list(products.order_by().values_list("producer_id", flat=True).distinct())


def _elasticsearch(q, offset, size, among):
    search = Search(using=request_client(), index=producer_alias_name())
    if q:
        query = text_query(q, {"main_products": 2, "place": 2}, ["name", *SPREAD_FIELDS])
        # The farm's very name, in its order ("vuon xoai ba lan"), above names that only
        # share its words and farms that share them spread over their products and place.
        exact_name = ESQ("match_phrase", name={"query": q, "boost": EXACT_NAME_BOOST})
        search = search.query(ESQ("bool", must=[query], should=[exact_name]))
    if among is not None:
        search = search.filter("terms", id=among)
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


def _database(q, offset, size, among):
    producers = Producer.objects.public().with_listed_products()
    if among is not None:
        producers = producers.filter(pk__in=among)
    ordering = ["-listed_products", "display_name", "pk"]
    if q:
        for variants in word_variants(q):
            producers = producers.filter(any_contains("search_text", variants))
        # The name typed exactly, with or without accents, then a name holding it.
        producers = producers.annotate(
            _score=Case(When(search_name=fold(q), then=Value(4)), default=Value(0))
            + Case(When(display_name__icontains=q, then=Value(2)), default=Value(0))
            + Case(When(search_name__contains=fold(q), then=Value(1)), default=Value(0))
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
