"""Product search: one function, two backends (Elasticsearch, or the database as fallback).

Both answer the same contract (see search_products); the HTML page and the JSON
API call it. Results are always read from the database in the order the
backend chose, so both backends return identical result objects.
"""

import dataclasses
from functools import lru_cache

from django.core.cache import cache
from django.db.models import Case, CharField, Count, Q, Value, When
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from elasticsearch.dsl import Q as ESQ
from elasticsearch.dsl import Search

from areas.models import Commune
from catalog import sorting
from catalog.filter_values import CERTIFICATES
from catalog.models import Category, Product, ProductStatus
from marketplace.formatting import format_vnd
from marketplace.parsing import whole_number
from marketplace.text import fold, normalize

from . import flags, spelling
from .client import request_client
from .documents import load_synonyms
from .fallback import elasticsearch_or_database
from .indexing import alias_name

NAMES_CACHE_KEY = "search:facet-names"
NAMES_CACHE_SECONDS = 300
PRICE_RANGES = [(None, 50_000), (50_000, 100_000), (100_000, 200_000), (200_000, None)]
SORT_FIELDS = {
    "price_asc": ["price_vnd", "pk"],
    "price_desc": ["-price_vnd", "pk"],
    "newest": ["-listed_at", "-pk"],
    "rating": sorting.ORDERINGS["rating"],
    # With a query, _database_score comes first; at equal relevance what is on sale.
    "relevance": ["-_in_stock", "-listed_at", "-pk"],
}
ES_SORTS = {
    "relevance": ["_score", {"in_stock": "desc"}, {"listed_at": "desc"}, {"id": "desc"}],
    "price_asc": [{"price_vnd": "asc"}, {"id": "asc"}],
    "price_desc": [{"price_vnd": "desc"}, {"id": "asc"}],
    "newest": [{"listed_at": "desc"}, {"id": "desc"}],
    "rating": [
        {"rating": {"order": "desc", "missing": "_last"}},
        {"rating_count": "desc"},
        {"id": "asc"},
    ],
}


def search_products(params):
    """{"backend", "count", "page", "page_size", "results", "facets", "did_you_mean"} for
    SearchParams. A query with a word no product or category name has is corrected
    ("xaoi" -> "xoài"): the answer says "did you mean", and when the query itself found
    nothing (the database has no fuzzy matching) the corrected query answers."""
    answer = _search(params)
    corrected = spelling.correct(params.q) if params.q else None
    if not corrected:
        return answer
    if not answer["count"]:
        second = _search(dataclasses.replace(params, q=corrected))
        return {**second, "did_you_mean": corrected} if second["count"] else answer
    return {**answer, "did_you_mean": corrected}


def _search(params):
    return elasticsearch_or_database(lambda: _elasticsearch(params), lambda: _database(params))


def suggest(q, size=8):
    q = q.strip()
    if not q:
        return []

    def elasticsearch():
        search = Search(using=request_client(), index=alias_name()).query(
            "match", **{"name.prefix": {"query": q, "operator": "and"}}
        )
        hits = search.source(["name", "slug", "producer_name"])[:size].execute()
        return [_suggestion(hit.name, hit.producer_name, f"/san-pham/{hit.slug}/") for hit in hits]

    def database():
        products = _database_text_filter(Product.objects.public(), q).order_by("-listed_at")
        return [
            _suggestion(p.name, p.producer.display_name, p.get_absolute_url())
            for p in products.select_related("producer").only(
                "name", "slug", "producer__display_name"
            )[:size]
        ]

    suggestions = elasticsearch_or_database(elasticsearch, database)
    return list({suggestion["label"]: suggestion for suggestion in suggestions}.values())


def _suggestion(name, producer, url):
    """Several farms sell "Xoài cát Hòa Lộc": the label says whose, and opens that product."""
    return {"text": name, "label": f"{name} · {producer}", "url": url}


# --- Elasticsearch -----------------------------------------------------------


