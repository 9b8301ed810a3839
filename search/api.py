"""JSON API: /api/v1/products/search, /api/v1/products/suggest, /api/v1/producers/search."""

from catalog import caching
from marketplace import page_cache
from marketplace.api import json_error, json_response, public_read
from marketplace.parsing import InvalidParameter
from marketplace.throttling import too_many_json, wait_seconds

from .params import parse, parse_producer_search
from .producer_queries import search_producers
from .queries import search_products, suggest

SUGGEST_QUERY_LENGTH = 100


@public_read
@page_cache.kept(page_cache.CATALOGUE, seconds=page_cache.SEARCH_SECONDS)
def products_search(request):
    if seconds := wait_seconds(request, "search_api"):
        return too_many_json(seconds)
    try:
        params = parse(request.GET)
    except InvalidParameter as error:
        return json_error(400, error.message, error.parameter)
    answer = search_products(params)
    shown = caching.products_shown(result["id"] for result in answer["results"])
    return page_cache.tag(json_response(answer), *shown)


@public_read
@page_cache.kept(page_cache.CATALOGUE, seconds=page_cache.SEARCH_SECONDS)
def products_suggest(request):
    if seconds := wait_seconds(request, "suggest_api"):
        return too_many_json(seconds)
    return json_response({"suggestions": suggest(request.GET.get("q", "")[:SUGGEST_QUERY_LENGTH])})


@public_read
@page_cache.kept(page_cache.CATALOGUE, seconds=page_cache.SEARCH_SECONDS)
def producers_search(request):
    if seconds := wait_seconds(request, "search_api"):
        return too_many_json(seconds)
    try:
        q, page, page_size = parse_producer_search(request.GET)
    except InvalidParameter as error:
        return json_error(400, error.message, error.parameter)
    return json_response(search_producers(q, page, page_size))
