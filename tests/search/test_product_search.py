import unicodedata

import pytest
from django.test import override_settings

from search.params import parse
from search.queries import search_products, suggest

pytestmark = pytest.mark.django_db


def names(q, **filters):
    answer = search_products(parse({"q": q, **filters}))
    return [result["name"] for result in answer["results"]]


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("xoai cat hoa loc", "Xoài cát Hòa Lộc"),
        ("vu sua lo ren", "Vú sữa Lò Rèn Vĩnh Kim"),
        ("sau rieng", "Sầu riêng Ngũ Hiệp"),
        ("XOÀI CÁT HÒA LỘC", "Xoài cát Hòa Lộc"),
        (unicodedata.normalize("NFD", "Xoài cát Hòa Lộc"), "Xoài cát Hòa Lộc"),
        ("dau phong", "Đậu phộng rang muối"),  # đ folds to d
    ],
)
def test_unaccented_upper_case_and_nfd_queries_find_the_product(backend, query, expected_first):
    found = names(query)

    assert found[0] == expected_first
    assert "Xoài cát Hòa Lộc nháp" not in found


def test_partial_words_find_products_as_the_buyer_types(backend):
    assert "Xoài cát Hòa Lộc" in names("xoai cat ho")
    assert suggest("xo")[0]["text"].startswith("Xoài")


@pytest.mark.parametrize(
    ("query", "expected"),
    [("thơm", "Khóm Tân Phước"), ("dứa", "Khóm Tân Phước"), ("lạc", "Đậu phộng rang muối")],
)
def test_local_names_find_the_same_produce(backend, query, expected):
    assert expected in names(query)


@pytest.mark.elasticsearch
def test_typos_are_forgiven(search_index):
    assert names("xoai cat hoa lok")[0] == "Xoài cát Hòa Lộc"
    assert names("vu sua lo ren vinh kym")[0] == "Vú sữa Lò Rèn Vĩnh Kim"


@pytest.mark.elasticsearch
def test_the_exact_spelling_ranks_above_a_folded_match(search_index):
    # "dừa" (coconut) and "dứa" (pineapple, here as khóm) fold alike; the accent decides.
    assert names("dừa")[0] == "Dừa xiêm Tân Phú Đông"


def test_filters_sorting_and_pagination(backend):
    fruit_by_price = names("", category="trai-cay", sort="price_asc")
    assert fruit_by_price == [
        "Khóm Tân Phước",
        "Dừa xiêm Tân Phú Đông",
        "Xoài cát chu",
        "Vú sữa Lò Rèn Vĩnh Kim",
        "Xoài cát Hòa Lộc",
        "Sầu riêng Ngũ Hiệp",
    ]
    assert names("", certification="vietgap", sort="price_desc") == [
        "Xoài cát Hòa Lộc",
        "Vú sữa Lò Rèn Vĩnh Kim",
    ]
    assert names("", ocop_min="4") == ["Khóm Tân Phước"]
    assert names("", price_min="100000", price_max="200000", sort="price_asc") == [
        "Xoài cát Hòa Lộc",
        "Sầu riêng Ngũ Hiệp",
    ]
    second_page = search_products(parse({"sort": "price_asc", "page": "2", "page_size": "3"}))
    assert second_page["count"] == 8
    assert [r["name"] for r in second_page["results"]] == [
        "Xoài cát chu",
        "Vú sữa Lò Rèn Vĩnh Kim",
        "Xoài cát Hòa Lộc",
    ]


@pytest.mark.elasticsearch
@pytest.mark.database_answers
def test_facet_counts_equal_database_counts(search_index):
    for filters in ({}, {"category": "trai-cay"}, {"q": "xoai"}, {"certification": "vietgap"}):
        from_elasticsearch = search_products(parse(filters))
        with override_settings(ELASTICSEARCH_URL=""):
            from_database = search_products(parse(filters))

        assert from_elasticsearch["backend"] == "elasticsearch"
        assert from_database["backend"] == "database"
        assert from_elasticsearch["count"] == from_database["count"]
        for facet in ("category", "commune", "certification", "price_range"):
            assert sorted(
                (b["value"], b["count"]) for b in from_elasticsearch["facets"][facet] if b["count"]
            ) == sorted(
                (b["value"], b["count"]) for b in from_database["facets"][facet] if b["count"]
            )
