"""Buyers look for farms and cooperatives too: by name, kind, what they make and where,
on both backends; the producer index follows changes through the outbox."""

import pytest

from producers import services as producer_services
from search import indexing
from search.client import background_client
from search.producer_queries import search_producers
from tests.factories import ProducerFactory

from .judged import BACKENDS, answer_from, create_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def farms(request, home_communes, settings):
    create_catalogue()
    hidden = ProducerFactory(
        display_name="HTX Xoài chưa xác minh", status="submitted", commune=home_communes.first()
    )
    answer_from(request, settings)
    return request.param, hidden


def names(q):
    return [result["name"] for result in search_producers(q)["results"]]


@pytest.mark.parametrize("farms", BACKENDS, indirect=True)
@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("htx xoài", "HTX Xoài Mỹ Xương"),
        ("htx xoai", "HTX Xoài Mỹ Xương"),
        ("vườn Năm Hùng", "Vườn bưởi Năm Hùng"),
        ("vuon buoi nam hung", "Vườn bưởi Năm Hùng"),
        ("tam nông", "Ao tôm Út Tam Nông"),
        ("hợp tác xã sen", "HTX Sen Tháp Mười"),
    ],
)
def test_a_buyer_finds_a_farm_by_name_kind_and_place(farms, query, first):
    backend, _hidden = farms

    answer = search_producers(query)

    assert answer["backend"] == backend
    assert answer["results"][0]["name"] == first


@pytest.mark.parametrize("farms", BACKENDS, indirect=True)
def test_a_commune_finds_its_producers_and_unverified_ones_stay_hidden(farms):
    _backend, hidden = farms

    found = names("cái bè")

    assert set(found) == {"Vườn bưởi Năm Hùng", "Vườn Cổ Cò Sáu Tâm"}
    assert hidden.display_name not in names("htx xoai")
    result = search_producers("htx xoai")["results"][0]
    assert result["kind_label"] == "Hợp tác xã (HTX)" and result["product_count"] == 3


@pytest.mark.parametrize("farms", BACKENDS, indirect=True)
def test_the_search_page_has_a_block_of_farms_and_the_api_answers(farms, page_search_index, client):
    html = client.get("/tim-kiem/", {"q": "htx xoai"}).content.decode()
    assert "Nhà vườn và hợp tác xã" in html and "HTX Xoài Mỹ Xương" in html

    response = client.get("/api/v1/producers/search", {"q": "ao tom", "page_size": "2"})
    assert response.status_code == 200
    assert response.json()["results"][0]["url"] == "/nha-san-xuat/ao-tom-ut-tam-nong/"
    bad = client.get("/api/v1/producers/search", {"q": "x", "page": "0"})
    assert bad.status_code == 400 and bad.json()["error"]["parameter"] == "page"


@pytest.mark.elasticsearch
@pytest.mark.parametrize("farms", ["elasticsearch"], indirect=True)
def test_a_renamed_or_verified_producer_reaches_the_producer_index(farms, official):
    _backend, hidden = farms
    from producers.models import Producer

    producer = Producer.objects.get(display_name="Vườn dừa Tư Hiền")
    producer.display_name = "Vườn dừa Bến Tre Tư Hiền"
    producer.save()
    producer_services.producer_changed(producer)
    producer_services.verify(hidden, official)
    indexing.drain_all(client=background_client())
    background_client().indices.refresh(index=indexing.producer_alias_name())

    assert names("ben tre") == ["Vườn dừa Bến Tre Tư Hiền"]
    assert "HTX Xoài chưa xác minh" in names("htx xoai")
    status = indexing.status()["producers"]
    assert not (status["missing"] or status["extra"] or status["stale"])


@pytest.fixture
def mango_farms(request, home_communes, settings):
    """Farms whose names share the words of "vườn xoài Bà Lan", the busiest first in the
    tie-break by product count; and two mango farms of different communes and certificates."""
    from catalog.models import Category
    from tests.factories import ProductFactory

    mango = Category.objects.get(slug="xoai")
    cai_be, other = (
        home_communes.get(name="Xã Cái Bè"),
        home_communes.exclude(name="Xã Cái Bè").first(),
    )
    farms = {}
    for name, commune, products, certifications in [
        ("Vườn xoài Lan Ba", other, 5, []),
        ("Vườn xoài Ba Lan Mười", other, 4, []),
        ("Vườn Lan", other, 3, []),  # "xoài", "ba" only in its products and place
        ("Vườn xoài Bà Lan", cai_be, 1, ["vietgap"]),
    ]:
        farms[name] = farm = ProducerFactory(
            display_name=name, commune=commune, main_products="Xoài ba màu"
        )
        for number in range(products):
            ProductFactory(
                producer=farm, name=f"Xoài cát {number}", category=mango,
                origin_commune=commune, certifications=certifications,
            )  # fmt: skip
    answer_from(request, settings)
    return farms, cai_be


@pytest.mark.parametrize("mango_farms", BACKENDS, indirect=True)
@pytest.mark.parametrize("query", ["vuon xoai ba lan", "Vườn xoài Bà Lan", "vườn xoài bà lan"])
def test_the_farm_named_exactly_comes_first(mango_farms, query):
    assert names(query)[0] == "Vườn xoài Bà Lan"


@pytest.mark.parametrize("mango_farms", BACKENDS, indirect=True)
def test_the_farms_block_of_the_search_page_honours_the_filters(client, mango_farms):
    _farms, cai_be = mango_farms

    def farms_shown(**filters):
        response = client.get("/tim-kiem/", {"q": "vuon xoai", **filters})
        return [farm["name"] for farm in response.context["producers"]]

    assert len(farms_shown()) == 3  # the block shows three
    assert farms_shown(commune=cai_be.code) == ["Vườn xoài Bà Lan"]
    assert farms_shown(certification="vietgap") == ["Vườn xoài Bà Lan"]
    assert "Vườn xoài Bà Lan" not in farms_shown(price_min="999999")
