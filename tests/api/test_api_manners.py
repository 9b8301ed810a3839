"""How every /api/ address answers, whatever is asked of it: unknown filter values are a
400 naming the parameter, HEAD and OPTIONS are answered, any site may read the open data
(CORS) and every error is JSON, a forged method, a missing CSRF token or a NUL byte too."""

import json
import re

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import get_resolver

from areas.models import Commune, Province

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/products/search",
    "/api/v1/products/suggest",
    "/api/v1/producers/search",
    "/api/v1/stats/listings",
    "/api/v1/stats/listings/timeseries",
    "/api/v1/stats/orders",
    "/api/v1/stats/supply",
    "/api/v1/openapi.json",
]
UNKNOWN_VALUES = [
    ("/api/v1/products/search", "category", "khong-co-danh-muc-nay"),
    ("/api/v1/products/search", "commune", "99999"),
    ("/api/v1/products/search", "commune", "abc"),
    ("/api/v1/products/search", "certification", "iso9001"),
    ("/api/v1/products/search", "in_season", "yes"),
    ("/api/v1/stats/listings", "format", "xml"),
    ("/api/v1/stats/listings", "group_by", "district"),
    ("/api/v1/stats/listings/timeseries", "interval", "week"),
    ("/api/v1/stats/listings/timeseries", "commune", "99999"),
    ("/api/v1/stats/listings/timeseries", "category", "khong-co-danh-muc-nay"),
    ("/api/v1/stats/supply", "weeks", "27"),
    ("/api/v1/stats/supply", "group_by", "province"),
    ("/api/v1/stats/supply", "category", "khong-co-danh-muc-nay"),
]


@pytest.fixture
def database_search(settings, catalogue):
    settings.ELASTICSEARCH_URL = ""
    return catalogue


def error_of(response):
    assert response["Content-Type"] == "application/json"
    return response.json()["error"]


@pytest.mark.parametrize(("path", "parameter", "value"), UNKNOWN_VALUES)
def test_an_unknown_filter_value_is_refused_not_ignored(
    client, database_search, path, parameter, value
):
    response = client.get(path, {parameter: value})

    assert response.status_code == 400
    assert error_of(response)["parameter"] == parameter
    assert value in error_of(response)["message"] or parameter in error_of(response)["message"]


def test_the_values_that_exist_are_accepted(client, database_search, cai_be):
    for path, query in [
        (
            "/api/v1/products/search",
            {"category": "xoai", "commune": cai_be.code, "certification": "ocop"},
        ),
        ("/api/v1/products/search", {"in_season": "1"}),
        ("/api/v1/products/search", {"in_season": "", "category": "", "page": ""}),
        ("/api/v1/stats/listings", {"format": "csv", "group_by": "commune"}),
        (
            "/api/v1/stats/listings/timeseries",
            {"interval": "month", "commune": cai_be.code, "category": "xoai"},
        ),
    ]:
        assert client.get(path, query).status_code == 200, (path, query)


def test_a_commune_of_another_province_is_not_one_of_ours(client, database_search):
    hanoi = Province.objects.create(code=1, name="Thành phố Hà Nội", division_type="thành phố")
    Commune.objects.create(
        code=4, name="Phường Ba Đình", division_type="phường", slug="ba-dinh", province=hanoi
    )

    response = client.get("/api/v1/products/search", {"commune": "4"})

    assert response.status_code == 400
    assert error_of(response)["parameter"] == "commune"


