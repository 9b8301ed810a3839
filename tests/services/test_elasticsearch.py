import uuid

import pytest
from elasticsearch.dsl import Document, Keyword, Text, analyzer, token_filter
from wagtail.search.backends import get_search_backend

from marketplace.models import NewsPage
from search.client import background_client, index_name

pytestmark = pytest.mark.elasticsearch

folded = analyzer("vi_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])
autocomplete = analyzer(
    "vi_autocomplete",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("vi_edge_ngram", "edge_ngram", min_gram=1, max_gram=15),
    ],
)


class ProductProbe(Document):
    name = Text(
        analyzer=folded,
        fields={"prefix": Text(analyzer=autocomplete, search_analyzer=folded)},
    )
    commune = Keyword()


@pytest.fixture
def probe_index():
    client = background_client()
    name = index_name(f"probe_{uuid.uuid4().hex[:8]}")
    ProductProbe.init(index=name, using=client)
    yield name
    client.indices.delete(index=name)


def index_products(name, *product_names):
    client = background_client()
    for product_name in product_names:
        ProductProbe(name=product_name, commune="Cái Bè").save(index=name, using=client)
    client.indices.refresh(index=name)


def search_names(name, field, text):
    search = ProductProbe.search(index=name, using=background_client()).query(
        "match", **{field: text}
    )
    return [hit.name for hit in search.execute()]


def test_asciifolding_folds_vietnamese_diacritics_and_d_stroke():
    result = background_client().indices.analyze(
        tokenizer="standard",
        filter=["lowercase", "asciifolding"],
        text="Xoài cát Hòa Lộc Đồng Tháp",
    )

    assert [token["token"] for token in result["tokens"]] == [
        "xoai", "cat", "hoa", "loc", "dong", "thap",
    ]  # fmt: skip


def test_unaccented_query_finds_the_accented_product(probe_index):
    index_products(probe_index, "Xoài cát Hòa Lộc", "Vú sữa Lò Rèn Vĩnh Kim", "Sầu riêng Ngũ Hiệp")

    assert search_names(probe_index, "name", "xoai cat hoa loc")[0] == "Xoài cát Hòa Lộc"
    assert search_names(probe_index, "name", "vu sua lo ren") == ["Vú sữa Lò Rèn Vĩnh Kim"]


def test_edge_ngrams_find_products_as_the_buyer_types(probe_index):
    index_products(probe_index, "Xoài cát Hòa Lộc", "Sầu riêng Ngũ Hiệp")

    assert search_names(probe_index, "name.prefix", "xo") == ["Xoài cát Hòa Lộc"]
    assert search_names(probe_index, "name.prefix", "sau rie") == ["Sầu riêng Ngũ Hiệp"]


def test_wagtail_page_search_uses_elasticsearch(page_search_index):
    assert type(get_search_backend()).__name__ == "Elasticsearch8SearchBackend"

    results = get_search_backend().search("chuyển đổi số", NewsPage)

    assert [page.slug for page in results] == ["hoi-nghi-chuyen-doi-so-nong-nghiep"]
