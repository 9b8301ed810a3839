"""JSON API: /api/v1/products/search, /api/v1/products/suggest, /api/v1/producers/search."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from marketplace.throttling import too_many_json, wait_seconds

from .params import InvalidParameter, parse, parse_producer_search
from .producer_queries import search_producers
from .queries import search_products, suggest

JSON_OPTIONS = {"ensure_ascii": False}


@require_GET
def products_search(request):
    if seconds := wait_seconds(request, "search_api"):
        return too_many_json(seconds)
    try:
        params = parse(request.GET)
    except InvalidParameter as error:
        return JsonResponse(
            {"error": {"parameter": error.parameter, "message": error.message}},
            status=400,
            json_dumps_params=JSON_OPTIONS,
        )
    return JsonResponse(search_products(params), json_dumps_params=JSON_OPTIONS)


@require_GET
def products_suggest(request):
    if seconds := wait_seconds(request, "suggest_api"):
        return too_many_json(seconds)
    return JsonResponse(
        {"suggestions": suggest(request.GET.get("q", "")[:100])}, json_dumps_params=JSON_OPTIONS
    )


@require_GET
def producers_search(request):
    if seconds := wait_seconds(request, "search_api"):
        return too_many_json(seconds)
    try:
        q, page, page_size = parse_producer_search(request.GET)
    except InvalidParameter as error:
        return JsonResponse(
            {"error": {"parameter": error.parameter, "message": error.message}},
            status=400,
            json_dumps_params=JSON_OPTIONS,
        )
    return JsonResponse(search_producers(q, page, page_size), json_dumps_params=JSON_OPTIONS)
