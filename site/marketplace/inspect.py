"""Wagtail's inspect view as officials read it: times in Vietnam's time zone, "—" for
nothing (not "None"), "Có"/"Không" for yes and no (not "True"/"False")."""

import datetime

from django.utils.translation import gettext as _
from wagtail.admin.views.generic import InspectView

from .formatting import format_local_datetime


class ReadableInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, datetime.datetime):
            return format_local_datetime(value)
        return value
