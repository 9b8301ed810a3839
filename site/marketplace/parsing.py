"""Strict readers for values typed into addresses and forms.

Python's int() and date.fromisoformat() are generous: int() reads Arabic-Indic
and full-width digits, fromisoformat() reads "20260301" and "2026-W09-1". The
site accepts one plain form of each, so a value means one thing everywhere
and the database is never handed something it cannot store.
"""

import datetime
import re
from decimal import Decimal

from django.utils.translation import gettext as _

# Dates before the marketplace and its history existed are typing mistakes.
EARLIEST_DATE = datetime.date(2000, 1, 1)
_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_DECIMAL = re.compile(r"[0-9]{1,12}([.,][0-9]{1,6})?")


def whole_number(raw):
    """An int from ASCII digits only, or None."""
    raw = (raw or "").strip()
    return int(raw) if _WHOLE_NUMBER.fullmatch(raw) else None


def plain_decimal(raw):
    """A Decimal from ASCII digits with one decimal comma or point ("2,5", "2.5"), or None.
    Decimal() alone also reads "1e3", "1_000", "NaN" and full-width digits."""
    raw = (raw or "").strip()
    return Decimal(raw.replace(",", ".")) if _PLAIN_DECIMAL.fullmatch(raw) else None


def iso_date(raw):
    """A date written YYYY-MM-DD from EARLIEST_DATE on, or None."""
    raw = (raw or "").strip()
    if not _ISO_DATE.fullmatch(raw):
        return None
    try:
        date = datetime.date.fromisoformat(raw)
    except ValueError:
        return None
    return date if date >= EARLIEST_DATE else None


class InvalidParameter(ValueError):
    """A query parameter that cannot be read; the message names it for the person who typed it."""

    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def choice(data, name, choices, default=None):
    """One of `choices` from a query (`default` when empty); raises InvalidParameter."""
    value = data.get(name) or default
    if value is not None and value not in choices:
        raise InvalidParameter(
            name,
            _("%(name)s must be one of: %(choices)s.")
            % {"name": name, "choices": ", ".join(choices)},
        )
    return value


def date_parameter(data, name, default):
    """A YYYY-MM-DD date from a query (`default` when empty); raises InvalidParameter.
    Only "" counts as not given: " 2026-03-01" is not a date the API documents."""
    raw = data.get(name)
    date = (iso_date(raw) if raw == raw.strip() else None) if raw else default
    if date is None:
        raise InvalidParameter(
            name,
            _("%(name)s must be written YYYY-MM-DD, from %(earliest)s.")
            % {"name": name, "earliest": EARLIEST_DATE.isoformat()},
        )
    return date
