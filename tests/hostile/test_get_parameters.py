"""Every GET parameter of the public pages and APIs, given any value, gets an
answer: a page, a clear 4xx, never a 5xx (property-based, Hypothesis)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import ProductFactory

from .values import every_troublemaker, fuzz, hostile_text

pytestmark = pytest.mark.django_db

SEARCH = [
    "q", "category", "commune", "certification", "ocop_min", "price_min", "price_max",
    "in_season", "sort", "page", "page_size",
]  # fmt: skip
TARGETS = {
    "/api/v1/products/search": SEARCH,
    "/api/v1/products/suggest": ["q"],
    "/tim-kiem/": SEARCH,
    "/api/v1/stats/listings": ["date", "group_by", "format"],
    "/api/v1/stats/listings/timeseries": ["start", "end", "interval", "commune", "category"],
    "/thong-ke/": ["date"],
    "/api/v1/stats/orders": ["start", "end"],
    "/danh-muc/xoai/": ["page", "sort"],
    "/": ["page"],
}


@pytest.fixture
def site(cai_be, demo_site, settings):
    ProductFactory(origin_commune=cai_be)
    if settings.ELASTICSEARCH_URL:
        # Hostile values reach the real index: one that made Elasticsearch refuse the
        # query (a 400) would fail here, not pass on the database's answer.
        from search import indexing

        indexing.rebuild()


@pytest.mark.parametrize("url", TARGETS)
def test_no_get_parameter_value_gives_a_server_error(client, site, url):
    for name, value in every_troublemaker(TARGETS[url]):
        response = client.get(url, {name: value})
        assert response.status_code < 500, (url, name, value)

    @fuzz
    @given(name=st.sampled_from(TARGETS[url]), value=hostile_text)
    def check(name, value):
        response = client.get(url, {name: value})
        assert response.status_code < 500, (url, name, value)

    check()


@pytest.mark.parametrize("url", ["/api/v1/products/search", "/api/v1/stats/listings"])
def test_api_errors_name_the_parameter_in_vietnamese(client, site, url):
    name = "page" if "products" in url else "date"

    response = client.get(url, {name: "١٢٣" if name == "page" else "2026-W09-1"})

    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == name


def test_a_nul_byte_in_any_parameter_is_a_400_page_in_vietnamese(client, site):
    response = client.get("/tim-kiem/", {"q": "xoai\x00"})

    assert response.status_code == 400
    assert "không đọc được" in response.content.decode()
