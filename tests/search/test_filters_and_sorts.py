"""Filters and sorts on both backends over a catalogue spanning several communes, and the
search_index commands an operator runs."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from areas.models import Commune
from catalog.models import Product
from search import indexing
from search.params import parse
from search.queries import search_products

from .judged import BACKENDS, PRODUCTS, answer_from, create_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(request, home_communes, settings):
    this_month = timezone.localdate().month
    other_month = this_month % 12 + 1
    keys = create_catalogue(
        harvest_months={
            "xoai-cao-lanh": [this_month],
            "vu-sua": [this_month, other_month],
            "mit": list(range(1, 13)),
            "sau-rieng-ri6": [other_month],
        }
    )
    answer_from(request, settings)
    return request.param, keys


def found(keys, **filters):
    answer = search_products(parse({"page_size": "50", **filters}))
    return [keys[result["id"]] for result in answer["results"]], answer


@pytest.mark.parametrize("shop", BACKENDS, indirect=True)
def test_the_commune_filter_keeps_that_communes_products(shop):
    backend, keys = shop
    cai_be = Commune.objects.in_home_province().get(name="Xã Cái Bè")

    products, answer = found(keys, commune=str(cai_be.code))

    assert answer["backend"] == backend
    assert set(products) == {"xoai-vuon-buoi", "buoi-da-xanh", "buoi-nam-roi", "buoi-long"}
    assert {b["value"]: b["count"] for b in answer["facets"]["commune"]} == {str(cai_be.code): 4}


@pytest.mark.parametrize("shop", BACKENDS, indirect=True)
def test_in_season_keeps_what_is_harvested_this_month(shop):
    backend, keys = shop

    products, answer = found(keys, in_season="1")

    assert answer["backend"] == backend
    assert set(products) == {"xoai-cao-lanh", "vu-sua", "mit"}


@pytest.mark.parametrize("shop", BACKENDS, indirect=True)
def test_newest_puts_the_latest_listing_first(shop):
    backend, keys = shop

    products, answer = found(keys, sort="newest")

    assert answer["backend"] == backend
    assert products == list(PRODUCTS)  # created newest first
    assert answer["count"] == len(PRODUCTS)


@pytest.mark.parametrize("shop", BACKENDS, indirect=True)
def test_relevance_with_a_commune_filter(shop):
    _backend, keys = shop
    cao_lanh = Commune.objects.in_home_province().get(name="Phường Cao Lãnh")

    products, _answer = found(keys, q="xoai cao lanh", commune=str(cao_lanh.code))

    assert products[0] == "xoai-cao-lanh"


@pytest.mark.parametrize("shop", BACKENDS, indirect=True)
def test_price_bounds_include_the_price_itself_on_both_backends(shop):
    """Issue 22, item 46: "from 50.000 to 50.000 ₫" finds what costs 50.000 ₫."""
    backend, keys = shop
    mango = Product.objects.get(slug="xoai-cao-lanh")
    price = str(mango.price_vnd)

    products, answer = found(keys, price_min=price, price_max=price)
    above, _ = found(keys, price_min=str(mango.price_vnd + 1))

    assert answer["backend"] == backend
    assert "xoai-cao-lanh" in products
    assert {Product.objects.get(pk=pk).price_vnd for pk in _ids(answer)} == {mango.price_vnd}
    assert "xoai-cao-lanh" not in above


@pytest.fixture
def first_mango_sold_out(request, home_communes, settings):
    """The product "xoai" finds first, sold out before the index is built."""
    keys = create_catalogue()
    settings.ELASTICSEARCH_URL, url = "", settings.ELASTICSEARCH_URL
    first = search_products(parse({"q": "xoai"}))["results"][0]["id"]
    settings.ELASTICSEARCH_URL = url
    Product.objects.filter(pk=first).update(status="sold_out")
    answer_from(request, settings)
    return request.param, keys, keys[first]


@pytest.mark.parametrize("first_mango_sold_out", BACKENDS, indirect=True)
def test_what_is_on_sale_comes_before_what_is_sold_out(first_mango_sold_out):
    """Issue 22, item 7: a sold-out product topped "mango"."""
    backend, keys, sold_out = first_mango_sold_out

    products, answer = found(keys, q="xoai")

    assert answer["backend"] == backend
    assert sold_out in products and products[0] != sold_out
    on_sale = Product.objects.filter(status="active").values_list("pk", flat=True)
    assert keys[_ids(answer)[0]] in {keys[pk] for pk in on_sale}


def _ids(answer):
    return [result["id"] for result in answer["results"]]


@pytest.mark.elasticsearch
def test_the_rebuild_and_drain_commands(home_communes, capsys):
    keys = create_catalogue()

    call_command("search_index", "rebuild")

    assert f"{len(keys)} products" in capsys.readouterr().out
    mango = Product.objects.get(slug="xoai-cao-lanh")
    Product.objects.filter(pk=mango.pk).update(price_vnd=77_000)
    indexing.enqueue([mango.pk])
    call_command("search_index", "drain")
    assert "Sent 2 queued changes." in capsys.readouterr().out  # the product and its producer
    call_command("search_index", "status")
    assert "equal, document by document" in capsys.readouterr().out


@pytest.fixture
def grown_elsewhere(request, home_communes, settings):
    """A farm in Cái Bè selling what it grows in another commune."""
    from tests.factories import ProducerFactory, ProductFactory

    cai_be, elsewhere = (
        home_communes.get(name="Xã Cái Bè"),
        home_communes.exclude(name="Xã Cái Bè").first(),
    )
    farm = ProducerFactory(display_name="Vườn Cái Bè", status="verified", commune=cai_be)
    product = ProductFactory(producer=farm, name="Xoài trồng nơi khác", origin_commune=elsewhere)
    answer_from(request, settings)
    return request.param, product, cai_be, elsewhere


@pytest.mark.parametrize("grown_elsewhere", BACKENDS, indirect=True)
def test_the_commune_filter_means_where_the_product_is_from(grown_elsewhere):
    """Item 44. Bug: filtering by the producer's commune instead of the product's origin."""
    backend, product, farm_commune, origin = grown_elsewhere

    from_origin = search_products(parse({"commune": str(origin.code)}))
    from_farm = search_products(parse({"commune": str(farm_commune.code)}))

    assert from_origin["backend"] == from_farm["backend"] == backend
    assert [result["id"] for result in from_origin["results"]] == [product.pk]
    assert product.pk not in [result["id"] for result in from_farm["results"]]
