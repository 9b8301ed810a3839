"""Exports officials open in a spreadsheet: CSV cells can never become formulas.

Farmers and anonymous buyers write product names and report details; a cell
starting with = + - @ (or a tab or carriage return) would run as a formula in
the official's spreadsheet. Such cells get a leading apostrophe, the usual
neutraliser. Wagtail already writes XLSX cells as plain strings.
"""

from wagtail.admin.views.generic import IndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCSVMixin:
    """For any Wagtail view with SpreadsheetExportMixin (index views, ReportView)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(value) if export_format == self.FORMAT_CSV else value


class SafeExportIndexView(SafeCSVMixin, IndexView):
    pass