def _elasticsearch(params):
    search = Search(using=request_client(), index=alias_name())
    if params.q:
        # A sold-out product counts half: "xoài" no longer opens on one nobody can buy.
        search = search.query(
            "function_score",
            query=_text_query(params.q),
            functions=[{"filter": {"term": {"in_stock": False}}, "weight": 0.5}],
            boost_mode="multiply",
        )
    for clause in _es_filters(params):
        search = search.filter(clause)
    search.aggs.bucket("category", "terms", field="category_slug", size=100)
    search.aggs.bucket("commune", "terms", field="commune_code", size=200)
    search.aggs.bucket("certification", "terms", field="certifications", size=10)
    search.aggs.bucket("preorder", "filter", term={"preorder": True})
    search.aggs.bucket(
        "price_range",
        "range",
        field="price_vnd",
        ranges=[_es_range(low, high) for low, high in PRICE_RANGES],
    )
    search = search.sort(*ES_SORTS[params.sort]).source(RESULT_SOURCE).extra(track_total_hits=True)
    response = search[params.offset : params.offset + params.page_size].execute()
    aggregations = response.aggregations
    return _answer(
        "elasticsearch",
        params,
        response.hits.total.value,
        [_result_from_document(hit) for hit in response],
        {
            "category": [(b.key, b.doc_count) for b in aggregations.category.buckets],
            "commune": [(b.key, b.doc_count) for b in aggregations.commune.buckets],
            "certification": [(b.key, b.doc_count) for b in aggregations.certification.buckets],
            "price_range": [b.doc_count for b in aggregations.price_range.buckets],
            "preorder": aggregations.preorder.doc_count,
        },
        took_ms=response.took,
    )


def text_query(q, boosts, spread_over):
    """Every word of q in one field (the name forgiving typos, its exact spelling above
    that, then `boosts`), or the words spread over the `spread_over` fields."""
    return ESQ(
        "bool",
        should=[
            ESQ("match", name={"query": q, "operator": "and", "fuzziness": "AUTO", "boost": 4}),
            ESQ("match", **{"name.exact": {"query": q, "operator": "and", "boost": 6}}),
            *(
                ESQ("match", **{field: {"query": q, "operator": "and", "boost": boost}})
                for field, boost in boosts.items()
            ),
            ESQ("multi_match", query=q, type="cross_fields", operator="and", fields=spread_over),
        ],
        minimum_should_match=1,
    )


def _text_query(q):
    # Spread: "xoài cao lãnh", "khóm ocop", "htx xoài mỹ xương".
    return text_query(
        q,
        {"name.prefix": 1, "category_name": 2, "producer_name": 2, "description": 0.5},
        ["name", "category_name", "producer_name", "certifications.text"],
    )


def _es_filters(params):
    if params.category:
        yield ESQ("term", category_slugs=params.category)
    if params.commune:
        yield ESQ("term", commune_code=params.commune)
    if params.certification:
        yield ESQ("term", certifications=params.certification)
    if params.ocop_min:
        yield ESQ("range", ocop_stars={"gte": params.ocop_min})
    if params.price_min is not None or params.price_max is not None:
        bounds = {"gte": params.price_min, "lte": params.price_max}
        yield ESQ("range", price_vnd={k: v for k, v in bounds.items() if v is not None})
    if params.in_season:
        yield ESQ("term", harvest_months=timezone.localdate().month)
    if params.preorder:
        yield ESQ("term", preorder=True)


def _es_range(low, high):
    bounds = {"from": low, "to": high}
    return {k: v for k, v in bounds.items() if v is not None}


# --- Database ----------------------------------------------------------------


@lru_cache(maxsize=1)
def _synonyms():
    """{folded word: all folded words of its group}, from the same file Elasticsearch uses."""
    groups = {}
    for line in load_synonyms():
        words = [fold(word.strip()) for word in line.split(",") if word.strip()]
        for word in words:
            groups[word] = words
    return groups


def word_variants(q):
    """Each word of the query with its local names: [["thom", "khom", "dua"], ["ocop"]].
    A whole synonym ("đậu phộng") stays one phrase; other queries go word by word."""
    folded = fold(q)
    synonyms = _synonyms()
    words = [folded] if folded in synonyms else folded.split()
    return [synonyms.get(word, [word]) for word in words]


