import pytest

pytestmark = pytest.mark.django_db

RESULT_KEYS = {"id", "name", "url", "price_vnd", "unit", "image", "category", "commune", "producer"}


def test_the_search_api_answers_the_contract(client, backend):
    response = client.get(
        "/api/v1/products/search", {"q": "xoai", "sort": "price_asc", "page_size": "5"}
    )

    assert response.status_code == 200
    data = response.json()
    assert data["backend"] == backend
    assert (data["count"], data["page"], data["page_size"]) == (2, 1, 5)
    first = data["results"][0]
    assert set(first) == RESULT_KEYS
    assert first["name"] == "Xoài cát chu"
    assert first["category"] == {"slug": "xoai", "name": "Xoài"}
    assert first["commune"]["name"] == "Xã Cái Bè"
    assert first["producer"]["url"].startswith("/nha-san-xuat/")
    assert set(data["facets"]) == {
        "category",
        "commune",
        "certification",
        "price_range",
        "preorder",
    }
    assert data["facets"]["preorder"] == 0
    assert {"value", "label", "count"} <= set(data["facets"]["price_range"][0])


def test_suggestions_as_the_buyer_types(client, backend):
    data = client.get("/api/v1/products/suggest", {"q": "vu su"}).json()

    assert data["suggestions"][0]["text"] == "Vú sữa Lò Rèn Vĩnh Kim"
    assert data["suggestions"][0]["url"] == "/san-pham/vu-sua-lo-ren-vinh-kim/"
    assert data["suggestions"][0]["label"] == "Vú sữa Lò Rèn Vĩnh Kim · HTX Nông sản Cái Bè"


def test_the_same_name_from_two_farms_is_told_apart_and_never_repeated(
    client, settings, catalogue, cai_be
):
    from tests.factories import ProducerFactory, ProductFactory

    settings.ELASTICSEARCH_URL = ""  # the database answers (both share _suggestion)
    ProductFactory(producer=ProducerFactory(display_name="Vườn Út Ba", commune=cai_be),
                   name="Vú sữa Lò Rèn Vĩnh Kim", slug="vu-sua-ut-ba")  # fmt: skip

    labels = [
        s["label"]
        for s in client.get("/api/v1/products/suggest", {"q": "vu sua"}).json()["suggestions"]
    ]

    assert len(labels) == len(set(labels)) == 2
    assert "Vú sữa Lò Rèn Vĩnh Kim · Vườn Út Ba" in labels


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"page": "-1"}, "page"),
        ({"page_size": "10000"}, "page_size"),
        ({"sort": "cheapest"}, "sort"),
        ({"price_min": "200000", "price_max": "100000"}, "price_min"),
        ({"ocop_min": "7"}, "ocop_min"),
        ({"price_max": "abc"}, "price_max"),
    ],
)
def test_bad_parameters_get_a_400_naming_the_parameter(client, query, parameter):
    response = client.get("/api/v1/products/search", query)

    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == parameter


def test_the_search_page_shows_products_facets_and_active_filters(client, backend, demo_site):
    response = client.get("/tim-kiem/", {"q": "xoai", "category": "xoai"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Xoài cát Hòa Lộc" in html
    assert "2 sản phẩm" in html
    assert "Xoài ✕" in html  # the active filter by its name, removable
    assert "120.000\u00a0₫/kg" in html  # the price says per what
    assert "xoai ✕" not in html


def test_active_filters_read_as_words_and_results_sort(client, backend, demo_site, cai_be):
    response = client.get(
        "/tim-kiem/",
        {"commune": cai_be.code, "certification": "vietgap", "price_min": "50000",
         "price_max": "150000", "ocop_min": "3", "sort": "price_asc"},
    )  # fmt: skip

    html = response.content.decode()
    assert "Xã Cái Bè ✕" in html and f"{cai_be.code} ✕" not in html
    assert "VietGAP ✕" in html
    assert "50.000\u00a0₫ – 150.000\u00a0₫ ✕" in html
    assert "OCOP từ 3 sao ✕" in html
    everything = client.get("/tim-kiem/").content.decode()
    assert "Giá: thấp đến cao" in everything and "sort=price_desc" in everything


def test_did_you_mean_when_nothing_matches(client, backend, demo_site):
    html = client.get("/tim-kiem/", {"q": "sauu riengggg"}).content.decode()

    assert "Có phải bạn muốn tìm" in html
    assert 'href="?q=s%E1%BA%A7u%20ri%C3%AAng"' in html  # "sầu riêng", with its diacritics
    assert "Sầu riêng Ngũ Hiệp" in html  # and its products are shown


@pytest.mark.parametrize("path", ["/api/v1/products/search", "/api/v1/producers/search"])
def test_a_page_beyond_the_first_ten_thousand_results_is_a_400_not_an_index_error(
    client, backend, path
):
    assert client.get(path, {"page": "100", "page_size": "100"}).status_code == 200
    response = client.get(path, {"page": "101", "page_size": "100"})

    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "page"


@pytest.mark.parametrize("q", ["\u0301", "\u0301\u0303 ", "xoai \u0309"])
def test_a_query_of_lone_accent_marks_is_answered_not_an_error(client, backend, q):
    response = client.get("/api/v1/products/search", {"q": q})

    assert response.status_code == 200, response.content
    assert response.json()["backend"] == backend
