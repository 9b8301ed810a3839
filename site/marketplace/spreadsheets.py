"""Exports officials open in a spreadsheet: laid out as the reports they file, and with
CSV cells that can never become formulas.

Farmers and anonymous buyers write product names and report details; a cell
starting with = + - @ (or a tab or carriage return) would run as a formula in
the official's spreadsheet. Such cells get a leading apostrophe, the usual
neutraliser. Wagtail already writes XLSX cells as plain strings.

An XLSX report carries the heading officials file: the province and the agency, the
title, the date or period and the units, then the column headings (frozen while
scrolling), the rows, and a totals row for the columns that add up.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.views.generic import IndexView

from .formatting import format_local_datetime
from .models import MarketplaceIdentity

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def neutralise_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class OfficialExportMixin:
    """For any Wagtail view with SpreadsheetExportMixin (index views, ReportView)."""

    # Fields whose column gets a total; the units line under the title.
    xlsx_total_fields = ()
    xlsx_units = ""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(value) if export_format == self.FORMAT_CSV else value

    def get_xlsx_period(self):
        """What the figures are for; reports with a date or a period say it."""
        return _("Made on %(date)s") % {"date": format_local_datetime()}

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        title = str(self.get_page_title())
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = title.translate(SHEET_NAME_FORBIDDEN)[:31]
        fields = list(self.list_export)
        heading = [
            MarketplaceIdentity.load(self.request).agency_name,
            title.upper(),
            self.get_xlsx_period(),
            _("Units: %(units)s") % {"units": self.xlsx_units} if self.xlsx_units else "",
        ]
        for line in heading:
            sheet.append([line])
        for row in (1, 2):
            sheet.cell(row, 1).font = Font(bold=True, size=13 if row == 2 else 11)
        sheet.append([""])
        header_row = sheet.max_row + 1
        sheet.append([str(self.get_heading(queryset, field)) for field in fields])
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBDD")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = f"A{header_row + 1}"
        totals = dict.fromkeys(self.xlsx_total_fields, 0)
        for item in queryset:
            row = self.to_row_dict(item)
            values = [self._xlsx_value(field, value) for field, value in row.items()]
            sheet.append(values)
            for field in totals:
                totals[field] += row.get(field) or 0
        if totals:
            sheet.append([_("Total") if index == 0 else totals.get(field, "")
                          for index, field in enumerate(fields)])  # fmt: skip
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        for index in range(1, len(fields) + 1):
            longest = max(
                (len(str(cell.value)) for (cell,) in sheet.iter_rows(
                    min_row=header_row, min_col=index, max_col=index) if cell.value is not None),
                default=8,
            )  # fmt: skip
            sheet.column_dimensions[get_column_letter(index)].width = min(max(longest, 8) + 2, 50)
        workbook.save(output)

    def _xlsx_value(self, field, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)  # Vietnam's time, not UTC
        value = self.preprocess_field_value(field, value, self.FORMAT_XLSX)
        if isinstance(value, int | float | datetime.date) and not isinstance(value, bool):
            return value
        return "" if value is None else str(value)


class SafeExportIndexView(OfficialExportMixin, IndexView):
    pass
