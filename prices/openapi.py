"""The price board in the OpenAPI description (see marketplace.open_data)."""

from django.utils.translation import gettext_lazy as _

from catalog.filter_values import category_slugs, commune_codes
from catalog.models import Unit
from marketplace import api_schema as oas

from . import query
from .api import FORMATS
from .board import INTERVALS
from .models import Channel

TAG = "statistics"
PRICE = {"type": "integer", "minimum": 0, "description": _("Đồng per unit.")}
COUNT = {"type": "integer", "minimum": 0}
PRICES = oas.obj(
    {
        "start": oas.date(),
        "end": oas.date(),
        "interval": oas.one_of(INTERVALS),
        "threshold": oas.obj({"sales": COUNT, "producers": COUNT}, required=["sales", "producers"]),
        "hidden": {**COUNT, "description": _("Figures not shown: too few sales or producers.")},
        "figures": {
            "type": "array",
            "items": oas.obj(
                {
                    "period": oas.date(),
                    "category": oas.STRING,
                    "category_label": oas.STRING,
                    "unit": oas.STRING,
                    "unit_label": oas.STRING,
                    "channel": oas.one_of(Channel.values),
                    "area": oas.obj(
                        {
                            "level": oas.one_of(["province", "legacy_district", "commune"]),
                            "code": {"type": ["integer", "null"]},
                            "name": {"type": ["string", "null"]},
                        },
                        required=["level", "code", "name"],
                    ),
                    "merged": {
                        "type": "boolean",
                        "description": _("The area asked for had too few sales: a wider one's."),
                    },
                    "sales": COUNT,
                    "producers": COUNT,
                    "quantity": {"type": "string", "description": _("Sold, in the unit.")},
                    "median": PRICE,
                    "q1": PRICE,
                    "q3": PRICE,
                    "min": PRICE,
                    "max": PRICE,
                },
                required=[
                    "period",
                    "category",
                    "unit",
                    "channel",
                    "area",
                    "merged",
                    "sales",
                    "producers",
                    "median",
                    "q1",
                    "q3",
                    "min",
                    "max",
                ],
            ),  # fmt: skip
        },
    },
    required=["start", "end", "interval", "threshold", "hidden", "figures"],
)


def schemas():
    return {"Prices": PRICES}


def paths():
    prices = oas.answers({"$ref": "#/components/schemas/Prices"}, _("The price board."), csv=True)
    return {
        "/api/v1/prices": oas.operation(
            _("Market prices"),
            _(
                "Realised prices of delivered order lines: median, quartiles and range per "
                "category, unit, channel, area and week or month, with the sales and "
                "producers behind each; only figures with enough of both are published."
            ),
            [
                oas.query(
                    "category",
                    _("Only this category and its subcategories."),
                    oas.one_of(category_slugs()),
                ),
                oas.query(
                    "commune",
                    _(
                        "Only this commune (its code); a figure with too few "
                        "sales is its former district's or the province's."
                    ),
                    oas.one_of(commune_codes()),
                ),
                oas.query(
                    "legacy_district",
                    _("Only this former district (its code)."),
                    oas.one_of(query.district_codes()),
                ),
                oas.query("unit", _("Only this unit."), oas.one_of(Unit.values)),
                oas.query("channel", _("Retail or wholesale."), oas.one_of(Channel.values)),
                oas.query(
                    "start", _("First day, YYYY-MM-DD (default 12 weeks before end)."), oas.date()
                ),
                oas.query(
                    "end", _("Last day, YYYY-MM-DD, not in the future (default today)."), oas.date()
                ),
                oas.query("interval", _("week (default) or month."), oas.one_of(INTERVALS)),
                oas.query("format", _("json (default) or csv."), oas.one_of(FORMATS)),
            ],
            prices,
            TAG,
        )
    }
