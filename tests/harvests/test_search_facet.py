"""Search finds what can be pre-ordered ("đặt trước"), on both backends, from the same
rule: an open announcement with some left to reserve."""

from decimal import Decimal

import pytest

from harvests import services
from search import indexing
from search.params import parse
from search.queries import search_products
from tests.factories import ProductFactory
from tests.search.judged import BACKENDS, answer_from

from .conftest import announce

pytestmark = pytest.mark.django_db


@pytest.fixture
def harvests(request, settings, farm, farmer, mango):
    full = ProductFactory(producer=farm, name="Xoài keo (đã giữ hết)", photos=0)
    plain = ProductFactory(producer=farm, name="Xoài tượng (không báo thu hoạch)", photos=0)
    open_one = announce(mango)
    announce(full, open_quantity=Decimal("0"))
    withdrawn = announce(ProductFactory(producer=farm, name="Xoài thanh ca (đã rút)", photos=0))
    services.withdraw(withdrawn, farmer, "Sâu bệnh")
    answer_from(request, settings)
    return request.param, {"open": mango.pk, "full": full.pk, "plain": plain.pk}, open_one


@pytest.mark.parametrize("harvests", BACKENDS, indirect=True)
def test_the_pre_order_filter_keeps_what_a_coming_harvest_offers(harvests):
    backend, keys, _announcement = harvests

    answer = search_products(parse({"q": "xoai", "preorder": "1"}))
    everything = search_products(parse({"q": "xoai"}))

    assert answer["backend"] == backend
    assert [result["id"] for result in answer["results"]] == [keys["open"]]
    assert everything["facets"]["preorder"] == 1 and everything["count"] == 4


@pytest.mark.parametrize("harvests", BACKENDS, indirect=True)
def test_a_harvest_fully_reserved_leaves_the_filter(harvests, farmer):
    backend, keys, announcement = harvests
    announcement.open_quantity = announcement.reserved_quantity = Decimal("0")
    services.change(announcement, farmer)
    if backend == "elasticsearch":
        indexing.drain_all()
        indexing.request_client().indices.refresh(index=indexing.alias_name())

    answer = search_products(parse({"q": "xoai", "preorder": "1"}))
    assert answer["results"] == [] and answer["facets"]["preorder"] == 0


def test_a_search_page_offers_the_facet(client, harvests_db):
    page = client.get("/tim-kiem/", {"q": "xoai"}).content.decode()
    assert "Nhận đặt trước (1)" in page
    assert (
        "Nhận đặt trước"
        in client.get("/tim-kiem/", {"q": "xoai", "preorder": "1"}).content.decode()
    )
    assert client.get("/tim-kiem/", {"preorder": "maybe"}).status_code in (200, 400)


@pytest.fixture
def harvests_db(settings, mango):
    settings.ELASTICSEARCH_URL = ""
    return announce(mango)
