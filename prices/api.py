"""Open data: GET /api/v1/prices?category=&commune=&legacy_district=&unit=&channel=
&start=&end=&interval=week|month[&format=json|csv]."""

from marketplace import page_cache
from marketplace.api import json_error, json_response, public_read
from marketplace.parsing import InvalidParameter, choice
from marketplace.spreadsheets import csv_attachment, neutralise_formula

from . import board, query
from .models import PriceBoardSettings

FORMATS = ("json", "csv")
CSV_COLUMNS = ("period", "category", "category_label", "unit", "channel", "area_level",
               "area_code", "area_name", "merged", "sales", "producers", "quantity",
               "median", "q1", "q3", "min", "max")  # fmt: skip


def answer(asked):
    """The figures of a Query as the API and the page give them."""
    published, hidden = board.figures(asked)
    rule = PriceBoardSettings.load()
    return {
        "start": asked.start.isoformat(),
        "end": asked.end.isoformat(),
        "interval": asked.interval,
        "threshold": {"sales": rule.min_sales, "producers": rule.min_producers},
        "hidden": hidden,
        "figures": [
            {**row, "period": row["period"].isoformat(), "quantity": str(row["quantity"])}
            for row in board.labelled(published)
        ],
    }


@public_read
@page_cache.kept(page_cache.CATALOGUE, seconds=page_cache.ORDER_FIGURES_SECONDS)
def prices(request):
    try:
        asked = query.read(request.GET)
        answer_format = choice(request.GET, "format", FORMATS, default="json")
    except InvalidParameter as error:
        return json_error(400, error.message, error.parameter)
    answered = answer(asked)
    if answer_format == "csv":
        return as_csv(answered)
    return json_response(answered)


def as_csv(answered):
    filename = f"gia-thi-truong-{answered['start']}-{answered['end']}-{answered['interval']}"
    response, writer = csv_attachment(filename)
    writer.writerow(CSV_COLUMNS)
    for row in answered["figures"]:
        flat = {
            **row,
            "area_level": row["area"]["level"],
            "area_code": row["area"]["code"] or "",
            "area_name": row["area"]["name"] or "",
        }
        writer.writerow([neutralise_formula(str(flat[column])) for column in CSV_COLUMNS])
    return response