@pytest.mark.parametrize("path", ENDPOINTS)
def test_head_answers_like_get_without_the_body(client, database_search, path):
    got = client.get(path)
    head = client.head(path)

    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(got.content))
    assert head["Content-Type"] == got["Content-Type"]
    assert head["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ENDPOINTS)
def test_options_is_a_cors_preflight(client, path):
    response = client.options(
        path,
        headers={
            "Origin": "https://so-nong-nghiep.example",
            "Access-Control-Request-Method": "GET",
        },
    )

    assert response.status_code == 204
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert int(response["Access-Control-Max-Age"]) >= 3600


@pytest.mark.parametrize("path", ENDPOINTS)
def test_any_site_may_read_the_answers_and_the_errors(client, database_search, path, settings):
    assert client.get(path)["Access-Control-Allow-Origin"] == "*"
    assert (
        client.get(path, {"page": "0", "date": "x", "start": "x"})["Access-Control-Allow-Origin"]
        == "*"
    )


def test_an_over_the_limit_answer_is_json_that_other_sites_may_read(
    client, database_search, settings
):
    settings.RATELIMIT_ENABLE = True
    responses = [client.get("/api/v1/producers/search") for _ in range(121)]

    assert responses[-1].status_code == 429
    assert error_of(responses[-1])["message"]
    assert responses[-1]["Access-Control-Allow-Origin"] == "*"
    assert int(responses[-1]["Retry-After"]) >= 1


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_write_is_a_json_405_not_a_csrf_page(path, method):
    response = getattr(Client(enforce_csrf_checks=True), method)(path)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert error_of(response)["parameter"] is None


@pytest.mark.parametrize("method", ["get", "head", "post", "delete"])
@pytest.mark.parametrize(
    "path", ["/api/", "/api/v2/products/search", "/api/v1/products/search/", "/api/v1/khong-co"]
)
def test_an_address_with_no_endpoint_is_a_json_404_not_a_redirect(path, method):
    response = getattr(Client(enforce_csrf_checks=True), method)(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    if method != "head":
        assert "error" in response.json()


def test_a_nul_byte_is_a_json_400_on_the_api_and_a_page_elsewhere(client, database_search):
    api = client.get("/api/v1/products/search", {"q": "xo\x00ai"})
    page = client.get("/tim-kiem/", {"q": "xo\x00ai"})

    assert api.status_code == page.status_code == 400
    assert error_of(api)["message"]
    assert page["Content-Type"].startswith("text/html")


def test_a_failure_on_our_side_is_a_json_500(database_search, monkeypatch):
    def broken(params):
        raise RuntimeError("index mapping changed under us")

    monkeypatch.setattr("search.api.search_products", broken)
    response = Client(raise_request_exception=False).get("/api/v1/products/search")

    assert response.status_code == 500
    assert "index mapping" not in error_of(response)["message"]


def test_the_database_away_is_a_json_503(database_search, monkeypatch):
    def unavailable(params):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("search.api.search_products", unavailable)
    response = Client(raise_request_exception=False).get("/api/v1/products/search")

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert error_of(response)["message"]


def test_a_forged_host_is_a_json_400(settings):
    settings.ALLOWED_HOSTS = ["cho-nong-san.example"]

    response = Client(HTTP_HOST="evil.example").get("/api/v1/stats/orders")

    assert response.status_code == 400
    assert error_of(response)["message"]


def _api_routes():
    return sorted(
        "/" + str(pattern.pattern)
        for pattern in get_resolver().url_patterns
        if str(pattern.pattern).startswith("api/v1/")
        and getattr(pattern, "name", None) != "api_openapi"
    )


def test_the_openapi_document_describes_every_endpoint(client, database_search):
    response = client.get("/api/v1/openapi.json")
    document = response.json()

    assert response["Access-Control-Allow-Origin"] == "*"
    assert document["openapi"].startswith("3.1")
    assert sorted(document["paths"]) == _api_routes()
    search = document["paths"]["/api/v1/products/search"]["get"]
    category = next(p for p in search["parameters"] if p["name"] == "category")
    assert "xoai" in category["schema"]["enum"]
    for operation in (methods["get"] for methods in document["paths"].values()):
        assert {"200", "400"} <= set(operation["responses"])


def test_the_open_data_page_reads_the_same_document(client, database_search):
    document = client.get("/api/v1/openapi.json").json()
    page = client.get("/du-lieu-mo/").content.decode()
    english = client.get("/en/du-lieu-mo/").content.decode()

    for path, methods in document["paths"].items():
        assert f"GET {path}" in page
        assert methods["get"]["summary"] in page
    assert 'href="/api/v1/openapi.json"' in page
    assert re.findall(r"<script[^>]*>", page) == [
        f'<script src="/static/marketplace/{name}.js" defer>' for name in ("suggest", "enhance")
    ]  # the site's own two, nothing drawing the API page from a CDN
    assert "Search products" in english and "Tìm sản phẩm" in page
    json.dumps(document)  # plain JSON all through: no lazy text left unrendered
