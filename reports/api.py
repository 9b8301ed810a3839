"""Open data: GET /api/v1/stats/listings?date=YYYY-MM-DD&group_by=..."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.filter_values import require_known
from marketplace import page_cache
from marketplace.api import json_error, json_response, public_read
from marketplace.parsing import InvalidParameter, choice, date_parameter
from marketplace.spreadsheets import csv_attachment, neutralise_formula
from orders.figures import sales

from . import figures
from .counts import end_of_day, start_of_day
from .timeseries import timeseries as listing_timeseries

MAX_RANGE_DAYS = 5 * 366
FORMATS = ("json", "csv")
INTERVALS = ("day", "month")


def _past_date(request, name, default):
    date = date_parameter(request.GET, name, default)
    if date > timezone.localdate():
        raise InvalidParameter(name, _("%(name)s cannot be in the future.") % {"name": name})
    return date


@public_read
@page_cache.kept(page_cache.CATALOGUE)
def listings(request):
    try:
        date = _past_date(request, "date", timezone.localdate())
        group_by = choice(request.GET, "group_by", figures.GROUPS)
        answer_format = choice(request.GET, "format", FORMATS, default="json")
    except InvalidParameter as error:
        return json_error(400, error.message, error.parameter)
    answer = figures.as_json(figures.for_date(date), group_by)
    if answer_format == "csv":
        return _csv(answer, f"niem-yet-{group_by or 'tong'}-{date.isoformat()}")
    return json_response(answer)


def _csv(answer, filename):
    """The same figures as a spreadsheet opens them (UTF-8 with a BOM for Excel)."""
    response, writer = csv_attachment(filename)
    rows = answer.get("groups") or [{"key": "", "label": _("Total"), **answer["total"]}]
    columns = [column for column in rows[0] if column != "key"] if rows else ["label"]
    writer.writerow(["date", "key", *columns])
    for row in rows:
        writer.writerow(
            [answer["date"], row["key"] if row["key"] is not None else "",
             *(neutralise_formula(row[column]) for column in columns)]
        )  # fmt: skip
    return response


def _period(request, default_days):
    """(start, end) dates from the query, checked; raises InvalidParameter."""
    today = timezone.localdate()
    start = _past_date(request, "start", today - datetime.timedelta(days=default_days))
    end = _past_date(request, "end", today)
    if start > end:
        raise InvalidParameter("start", _("start must not be after end."))
    if (end - start).days > MAX_RANGE_DAYS:
        raise InvalidParameter("start", _("The range is at most 5 years."))
    return start, end


@public_read
@page_cache.kept(page_cache.CATALOGUE)
def listings_timeseries(request):
    commune, category = request.GET.get("commune") or "", request.GET.get("category") or ""
    try:
        start, end = _period(request, 30)
        interval = choice(request.GET, "interval", INTERVALS, default="day")
        require_known(category=category, commune=commune)
    except InvalidParameter as error:
        return json_error(400, error.message, error.parameter)
    answer = listing_timeseries(
        start, end, interval, commune=int(commune) if commune else None, category=category or None
    )
    return json_response(answer)


@public_read
@page_cache.kept(page_cache.CATALOGUE, seconds=page_cache.ORDER_FIGURES_SECONDS)
def orders(request):
    """Orders placed and value delivered over [start, end], days of the province."""
    try:
        start, end = _period(request, 30)
    except InvalidParameter as error:
        return json_error(400, error.message, error.parameter)
    answer = sales(start_of_day(start), end_of_day(end))
    answer["definition"] = str(answer["definition"])
    return json_response({"start": start.isoformat(), "end": end.isoformat(), **answer})
