from dataclasses import replace

from django.conf import settings
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from areas.models import Commune
from catalog import caching
from catalog.models import Category, Unit
from catalog.sorting import sort_links
from marketplace import page_cache
from marketplace.formatting import format_vnd
from marketplace.parsing import InvalidParameter, whole_number
from marketplace.throttling import too_many_page, wait_seconds
from producers.models import CertificationKind

from .pages import search_pages
from .params import parse
from .producer_queries import search_producers, sellers_of
from .queries import filtered_products, search_products

PAGE_RESULTS = 5
PRODUCER_RESULTS = 3
FILTERS = (
    "category",
    "commune",
    "certification",
    "ocop_min",
    "price_min",
    "price_max",
    "in_season",
    "preorder",
)


@page_cache.kept(page_cache.CATALOGUE, seconds=page_cache.SEARCH_SECONDS)
def search(request):
    """Products (with facets) and site pages; works without JavaScript."""
    if seconds := wait_seconds(request, "search_page"):
        return too_many_page(request, seconds)
    try:
        params = parse(request.GET, default_page_size=24)
    except InvalidParameter as error:
        params, error_message = parse(QueryDict()), error.message
    else:
        error_message = ""
    answer = search_products(params)
    for result in answer["results"]:
        result["unit_label"] = Unit(result["unit"]).label if result["unit"] in Unit.values else ""
    query = params.q
    pages = search_pages(query, PAGE_RESULTS) if query else []
    producers = _farms_block(params) if query else []
    response = render(
        request,
        "search/search.html",
        {
            "query": query,
            "answer": answer,
            "error_message": error_message,
            "suggestion": answer["did_you_mean"],
            "facet_links": _facet_links(request.GET, answer["facets"]),
            "active_filters": _active_filters(request.GET, answer["facets"]),
            "sort_links": sort_links(
                request.GET,
                ["relevance", "price_asc", "price_desc", "newest", "rating"],
                "relevance",
            ),
            "pages": pages,
            "producers": producers,
            "page_obj": Paginator(range(answer["count"]), params.page_size).get_page(params.page),
            "database_notice": bool(settings.ELASTICSEARCH_URL) and answer["backend"] == "database",
        },
    )
    return page_cache.tag(response, *caching.products_shown(r["id"] for r in answer["results"]))


def _farms_block(params):
    """The farms whose name or trade matches the words and, when products are filtered,
    that sell a product the filters keep."""
    among = sellers_of(filtered_products(replace(params, q=""))) if params.has_filters else None
    return search_producers(params.q, page_size=PRODUCER_RESULTS, among=among)["results"]


def _with(query, **changes):
    query = query.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode()


def _facet_links(query, facets):
    price_links = []
    for bucket in facets["price_range"]:
        low, high = bucket["value"].split("-")
        price_links.append(
            {**bucket, "url": _with(query, price_min=low or None, price_max=high or None)}
        )
    return {
        "category": [{**b, "url": _with(query, category=b["value"])} for b in facets["category"]],
        "commune": [{**b, "url": _with(query, commune=b["value"])} for b in facets["commune"][:20]],
        "certification": [
            {**b, "url": _with(query, certification=b["value"])} for b in facets["certification"]
        ],
        "price_range": price_links,
        "preorder": {"count": facets["preorder"], "url": _with(query, preorder="1")},
    }


def _active_filters(query, facets):
    """The filters in use as a buyer reads them ("Xã Cái Bè", "VietGAP", "50.000 ₫ – …"),
    each with the address that removes it."""
    labels = {
        name: {str(bucket["value"]): bucket["label"] for bucket in facets.get(name, [])}
        for name in ("category", "commune", "certification")
    }
    chips = []
    for name in FILTERS:
        value = query.get(name)
        if not value or name == "price_max" and query.get("price_min"):
            continue
        if name in labels:
            label = labels[name].get(value) or _label_from_database(name, value)
        elif name in ("price_min", "price_max"):
            label = _price_band(query.get("price_min"), query.get("price_max"))
            chips.append(
                {"label": label, "remove_url": _with(query, price_min=None, price_max=None)}
            )
            continue
        elif name == "ocop_min":
            label = _("OCOP %(stars)s stars or more") % {"stars": value}
        elif name == "preorder":
            label = _("Takes pre-orders")
        else:
            label = _("In season")
        chips.append({"label": label, "remove_url": _with(query, **{name: None})})
    return chips


def _label_from_database(name, value):
    if name == "commune":
        code = whole_number(value)
        commune = Commune.objects.filter(code=code).first() if code is not None else None
        return commune.name if commune else value
    if name == "category":
        category = Category.objects.filter(slug=value).first()
        return category.label if category else value
    return dict(CertificationKind.choices).get(value, value)


def _price_band(low, high):
    low, high = whole_number(low), whole_number(high)
    if low is not None and high is not None:
        return f"{format_vnd(low)} – {format_vnd(high)}"
    if low is not None:
        return _("From %(price)s") % {"price": format_vnd(low)}
    return _("Up to %(price)s") % {"price": format_vnd(high)} if high is not None else ""
