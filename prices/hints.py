"""The line the price form shows a producer: what sold lately in the province."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Unit
from marketplace.formatting import format_vnd

from . import board
from .models import Channel

WEEKS = 12


def recent_prices(category, unit):
    """ "Giá bán gần đây trong tỉnh: 45.000–60.000 ₫/kg, trung vị 52.000 ₫", retail and
    wholesale apart, over the last 12 weeks; nothing when too few sales stand behind it."""
    today = timezone.localdate()
    query = board.Query(
        start=today - datetime.timedelta(weeks=WEEKS),
        end=today,
        interval=None,
        category_ids=(category.pk,),
        unit=unit,
    )
    published, _hidden = board.figures(query)
    said = {
        Channel.RETAIL: _("Recent retail prices in the province (12 weeks): "),
        Channel.WHOLESALE: _("Recent wholesale prices in the province (12 weeks): "),
    }
    return [
        said[figure["channel"]]
        + _("%(low)s–%(high)s/%(unit)s, median %(median)s (%(sales)s sales).")
        % {
            "low": format_vnd(figure["q1"]),
            "high": format_vnd(figure["q3"]),
            "unit": Unit(unit).label,
            "median": format_vnd(figure["median"]),
            "sales": figure["sales"],
        }
        for figure in published
    ]
