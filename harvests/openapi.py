"""The supply outlook in the OpenAPI description (see marketplace.open_data)."""

from django.utils.translation import gettext_lazy as _

from catalog.filter_values import category_slugs
from marketplace import api_schema as oas

from .api import FORMATS
from .outlook import GROUPS, MAX_WEEKS

TAG = "statistics"
QUANTITY = {"type": "number", "minimum": 0, "description": _("In the row's unit.")}
SUPPLY = oas.obj(
    {
        "start": oas.date(),
        "weeks": oas.integer(1, MAX_WEEKS),
        "as_of": {"type": "string", "description": _("The moment the figures are known at.")},
        "definition": {"type": "string", "description": _("What is counted, in words.")},
        "rows": {
            "type": "array",
            "items": oas.obj(
                {
                    "week": oas.date(),
                    "week_label": oas.STRING,
                    "category": oas.STRING,
                    "category_label": oas.STRING,
                    "unit": oas.STRING,
                    "area": {
                        "type": ["integer", "string", "null"],
                        "description": _("With group_by commune or legacy_district: its code."),
                    },
                    "area_label": oas.STRING,
                    "announced": QUANTITY,
                    "preordered": QUANTITY,
                    "sold_last_year": QUANTITY,
                    "flagged": {
                        "type": "boolean",
                        "description": _("Risk of glut (nguy cơ dư cung)."),
                    },
                    "communes": {"type": "array", "items": oas.STRING},
                },
                required=[
                    "week",
                    "week_label",
                    "category",
                    "category_label",
                    "unit",
                    "announced",
                    "preordered",
                    "sold_last_year",
                    "flagged",
                    "communes",
                ],
            ),  # fmt: skip
        },
    }
)


def schemas():
    return {"Supply": SUPPLY}


def paths():
    supply = oas.answers({"$ref": "#/components/schemas/Supply"}, _("The outlook."), csv=True)
    return {
        "/api/v1/stats/supply": oas.operation(
            _("Supply outlook"),
            _(
                "Announced harvests week by week against pre-orders and last year's sales in "
                "the same weeks, with the weeks at risk of glut flagged."
            ),
            [
                oas.query(
                    "start",
                    _("A day of the first week, YYYY-MM-DD, at most a year ahead (default today)."),
                    oas.date(),
                ),
                oas.query("weeks", _("How many weeks (default 12)."), oas.integer(1, MAX_WEEKS)),
                oas.query(
                    "as_of",
                    _("As known at the end of this day, not in the future (default now)."),
                    oas.date(),
                ),
                oas.query(
                    "category",
                    _("Only this category and its subcategories."),
                    oas.one_of(category_slugs()),
                ),
                oas.query("group_by", _("Rows by this dimension."), oas.one_of(GROUPS)),
                oas.query(
                    "format", _("json (default) or csv, for a spreadsheet."), oas.one_of(FORMATS)
                ),
            ],
            supply,
            TAG,
        )
    }
