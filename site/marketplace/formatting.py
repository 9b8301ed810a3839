from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format, get_format


def format_number(amount):
    """150000 -> "150.000": dots between thousands, as Vietnamese write it."""
    return f"{int(amount):,}".replace(",", ".")


def format_vnd(amount):
    """150000 -> "150.000 ₫": whole đồng."""
    return format_number(amount) + "\u00a0₫"


def format_quantity(value):
    """Decimal("0.50") -> "0,5" in Vietnamese, "0.5" in English: no trailing zeros."""
    text = f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)
    return text.replace(".", get_format("DECIMAL_SEPARATOR"))


def month_name(number):
    """3 -> "Tháng 3" in Vietnamese, "March" in English."""
    return MONTHS[number]


def format_local_datetime(moment=None):
    """An aware time (now by default) as people in Vietnam read it: "00:56 29-11-2026"."""
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
