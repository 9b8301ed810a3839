"""The board's filters read from a query string, the same for the page and the API;
every wrong value raises InvalidParameter (a 400 that names it), never a 500."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.models import Commune, LegacyDistrict
from catalog.filter_values import COMMUNE_CODE_DIGITS, require_known
from catalog.models import Category, Unit
from marketplace.parsing import InvalidParameter, choice, date_parameter, whole_number

from .board import INTERVALS, Query
from .models import Channel

PARAMETERS = ("category", "commune", "legacy_district", "unit", "channel", "start", "end",
              "interval")  # fmt: skip
DEFAULT_WEEKS = 12
LONGEST = {"week": datetime.timedelta(weeks=106), "month": datetime.timedelta(days=5 * 366)}


def read(data):
    today = timezone.localdate()
    interval = choice(data, "interval", INTERVALS, default="week")
    end = date_parameter(data, "end", today)
    start = date_parameter(data, "start", end - datetime.timedelta(weeks=DEFAULT_WEEKS))
    if end > today:
        raise InvalidParameter("end", _("end cannot be in the future."))
    if start > end:
        raise InvalidParameter("start", _("start must not be after end."))
    if end - start > LONGEST[interval]:
        raise InvalidParameter(
            "start",
            _("By week, at most two years; by month, at most five years.")
            if interval == "week"
            else _("By month, at most five years."),
        )
    slug = data.get("category") or ""
    commune = data.get("commune") or ""
    require_known(category=slug, commune=commune)
    return Query(
        start=start,
        end=end,
        interval=interval,
        category_ids=_branch(slug),
        unit=choice(data, "unit", Unit.values) or "",
        commune=Commune.objects.get(pk=int(commune)) if commune else None,
        legacy_district=_legacy_district(data.get("legacy_district") or ""),
        channel=choice(data, "channel", Channel.values) or "",
    )


def _branch(slug):
    """The category and its subcategories, or None for every category."""
    if not slug:
        return None
    branch = Category.objects.get(slug=slug)
    return tuple(Category.objects.filter(path__startswith=branch.path).values_list("pk", flat=True))


def district_codes():
    """The home province's former districts, as the filters write them."""
    districts = LegacyDistrict.objects.filter(province_id=settings.HOME_PROVINCE_CODE)
    return [str(code) for code in districts.order_by("code").values_list("code", flat=True)]


def _legacy_district(raw):
    if not raw:
        return None
    code = whole_number(raw) if len(raw) <= COMMUNE_CODE_DIGITS else None
    district = (
        LegacyDistrict.objects.filter(pk=code, province_id=settings.HOME_PROVINCE_CODE).first()
        if code is not None
        else None
    )
    if district is None:
        raise InvalidParameter(
            "legacy_district",
            _("There is no former district with code “%(value)s”.") % {"value": raw},
        )
    return district
