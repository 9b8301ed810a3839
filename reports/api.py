"""Open data: GET /api/v1/stats/listings?date=YYYY-MM-DD&group_by=..."""

import csv
import datetime

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from marketplace.parsing import EARLIEST_DATE, iso_date, whole_number
from marketplace.spreadsheets import neutralise_formula
from orders.figures import sales

from . import figures
from .counts import end_of_day, start_of_day
from .timeseries import timeseries as listing_timeseries

MAX_RANGE_DAYS = 5 * 366

JSON_OPTIONS = {"ensure_ascii": False}


def _error(parameter, message):
    return JsonResponse(
        {"error": {"parameter": parameter, "message": message}},
        status=400,
        json_dumps_params=JSON_OPTIONS,
    )


class BadParameter(ValueError):
    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter, self.message = parameter, message


def _past_date(request, name, default):
    raw = request.GET.get(name)
    date = iso_date(raw) if raw else default
    if date is None:
        raise BadParameter(
            name,
            _("%(name)s must be written YYYY-MM-DD, from %(earliest)s.")
            % {"name": name, "earliest": EARLIEST_DATE.isoformat()},
        )
    if date > timezone.localdate():
        raise BadParameter(name, _("%(name)s cannot be in the future.") % {"name": name})
    return date


@require_GET
def listings(request):
    try:
        date = _past_date(request, "date", timezone.localdate())
    except BadParameter as error:
        return _error(error.parameter, error.message)
    group_by = request.GET.get("group_by") or None
    if group_by and group_by not in figures.GROUPS:
        choices = ", ".join(figures.GROUPS)
        return _error("group_by", _("group_by must be one of: %(choices)s.") % {"choices": choices})
    answer = figures.as_json(figures.for_date(date), group_by)
    if request.GET.get("format") == "csv":
        return _csv(answer, f"niem-yet-{group_by or 'tong'}-{date.isoformat()}")
    return JsonResponse(answer, json_dumps_params=JSON_OPTIONS)


def _csv(answer, filename):
    """The same figures as a spreadsheet opens them (UTF-8 with a BOM for Excel)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
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
    """(start, end) dates from the query, checked; raises BadParameter."""
    today = timezone.localdate()
    start = _past_date(request, "start", today - datetime.timedelta(days=default_days))
    end = _past_date(request, "end", today)
    if start > end:
        raise BadParameter("start", _("start must not be after end."))
    if (end - start).days > MAX_RANGE_DAYS:
        raise BadParameter("start", _("The range is at most 5 years."))
    return start, end


@require_GET
def listings_timeseries(request):
    try:
        start, end = _period(request, 30)
    except BadParameter as error:
        return _error(error.parameter, error.message)
    interval = request.GET.get("interval") or "day"
    if interval not in ("day", "month"):
        return _error("interval", _("interval must be day or month."))
    commune = request.GET.get("commune") or None
    if commune and (whole_number(commune) is None or len(commune) > 10):
        return _error("commune", _("commune must be a commune code."))
    answer = listing_timeseries(
        start, end, interval, commune=whole_number(commune),
        category=request.GET.get("category") or None,
    )  # fmt: skip
    return JsonResponse(answer, json_dumps_params=JSON_OPTIONS)


@require_GET
def orders(request):
    """Orders placed and value delivered over [start, end], days of the province."""
    try:
        start, end = _period(request, 30)
    except BadParameter as error:
        return _error(error.parameter, error.message)
    answer = sales(start_of_day(start), end_of_day(end))
    answer["definition"] = str(answer["definition"])
    return JsonResponse(
        {"start": start.isoformat(), "end": end.isoformat(), **answer},
        json_dumps_params=JSON_OPTIONS,
    )
