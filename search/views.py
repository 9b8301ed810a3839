from django.conf import settings
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render

from .pages import search_pages
from .params import InvalidParameter, parse
from .queries import did_you_mean, search_products

PAGE_RESULTS = 5
FILTERS = (
    "category",
    "commune",
    "certification",
    "ocop_min",
    "price_min",
    "price_max",
    "in_season",
)


def search(request):
    """Products (with facets) and site pages; works without JavaScript."""
    try:
        params = parse(request.GET, default_page_size=24)
    except InvalidParameter as error:
        params, error_message = parse(QueryDict()), error.message
    else:
        error_message = ""
    answer = search_products(params)
    query = params.q
    pages = search_pages(query, PAGE_RESULTS) if query else []
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "answer": answer,
            "error_message": error_message,
            "suggestion": did_you_mean(query) if query and not answer["count"] else "",
            "facet_links": _facet_links(request.GET, answer["facets"]),
            "active_filters": _active_filters(request.GET),
            "pages": pages,
            "page_obj": Paginator(range(answer["count"]), params.page_size).get_page(params.page),
            "database_notice": bool(settings.ELASTICSEARCH_URL) and answer["backend"] == "database",
        },
    )


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
    }


def _active_filters(query):
    return [
        {"name": name, "value": query[name], "remove_url": _with(query, **{name: None})}
        for name in FILTERS
        if query.get(name)
    ]
