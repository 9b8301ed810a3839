import pytest

from catalog.models import Category
from marketplace.text import vietnamese_slug
from search import indexing
from search.client import background_client
from tests.factories import ProducerFactory, ProductFactory

CATALOGUE = [
    # name, category, price, certifications, ocop stars
    ("Xoài cát Hòa Lộc", "xoai", 120_000, ["vietgap"], None),
    ("Xoài cát chu", "xoai", 60_000, [], None),
    ("Khóm Tân Phước", "khom-dua", 15_000, [], 4),
    ("Vú sữa Lò Rèn Vĩnh Kim", "vu-sua", 70_000, ["vietgap"], None),
    ("Sầu riêng Ngũ Hiệp", "sau-rieng", 150_000, [], 3),
    ("Dừa xiêm Tân Phú Đông", "dua", 15_000, [], None),
    ("Đậu phộng rang muối", "dac-san-che-bien", 45_000, ["organic"], None),
    ("Tôm càng xanh", "tom", 350_000, [], None),
]


@pytest.fixture
def catalogue(cai_be):
    producer = ProducerFactory(display_name="HTX Nông sản Cái Bè", commune=cai_be)
    products = {}
    for name, category, price, certifications, stars in CATALOGUE:
        products[name] = ProductFactory(
            producer=producer,
            name=name,
            slug=vietnamese_slug(name),
            category=Category.objects.get(slug=category),
            price_vnd=price,
            certifications=certifications,
            ocop_stars=stars,
            origin_commune=cai_be,
        )
    # A product that is not listed must never be found.
    ProductFactory(producer=producer, name="Xoài cát Hòa Lộc nháp", status="draft")
    return products


@pytest.fixture
def search_index(request, catalogue, monkeypatch):
    """The catalogue in a freshly built index behind the alias. Only Elasticsearch may
    answer (a test that passes on the database's answer proves nothing), unless the
    test is marked database_answers."""
    from .judged import only_elasticsearch_answers

    only_elasticsearch_answers(request, monkeypatch)
    indexing.rebuild()
    background_client().indices.refresh(index=indexing.alias_name())
    return catalogue


@pytest.fixture(params=[pytest.param("elasticsearch", marks=pytest.mark.elasticsearch), "database"])
def backend(request, settings):
    """Run a test on both backends: the real node, and the database fallback."""
    if request.param == "elasticsearch":
        request.getfixturevalue("search_index")
    else:
        settings.ELASTICSEARCH_URL = ""
        request.getfixturevalue("catalogue")
    return request.param
