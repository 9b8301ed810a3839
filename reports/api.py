"""Open data: GET /api/v1/stats/listings?date=YYYY-MM-DD&group_by=..."""

import datetime

from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .counts import GROUPS, listing_counts

JSON_OPTIONS = {"ensure_ascii": False}


def _error(parameter, message):
    return JsonResponse(
        {"error": {"parameter": parameter, "message": message}},
        status=400,
        json_dumps_params=JSON_OPTIONS,
    )


@require_GET
def listings(request):
    today = timezone.localdate()
    raw_date = request.GET.get("date") or today.isoformat()
    try:
        date = datetime.date.fromisoformat(raw_date)
    except ValueError:
        return _error("date", _("date must be written YYYY-MM-DD."))
    if date > today:
        return _error("date", _("date cannot be in the future."))
    group_by = request.GET.get("group_by") or None
    if group_by and group_by not in GROUPS:
        return _error(
            "group_by", _("group_by must be one of: %(choices)s.") % {"choices": ", ".join(GROUPS)}
        )
    return JsonResponse(listing_counts(date, group_by), json_dumps_params=JSON_OPTIONS)