def any_contains(field, variants):
    alternatives = Q()
    for variant in variants:
        alternatives |= Q(**{f"{field}__contains": variant})
    return alternatives


def _database_text_filter(products, q):
    for variants in word_variants(q):
        products = products.filter(any_contains("search_text", variants))
    return products


def _database_score(q):
    """What the database knows of relevance: the exact spelling in the name first, then
    the product's own name and category, above a match on its producer or description."""
    every_word_in_name = Q()
    for variants in word_variants(q):
        every_word_in_name &= any_contains("search_name", variants)
    score = Case(
        When(name__icontains=normalize(q).strip(), then=Value(8)), default=Value(0)
    ) + Case(When(search_name__startswith=fold(q), then=Value(4)), default=Value(0))
    if every_word_in_name:  # a lone accent mark is a query of no word
        score += Case(When(every_word_in_name, then=Value(4)), default=Value(0))
    return score


def filtered_products(params):
    """The public products that match the words and every filter of `params`."""
    products = Product.objects.public()
    if params.q:
        products = _database_text_filter(products, params.q)
    if params.category:
        category = Category.objects.filter(slug=params.category).first()
        products = (
            products.filter(category__path__startswith=category.path)
            if category
            else products.none()
        )
    if params.commune:
        products = products.filter(origin_commune_id=whole_number(params.commune))
    if params.certification:
        products = _with_certification(products, params.certification)
    if params.ocop_min:
        products = products.filter(ocop_stars__gte=params.ocop_min)
    if params.price_min is not None:
        products = products.filter(price_vnd__gte=params.price_min)
    if params.price_max is not None:
        products = products.filter(price_vnd__lte=params.price_max)
    if params.in_season:
        products = products.in_season(timezone.localdate().month)
    if params.preorder:
        products = products.annotate(**flags.annotations()).filter(preorder=True)
    return products


def _database(params):
    products = filtered_products(params)
    on_sale = Case(When(status=ProductStatus.ACTIVE, then=Value(1)), default=Value(0))
    ordered = products.annotate(_in_stock=on_sale).order_by(*SORT_FIELDS[params.sort])
    if params.q and params.sort == "relevance":
        ordered = products.annotate(_score=_database_score(params.q), _in_stock=on_sale).order_by(
            "-_score", *SORT_FIELDS["relevance"]
        )
    ids = list(
        ordered.values_list("pk", flat=True)[params.offset : params.offset + params.page_size]
    )
    # The total, the price ranges and the certifications in one pass over the matches.
    certification_codes = list(CERTIFICATES)
    totals = products.annotate(_certifications=Cast("certifications", CharField())).aggregate(
        count=Count("pk"),
        **{
            f"range_{index}": Count("pk", filter=_price_q(low, high))
            for index, (low, high) in enumerate(PRICE_RANGES)
        },
        **{
            f"cert_{code}": Count("pk", filter=_certification_q(code))
            for code in certification_codes
        },
    )
    return _answer(
        "database",
        params,
        totals["count"],
        [_result(product) for product in _products_in_order(ids)],
        {
            "category": [
                (row["category__slug"], row["n"])
                for row in products.values("category__slug").annotate(n=Count("pk")).order_by("-n")
            ],
            "commune": [
                (str(row["origin_commune_id"]), row["n"])
                for row in products.exclude(origin_commune=None)
                .values("origin_commune_id")
                .annotate(n=Count("pk"))
                .order_by("-n")
            ],
            "certification": [
                (code, totals[f"cert_{code}"])
                for code in certification_codes
                if totals[f"cert_{code}"]
            ],
            "price_range": [totals[f"range_{index}"] for index in range(len(PRICE_RANGES))],
            "preorder": totals["count"] if params.preorder else _preorder_count(products),
        },
    )


def _preorder_count(products):
    if "preorder" not in flags.names():
        return 0
    return products.annotate(**flags.annotations()).filter(preorder=True).count()


def _with_certification(products, code):
    return products.annotate(_certifications=Cast("certifications", CharField())).filter(
        _certification_q(code)
    )


