"""Wagtail's inspect view as officials read it: times in Vietnam's time zone, "—" for
nothing (not "None")."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.views.generic import InspectView


class ReadableInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"
        if isinstance(value, datetime.datetime):
            return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
        return value
