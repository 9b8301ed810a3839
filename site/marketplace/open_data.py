"""The open-data API described: the OpenAPI 3.1 document at /api/v1/openapi.json and
the same description as a page people read (/du-lieu-mo/), drawn on the server from
the same document, so the two never disagree and the page needs no script or CDN."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from harvests import openapi as harvests_openapi
from prices import openapi as prices_openapi
from reports import openapi as reports_openapi
from search import openapi as search_openapi

from . import page_cache
from .api import json_response, public_read
from .api_schema import ERROR_SCHEMA

OPENAPI_VERSION = "3.1.0"
API_VERSION = "1.0.0"
PARTS = (search_openapi, reports_openapi, harvests_openapi, prices_openapi)
DOCUMENT_SECONDS = 60 * 60


def document(request):
    paths, schemas = {}, {"Error": ERROR_SCHEMA}
    for part in PARTS:
        paths.update(part.paths())
        schemas.update(part.schemas())
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": _("Chợ Nông Sản open data"),
            "version": API_VERSION,
            "description": _(
                "Products, producers and listing figures of the provincial marketplace, free to "
                "read from any site (CORS is open). Every error is JSON: "
                '{"error": {"parameter", "message"}}. A parameter left empty counts as not '
                "given. Each endpoint also answers HEAD and OPTIONS."
            ),
        },
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "tags": [
            {"name": search_openapi.TAG, "description": _("Products and producers.")},
            {
                "name": reports_openapi.TAG,
                "description": _("Exact figures, as officials see them."),
            },
        ],
        "paths": paths,
        "components": {"schemas": schemas},
    }


@public_read
@page_cache.kept()
def openapi_json(request):
    response = json_response(document(request))
    response["Cache-Control"] = f"public, max-age={DOCUMENT_SECONDS}"
    return response


@require_GET
@page_cache.kept()
def open_data_page(request):
    described = document(request)
    endpoints = [
        {
            "path": path,
            "summary": methods["get"]["summary"],
            "description": methods["get"]["description"],
            "parameters": [_readable(parameter) for parameter in methods["get"]["parameters"]],
            "example": _example(path, methods["get"]["parameters"]),
            "responses": sorted(methods["get"]["responses"].items()),
        }
        for path, methods in described["paths"].items()
    ]
    return render(
        request, "marketplace/open_data.html", {"document": described, "endpoints": endpoints}
    )


def _readable(parameter):
    """A parameter as the page shows it: what values it takes, in words or as a list."""
    schema = parameter["schema"]
    schema = schema["anyOf"][0] if "anyOf" in schema else schema
    choices = [choice for choice in schema.get("enum", []) if choice]
    if choices:
        values = ""
    elif schema.get("type") == "integer":
        values = (
            f"{schema['minimum']}–{schema['maximum']}"
            if "maximum" in schema
            else f"≥ {schema['minimum']}"
        )
    elif schema.get("format") == "date":
        values = "YYYY-MM-DD"
    else:
        values = _("text")
    return {**parameter, "values": values, "choices": choices}


def _example(path, parameters):
    examples = [(p["name"], p["example"]) for p in parameters if "example" in p]
    return path + ("?" + urlencode(examples) if examples else "")
