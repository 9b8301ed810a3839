"""Open data: GET /api/v1/stats/supply?start=YYYY-MM-DD&weeks=N[&as_of=YYYY-MM-DD]
[&category=slug][&group_by=category|commune|legacy_district][&format=json|csv]."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.filter_values import require_known
from catalog.models import Category
from marketplace import page_cache
from marketplace.api import json_error, json_response, public_read
from marketplace.parsing import InvalidParameter, choice, date_parameter, whole_number
from marketplace.spreadsheets import csv_attachment, neutralise_formula
from reports.counts import end_of_day

from . import outlook
from .outlook import GROUPS, MAX_WEEKS

FORMATS = ("json", "csv")
FARTHEST_AHEAD = datetime.timedelta(days=366)
CSV_COLUMNS = ("week", "category", "category_label", "unit", "area", "area_label",
               "announced", "preordered", "sold_last_year", "flagged")  # fmt: skip


def read_query(request):
    """(start, weeks, as_of moment, category ids or None, group_by); raises InvalidParameter."""
    today = timezone.localdate()
    start = date_parameter(request.GET, "start", today)
    if start > today + FARTHEST_AHEAD:
        raise InvalidParameter("start", _("start is at most a year ahead."))
    raw_weeks = request.GET.get("weeks") or "12"
    weeks = whole_number(raw_weeks) if len(raw_weeks) <= 3 else None
    if weeks is None or not 1 <= weeks <= MAX_WEEKS:
        raise InvalidParameter(
            "weeks", _("weeks must be a whole number from 1 to %(most)s.") % {"most": MAX_WEEKS}
        )
    as_of_date = date_parameter(request.GET, "as_of", today)
    if as_of_date > today:
        raise InvalidParameter("as_of", _("as_of cannot be in the future."))
    slug = request.GET.get("category") or ""
    require_known(category=slug)
    category = None
    if slug:
        branch = Category.objects.get(slug=slug)
        category = list(
            Category.objects.filter(path__startswith=branch.path).values_list("pk", flat=True)
        )
    group_by = choice(request.GET, "group_by", GROUPS, default="category")
    as_of = timezone.now() if as_of_date == today else end_of_day(as_of_date)
    return start, weeks, as_of, category, group_by


@public_read
@page_cache.kept(page_cache.CATALOGUE, seconds=page_cache.ORDER_FIGURES_SECONDS)
def supply(request):
    try:
        start, weeks, as_of, category, group_by = read_query(request)
        answer_format = choice(request.GET, "format", FORMATS, default="json")
    except InvalidParameter as error:
        return json_error(400, error.message, error.parameter)
    rows = outlook.outlook(start, weeks, as_of=as_of, category=category, group_by=group_by)
    answer = outlook.as_json(rows, start=start, weeks=weeks, as_of=as_of, group_by=group_by)
    if answer_format == "csv":
        return _csv(answer)
    return json_response(answer)


def _csv(answer):
    filename = f"trien-vong-nguon-cung-{answer['start']}-{answer['weeks']}-tuan"
    response, writer = csv_attachment(filename)
    writer.writerow([*CSV_COLUMNS, "communes"])
    for row in answer["rows"]:
        writer.writerow(
            [neutralise_formula(row.get(column, "")) for column in CSV_COLUMNS]
            + [neutralise_formula("; ".join(row["communes"]))]
        )
    return response
