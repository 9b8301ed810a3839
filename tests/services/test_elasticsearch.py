"""The real Elasticsearch node with the project's own mapping and analyzers
(search/documents.py), as `search_index rebuild` creates them."""

import uuid

import pytest
from wagtail.search.backends import get_search_backend

from marketplace.models import NewsPage
from search.client import background_client, index_name
from search.documents import ProductDocument
from search.indexing import create_index

pytestmark = pytest.mark.elasticsearch


@pytest.fixture
def product_index():
    client = background_client()
    name = index_name(f"mapping_{uuid.uuid4().hex[:8]}")
    create_index(client, name)
    yield name
    client.indices.delete(index=name)


def tokens(index, text, **how):
    answer = background_client().indices.analyze(index=index, text=text, **how)
    return [token["token"] for token in answer["tokens"]]


def index_products(index, *names):
    client = background_client()
    for number, name in enumerate(names, start=1):
        ProductDocument(meta={"id": number}, id=number, name=name).save(index=index, using=client)
    client.indices.refresh(index=index)


def search_names(index, field, text):
    search = ProductDocument.search(index=index, using=background_client()).query(
        "match", **{field: text}
    )
    return [hit.name for hit in search.execute()]


def test_the_name_field_folds_vietnamese_diacritics_and_d_stroke(product_index):
    assert tokens(product_index, "Xoài cát Hòa Lộc Đồng Tháp", field="name") == [
        "xoai", "cat", "hoa", "loc", "dong", "thap",
    ]  # fmt: skip


def test_the_exact_subfield_keeps_the_diacritics(product_index):
    assert tokens(product_index, "Dừa Dứa", field="name.exact") == ["dừa", "dứa"]


def test_the_prefix_subfield_makes_edge_ngrams_of_folded_words(product_index):
    assert tokens(product_index, "Xoài", field="name.prefix") == ["x", "xo", "xoa", "xoai"]


def test_the_search_analyzer_knows_local_names(product_index):
    expanded = tokens(product_index, "thơm", analyzer="vi_search")

    assert {"thom", "khom", "dua"} <= set(expanded)


def test_unaccented_query_finds_the_accented_product(product_index):
    index_products(
        product_index, "Xoài cát Hòa Lộc", "Vú sữa Lò Rèn Vĩnh Kim", "Sầu riêng Ngũ Hiệp"
    )

    assert search_names(product_index, "name", "xoai cat hoa loc")[0] == "Xoài cát Hòa Lộc"
    assert search_names(product_index, "name", "vu sua lo ren") == ["Vú sữa Lò Rèn Vĩnh Kim"]


def test_edge_ngrams_find_products_as_the_buyer_types(product_index):
    index_products(product_index, "Xoài cát Hòa Lộc", "Sầu riêng Ngũ Hiệp")

    assert search_names(product_index, "name.prefix", "xo") == ["Xoài cát Hòa Lộc"]
    assert search_names(product_index, "name.prefix", "sau rie") == ["Sầu riêng Ngũ Hiệp"]


def test_wagtail_page_search_uses_elasticsearch(page_search_index):
    assert type(get_search_backend()).__name__ == "Elasticsearch8SearchBackend"

    results = get_search_backend().search("chuyển đổi số", NewsPage)

    assert [page.slug for page in results] == ["hoi-nghi-chuyen-doi-so-nong-nghiep"]
