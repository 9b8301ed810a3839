"""The open-data figures in the OpenAPI description (see marketplace.open_data)."""

from django.utils.translation import gettext_lazy as _

from catalog.filter_values import category_slugs, commune_codes
from marketplace import api_schema as oas

from . import figures
from .api import FORMATS, INTERVALS

TAG = "statistics"
DEFINITION = {"type": "string", "description": _("What is counted, in words.")}
TOP_ROW = oas.obj({"value": oas.COUNT, "parts": oas.COUNT})
LISTINGS = oas.obj(
    {
        "date": oas.date(),
        "definition": DEFINITION,
        "total": oas.obj(
            {
                "listed_products": oas.COUNT,
                "in_stock_products": oas.COUNT,
                "listing_producers": oas.COUNT,
                "verified_producers": oas.COUNT,
            }
        ),
        "groups": {
            "type": "array",
            "description": _("Only with group_by: one row per commune, category, …"),
            "items": oas.obj(
                {
                    "key": {
                        "type": ["integer", "string", "null"],
                        "description": _("The code, id or value grouped by; null: not known."),
                    },
                    "label": oas.STRING,
                    "listed_products": oas.COUNT,
                    "listing_producers": oas.COUNT,
                }
            ),
        },
    },
    required=["date", "definition", "total"],
)
TIMESERIES = oas.obj(
    {
        "interval": oas.one_of(INTERVALS),
        "points": {
            "type": "array",
            "items": oas.obj(
                {
                    "date": {
                        "type": "string",
                        "description": _("YYYY-MM-DD, or YYYY-MM by month."),
                    },
                    "newly_listed": oas.COUNT,
                    "delisted": oas.COUNT,
                    "listed_products": oas.COUNT,
                }
            ),
        },
    }
)
ORDERS = oas.obj(
    {
        "start": oas.date(),
        "end": oas.date(),
        "definition": DEFINITION,
        "orders": oas.COUNT,
        "value_vnd": {**oas.COUNT, "description": _("Whole đồng, delivery fees not included.")},
        "by_commune": {
            "type": "array",
            "items": {
                **TOP_ROW,
                "properties": {**TOP_ROW["properties"], "commune": oas.nullable(oas.STRING)},
                "required": ["commune", "value", "parts"],
            },
        },
        "by_category": {
            "type": "array",
            "items": {
                **TOP_ROW,
                "properties": {**TOP_ROW["properties"], "category": oas.nullable(oas.STRING)},
                "required": ["category", "value", "parts"],
            },
        },
    }
)


def schemas():
    return {"Listings": LISTINGS, "ListingsTimeseries": TIMESERIES, "Orders": ORDERS}


def _period():
    return [
        oas.query("start", _("First day, YYYY-MM-DD (default 30 days ago)."), oas.date()),
        oas.query("end", _("Last day, YYYY-MM-DD, not in the future (default today)."), oas.date()),
    ]


def paths():
    listings = oas.answers({"$ref": "#/components/schemas/Listings"}, _("The figures."), csv=True)
    return {
        "/api/v1/stats/listings": oas.operation(
            _("Listings on a day"),
            _(
                "Products and producers listed at the end of a day (Vietnam time), in total or by group."
            ),
            [
                oas.query(
                    "date", _("The day, YYYY-MM-DD, not in the future (default today)."), oas.date()
                ),
                oas.query("group_by", _("Rows by this dimension."), oas.one_of(figures.GROUPS)),
                oas.query(
                    "format", _("json (default) or csv, for a spreadsheet."), oas.one_of(FORMATS)
                ),
            ],
            listings,
            TAG,
        ),
        "/api/v1/stats/listings/timeseries": oas.operation(
            _("Listings day by day or month by month"),
            _("Newly listed, delisted and listed products over a period of at most five years."),
            [
                *_period(),
                oas.query("interval", _("day (default) or month."), oas.one_of(INTERVALS)),
                oas.query(
                    "commune", _("Only this commune (its code)."), oas.one_of(commune_codes())
                ),
                oas.query(
                    "category",
                    _("Only this category and its subcategories."),
                    oas.one_of(category_slugs()),
                ),
            ],
            oas.answers({"$ref": "#/components/schemas/ListingsTimeseries"}, _("The points.")),
            TAG,
        ),
        "/api/v1/stats/orders": oas.operation(
            _("Orders and sales"),
            _(
                "Order parts placed and value delivered over a period, with the top communes and categories."
            ),
            _period(),
            oas.answers({"$ref": "#/components/schemas/Orders"}, _("The figures.")),
            TAG,
        ),
    }
