"""The search endpoints in the OpenAPI description (see marketplace.open_data)."""

from django.utils.translation import gettext_lazy as _

from catalog.filter_values import CERTIFICATES, category_slugs, commune_codes
from catalog.models import Unit
from marketplace import api_schema as oas
from marketplace.money import MAX_VND
from producers.models import ProducerKind

from .api import SUGGEST_QUERY_LENGTH
from .params import FLAG_VALUES, MAX_PAGE, MAX_PAGE_SIZE, MAX_RESULTS, SORTS

TAG = "search"
BACKEND = oas.one_of(["elasticsearch", "database"])
FACET = oas.obj({"value": oas.STRING, "label": oas.STRING, "count": oas.COUNT})
PRODUCT = oas.obj(
    {
        "id": {"type": "integer"},
        "name": oas.STRING,
        "url": {"type": "string", "description": _("The product's page, from the site's root.")},
        "price_vnd": {"type": "integer", "minimum": 0, "description": _("Whole đồng.")},
        "unit": oas.one_of(Unit.values),
        "image": oas.nullable(oas.STRING),
        "category": oas.obj({"slug": oas.STRING, "name": oas.STRING}),
        "commune": oas.nullable(oas.obj({"code": oas.STRING, "name": oas.STRING})),
        "producer": oas.obj({"id": {"type": "integer"}, "name": oas.STRING, "url": oas.STRING}),
    }
)
PRODUCT_SEARCH = oas.obj(
    {
        "backend": BACKEND,
        "count": oas.COUNT,
        "page": {"type": "integer"},
        "page_size": {"type": "integer"},
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/Product"}},
        "facets": oas.obj(
            {
                **{
                    name: {"type": "array", "items": FACET}
                    for name in ("category", "commune", "certification", "price_range")
                },
                "preorder": {
                    **oas.COUNT,
                    "description": _("How many take pre-orders on a coming harvest."),
                },
            }
        ),
        "did_you_mean": {
            **oas.nullable(oas.STRING),
            "description": _("A corrected query when the words typed match nothing."),
        },
        "took_ms": {"type": "integer"},
    },
    required=["backend", "count", "page", "page_size", "results", "facets", "did_you_mean"],
)
SUGGESTIONS = oas.obj(
    {
        "suggestions": {
            "type": "array",
            "items": oas.obj({"text": oas.STRING, "label": oas.STRING, "url": oas.STRING}),
        }
    }
)
PRODUCER_SEARCH = oas.obj(
    {
        "backend": BACKEND,
        "count": oas.COUNT,
        "page": {"type": "integer"},
        "page_size": {"type": "integer"},
        "results": {
            "type": "array",
            "items": oas.obj(
                {
                    "id": {"type": "integer"},
                    "name": oas.STRING,
                    "url": oas.STRING,
                    "kind": oas.one_of(ProducerKind.values),
                    "kind_label": oas.STRING,
                    "main_products": oas.STRING,
                    "commune": oas.nullable(oas.STRING),
                    "product_count": oas.COUNT,
                }
            ),
        },
    }
)


def schemas():
    return {
        "Product": PRODUCT,
        "ProductSearch": PRODUCT_SEARCH,
        "Suggestions": SUGGESTIONS,
        "ProducerSearch": PRODUCER_SEARCH,
    }


def _paging(default_size):
    return [
        oas.query(
            "page",
            _("Page of results, from 1; page × page_size at most %(limit)s.")
            % {"limit": MAX_RESULTS},
            oas.integer(1, MAX_PAGE),
        ),
        oas.query(
            "page_size",
            _("Results per page (default %(size)s).") % {"size": default_size},
            oas.integer(1, MAX_PAGE_SIZE),
        ),
    ]


def _product_filters():
    """The filters, with the categories and communes that exist today as their values."""
    return [
        oas.query(
            "q",
            _(
                "Words to find, with or without diacritics (“xoai cat” finds “xoài cát”); "
                "the first 200 characters count."
            ),
            oas.TEXT,
            "xoai cat hoa loc",
        ),
        oas.query(
            "category",
            _("A category's slug; its subcategories are included."),
            oas.one_of(category_slugs()),
        ),
        oas.query(
            "commune",
            _("The code of the commune the product comes from."),
            oas.one_of(commune_codes()),
        ),
        oas.query("certification", _("A certificate the product holds."), oas.one_of(CERTIFICATES)),
        oas.query("ocop_min", _("At least this many OCOP stars."), oas.integer(3, 5)),
        oas.query("price_min", _("Lowest price, whole đồng."), oas.integer(0, MAX_VND)),
        oas.query(
            "price_max",
            _("Highest price, whole đồng; not below price_min."),
            oas.integer(0, MAX_VND),
        ),
        oas.query(
            "in_season", _("1: only products in season this month."), oas.one_of(FLAG_VALUES)
        ),
        oas.query(
            "preorder",
            _("1: only products whose coming harvest takes pre-orders."),
            oas.one_of(FLAG_VALUES),
        ),
        oas.query("sort", _("Order of results (default relevance)."), oas.one_of(SORTS)),
    ]


def paths():
    return {
        "/api/v1/products/search": oas.operation(
            _("Search products"),
            _("Products on sale, with counts by category, commune, certificate and price."),
            [*_product_filters(), *_paging(20)],
            oas.answers(
                {"$ref": "#/components/schemas/ProductSearch"}, _("The matches."), throttled=True
            ),
            TAG,
        ),
        "/api/v1/products/suggest": oas.operation(
            _("Suggest products while typing"),
            _("Up to eight products whose name begins with or contains the words typed."),
            [
                oas.query(
                    "q",
                    _("What has been typed so far; the first %(length)s characters count.")
                    % {"length": SUGGEST_QUERY_LENGTH},
                    oas.TEXT,
                    "xo",
                )
            ],
            oas.answers(
                {"$ref": "#/components/schemas/Suggestions"},
                _("The suggestions."),
                throttled=True,
            ),
            TAG,
        ),
        "/api/v1/producers/search": oas.operation(
            _("Search farms and cooperatives"),
            _("Verified producers by name, kind, what they make and where."),
            [
                oas.query(
                    "q", _("Words to find; the first 200 characters count."), oas.TEXT, "htx xoai"
                ),
                *_paging(10),
            ],
            oas.answers(
                {"$ref": "#/components/schemas/ProducerSearch"}, _("The matches."), throttled=True
            ),
            TAG,
        ),
    }
