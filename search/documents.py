"""The Elasticsearch product index: analysis and mapping, versioned in code.

Vietnamese analysis: text is NFC-normalised in Python before it is indexed or
searched; `vi_folded` lowercases and folds diacritics ("Hòa Lộc" -> "hoa loc",
"đ" -> "d"); `vi_exact` keeps them, so an exact-diacritic match scores higher;
`vi_autocomplete` adds edge n-grams for search-as-you-type; `vi_search` adds
the synonyms of search/synonyms.txt at query time.
"""

from pathlib import Path

from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Float,
    Integer,
    Keyword,
    Long,
    Text,
    analyzer,
    token_filter,
)

# Bump when the mapping or analysis changes; `search_index rebuild` makes the new index.
SCHEMA_VERSION = 7
SYNONYMS_FILE = Path(__file__).with_name("synonyms.txt")


def load_synonyms():
    lines = SYNONYMS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


vi_exact = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])
vi_folded = analyzer("vi_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])
vi_search = analyzer(
    "vi_search",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("vi_synonyms", "synonym_graph", synonyms=load_synonyms()),
    ],
)
vi_autocomplete = analyzer(
    "vi_autocomplete",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("vi_edge_ngram", "edge_ngram", min_gram=1, max_gram=15),
    ],
)


def searchable_text(**kwargs):
    return Text(analyzer=vi_folded, search_analyzer=vi_search, **kwargs)


def name_text():
    """A name: folded, with its exact spelling and search-as-you-type prefixes beside."""
    return searchable_text(
        fields={
            "exact": Text(analyzer=vi_exact),
            "prefix": Text(analyzer=vi_autocomplete, search_analyzer=vi_folded),
        }
    )


class ProductDocument(Document):
    id = Long()  # the product's pk, for a stable tie-breaking sort
    name = name_text()
    description = searchable_text()
    category_name = searchable_text()
    producer_name = searchable_text()
    # Facet fields build their ordinals at refresh, not on the first search after it.
    category_slug = Keyword(eager_global_ordinals=True)
    category_slugs = Keyword()  # the category and its ancestors, for filtering a whole branch
    producer_id = Integer()
    producer_slug = Keyword(index=False)
    commune_code = Keyword(eager_global_ordinals=True)
    commune_name = Keyword(index=False)
    legacy_district_code = Keyword()
    certifications = Keyword(  # "khóm ocop" finds it
        eager_global_ordinals=True, fields={"text": searchable_text()}
    )
    ocop_stars = Integer()
    price_vnd = Long()
    unit = Keyword(index=False)
    harvest_months = Integer()
    listed_at = Date()
    in_stock = Boolean()  # sold-out products come after those on sale, at equal relevance
    rating = Float()  # buyers' reviews shown: average stars, and how many (reviews app)
    rating_count = Integer()
    preorder = Boolean()  # a coming harvest takes pre-orders (search.flags, from harvests)
    slug = Keyword(index=False)
    image = Keyword(index=False)
    checksum = Keyword(index=False)  # of the content, to find stale documents

    class Index:
        settings = {"number_of_shards": 1, "number_of_replicas": 0, "max_ngram_diff": 14}


class ProducerDocument(Document):
    """A verified producer, for buyers looking for a farm or a cooperative ("htx xoài",
    "vườn Năm Hùng", a commune). Same analyzers as products."""

    id = Long()
    name = name_text()
    kind = Keyword()
    kind_words = searchable_text()
    main_products = searchable_text()
    place = searchable_text()  # the commune and its former district
    commune_code = Keyword()
    commune_name = Keyword(index=False)
    slug = Keyword(index=False)
    product_count = Integer()
    checksum = Keyword(index=False)

    class Index:
        settings = {"number_of_shards": 1, "number_of_replicas": 0, "max_ngram_diff": 14}
