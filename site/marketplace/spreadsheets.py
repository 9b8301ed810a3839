"""Exports officials open in a spreadsheet: laid out as the reports they file, and with
CSV cells that can never become formulas.

Farmers and anonymous buyers write product names and report details; a cell
starting with = + - @ (or a tab or carriage return) would run as a formula in
the official's spreadsheet. Such cells get a leading apostrophe, the usual
neutraliser. In XLSX every text cell is typed as a string, never a formula (openpyxl
reads a string starting with "=" as one). CSV starts with a byte-order mark, without
which Excel reads UTF-8 as the local code page and garbles Vietnamese.

An XLSX report is laid out as the documents officials sign and file (Decree
30/2020/NĐ-CP, Appendix I): the agency on the left and the national heading on the
right, the place-and-date line, the title, the period and the units, the column
headings (frozen while scrolling and repeated on every printed page), the rows, a
totals row for the columns that add up, and the signature block; A4, fitted to the
page's width, dates dd/mm/yyyy and thousands separated.
"""

import csv
import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.views.generic import IndexView

from .formatting import format_local_datetime
from .models import MarketplaceIdentity

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def csv_attachment(filename):
    """(response, writer) for a CSV download named filename.csv that Excel opens as UTF-8."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    return response, csv.writer(response)


def neutralise_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class OfficialExportMixin:
    """For any Wagtail view with SpreadsheetExportMixin (index views, ReportView)."""

    # Fields whose column gets a total; the units line under the title.
    xlsx_total_fields = ()
    xlsx_units = ""

    # Excel's limit is 31 characters: a view with a longer title names its sheet here.
    xlsx_sheet_name = ""

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(value) if export_format == self.FORMAT_CSV else value

    def get_xlsx_period(self):
        """What the figures are for; reports with a date or a period say it."""
        return _("Made on %(date)s") % {"date": format_local_datetime()}

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        fields = list(self.list_export)
        sheet.title = self.get_xlsx_sheet_name()
        layout = _Layout(sheet, width=max(len(fields), 4))
        identity = MarketplaceIdentity.load(self.request)
        layout.heading(
            identity, str(self.get_page_title()), self.get_xlsx_period(), self.xlsx_units
        )
        header_row = layout.column_headings(
            [str(self.get_heading(queryset, field)) for field in fields]
        )
        totals = dict.fromkeys(self.xlsx_total_fields, 0)
        for item in queryset:
            row = self.to_row_dict(item)
            layout.data_row([self._xlsx_value(field, value) for field, value in row.items()])
            for field in totals:
                totals[field] += row.get(field) or 0
        if totals:
            layout.totals_row(
                [_("Total") if index == 0 else totals.get(field, "")
                 for index, field in enumerate(fields)]
            )  # fmt: skip
        layout.fit_columns(header_row, columns=len(fields))
        layout.signature(identity)
        layout.print_setup(header_row, columns=len(fields))
        workbook.save(output)

    def get_xlsx_sheet_name(self):
        name = str(self.xlsx_sheet_name or self.get_page_title()).translate(SHEET_NAME_FORBIDDEN)
        if len(name) > 31:
            raise ValueError(
                f"Sheet name over Excel's 31 characters: {name!r}; set xlsx_sheet_name"
            )
        return name

    def _xlsx_value(self, field, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)  # Vietnam's time, not UTC
        value = self.preprocess_field_value(field, value, self.FORMAT_XLSX)
        if isinstance(value, int | float | datetime.date) and not isinstance(value, bool):
            return value
        return "" if value is None else str(value)


class _Layout:
    """Writes one report sheet row by row, `width` columns wide: the agency takes the
    left half of the heading, the national heading the right half."""

    def __init__(self, sheet, width):
        self.sheet, self.width = sheet, width
        self.left = max(width // 2, 1)

    def _put(self, row, first, last, value, *, bold=False, italic=False, size=11, align="center"):
        from openpyxl.styles import Alignment, Font

        cell = self.sheet.cell(row, first, value)
        cell.data_type = "s"
        cell.font = Font(bold=bold, italic=italic, size=size)
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        if last > first:
            self.sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)

    def _line(self, value, **style):
        row = self.sheet.max_row + 1
        self._put(row, 1, self.width, value, **style)
        return row

    def heading(self, identity, title, period, units):
        right = self.left + 1
        self._put(1, 1, self.left, identity.agency_name.upper(), bold=True)
        self._put(1, right, self.width, _("SOCIALIST REPUBLIC OF VIETNAM"), bold=True)
        self._put(2, right, self.width, _("Independence – Freedom – Happiness"), bold=True)
        today = timezone.localdate()
        place_and_date = _("%(place)s, day %(day)s month %(month)s year %(year)s") % {
            "place": identity.province_name,
            "day": f"{today.day:02d}",
            "month": f"{today.month:02d}",
            "year": today.year,
        }
        self._put(3, right, self.width, place_and_date, italic=True)
        self.sheet.append([""])
        self._line(title.upper(), bold=True, size=13)
        self._line(period, italic=True)
        if units:
            self._line(_("Units: %(units)s") % {"units": units}, italic=True)
        self.sheet.append([""])

    def column_headings(self, headings):
        from openpyxl.styles import Alignment, Font, PatternFill

        self.sheet.append(headings)
        row = self.sheet.max_row
        for cell in self.sheet[row]:
            cell.data_type = "s"
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBDD")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        self.sheet.freeze_panes = f"A{row + 1}"
        return row

    def data_row(self, values):
        self.sheet.append(values)
        for cell in self.sheet[self.sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # data, never a formula, whatever it starts with
            elif isinstance(cell.value, datetime.datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(cell.value, int):
                cell.number_format = "#,##0"

    def totals_row(self, values):
        from openpyxl.styles import Font

        self.data_row(values)
        for cell in self.sheet[self.sheet.max_row]:
            cell.font = Font(bold=True)

    def signature(self, identity):
        self.sheet.append([""])
        right = self.left + 1
        first = self.sheet.max_row + 1
        self._put(first, right, self.width, identity.signer_title_text.upper(), bold=True)
        self._put(first + 1, right, self.width, _("(Signature and full name)"), italic=True)
        # Room for the signature and the seal, then the name.
        self.sheet.row_dimensions[first + 2].height = 60
        self._put(first + 3, right, self.width, identity.signer_name, bold=True)

    def print_setup(self, header_row, columns):
        sheet = self.sheet
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape" if columns > 5 else "portrait"
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0  # as many pages tall as the rows need
        sheet.print_title_rows = f"{header_row}:{header_row}"
        sheet.print_options.horizontalCentered = True

    def fit_columns(self, header_row, columns):
        from openpyxl.utils import get_column_letter

        for index in range(1, max(columns, self.width) + 1):
            longest = max(
                (len(str(cell.value)) for (cell,) in self.sheet.iter_rows(
                    min_row=header_row, min_col=index, max_col=index) if cell.value is not None),
                default=8,
            )  # fmt: skip
            width = min(max(longest, 8) + 2, 50)
            self.sheet.column_dimensions[get_column_letter(index)].width = width


class ExportsItsColumns:
    """A report whose export has the columns it shows (`columns`, built per request so
    that labels follow the official's language and hooks may add some)."""

    @cached_property
    def list_export(self):
        return [column.accessor for column in self.columns]

    @cached_property
    def export_headings(self):
        return {column.accessor: column.label for column in self.columns}


class SafeExportIndexView(OfficialExportMixin, IndexView):
    pass