def _certification_q(code):
    """Needs the _certifications annotation (the JSON list as text, '["vietgap"]' on
    SQLite and PostgreSQL alike), so one rule serves filters and facet counts."""
    if code == "ocop":
        return Q(ocop_stars__isnull=False)
    return Q(_certifications__contains=f'"{code}"')


def _price_q(low, high):
    condition = Q()
    if low is not None:
        condition &= Q(price_vnd__gte=low)
    if high is not None:
        condition &= Q(price_vnd__lt=high)
    return condition


# --- The answer, the same for both ---------------------------------------------


RESULT_SOURCE = [
    "id", "name", "slug", "price_vnd", "unit", "image", "category_slug", "category_name",
    "commune_code", "commune_name", "producer_id", "producer_name", "producer_slug",
]  # fmt: skip


def _result_from_document(hit):
    """The same result object as _result(), from the document alone: no database round trip."""
    return {
        "id": hit.id,
        "name": hit.name,
        "url": reverse("catalog:product", kwargs={"slug": hit.slug}),
        "price_vnd": hit.price_vnd,
        "unit": hit.unit,
        "image": hit.image,
        "category": {"slug": hit.category_slug, "name": hit.category_name},
        "commune": {"code": hit.commune_code, "name": hit.commune_name}
        if hit.commune_code
        else None,
        "producer": {
            "id": hit.producer_id,
            "name": hit.producer_name,
            "url": reverse("producers:detail", kwargs={"slug": hit.producer_slug}),
        },
    }


def _products_in_order(ids):
    products = Product.objects.for_cards().select_related("origin_commune").in_bulk(ids)
    return [products[pk] for pk in ids if pk in products]


def _answer(backend, params, count, results, facets, took_ms=None):
    answer = {
        "backend": backend,
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "results": results,
        "facets": _labelled(facets),
        "did_you_mean": None,
    }
    if took_ms is not None:
        answer["took_ms"] = took_ms
    return answer


def _result(product):
    cover = product.cover
    commune = product.origin_commune
    return {
        "id": product.pk,
        "name": product.name,
        "url": product.get_absolute_url(),
        "price_vnd": product.price_vnd,
        "unit": product.unit,
        "image": cover.image.get_rendition("fill-400x300|format-webp").url if cover else None,
        "category": {"slug": product.category.slug, "name": product.category.name},
        "commune": {"code": str(commune.code), "name": commune.name} if commune else None,
        "producer": {
            "id": product.producer_id,
            "name": product.producer.display_name,
            "url": product.producer.get_absolute_url(),
        },
    }


def _names():
    """Category and commune names for facet labels; they change rarely, so cached for a while."""
    cache_key = f"{NAMES_CACHE_KEY}:{get_language()}"
    names = cache.get(cache_key)
    if names is None:
        names = {
            "category": Category.labels(),
            "commune": {
                str(code): name
                for code, name in Commune.objects.served().values_list("code", "name")
            },
        }
        cache.set(cache_key, names, NAMES_CACHE_SECONDS)
    return names


def _labelled(facets):
    names = _names()
    category_names, commune_names = names["category"], names["commune"]
    certification_names = CERTIFICATES
    return {
        "category": [
            {"value": k, "label": category_names.get(k, k), "count": n}
            for k, n in facets["category"]
        ],
        "commune": [
            {"value": k, "label": commune_names.get(k, k), "count": n} for k, n in facets["commune"]
        ],
        "certification": [
            {"value": k, "label": str(certification_names.get(k, k)), "count": n}
            for k, n in facets["certification"]
        ],
        "price_range": [
            {"value": _range_value(low, high), "label": _range_label(low, high), "count": n}
            for (low, high), n in zip(PRICE_RANGES, facets["price_range"], strict=True)
        ],
        "preorder": facets["preorder"],
    }


def _range_value(low, high):
    return f"{low or ''}-{high or ''}"


def _range_label(low, high):
    if low is None:
        return _("Under %(price)s") % {"price": format_vnd(high)}
    if high is None:
        return _("From %(price)s") % {"price": format_vnd(low)}
    return f"{format_vnd(low)} – {format_vnd(high)}"
