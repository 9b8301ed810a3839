"""Amounts of money as people type them, and the one field that reads them.

Vietnamese write thousands with dots ("20.000"), sometimes with spaces ("20 000"),
often with the currency after ("20.000 ₫", "20.000đ") or a "k" for thousand ("20k").
A comma is the decimal separator, so "20,5" and "20,000" are refused rather than
guessed at: the first is a fraction of a đồng, the second could be twenty or twenty
thousand. Every form that takes an amount (prices, fees, courier bands, refunds,
payouts) uses MoneyField, and every model column of an amount a person types is a
VndField, so a ModelForm gets the right field without being told.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .formatting import format_number, format_vnd
from .text import normalize

# One billion đồng: above it, a typing slip (and near the column's limit).
MAX_VND = 1_000_000_000

_GROUPED = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+|[0-9]{1,3}( [0-9]{3})+|[0-9]+")
_THOUSANDS = re.compile(r"([0-9]{1,6}) ?k", re.IGNORECASE)
_CURRENCY = re.compile(r"\s*(₫|đồng|đ|vnđ|vnd)\s*$", re.IGNORECASE)


class AmountError(ValueError):
    """Why a typed amount is not read: `code` is one of decimal, unclear."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def parse_vnd(raw):
    """Whole đồng from what a person typed, or AmountError. Only ASCII digits."""
    typed = _CURRENCY.sub("", normalize(raw or "").strip()).strip()
    if "," in typed:
        raise AmountError("decimal")
    if thousands := _THOUSANDS.fullmatch(typed):
        return int(thousands.group(1)) * 1000
    # Dots and spaces only between groups of three digits: "1.5" is not 15 đồng.
    if not _GROUPED.fullmatch(typed):
        raise AmountError("decimal" if re.fullmatch(r"[0-9]+\.[0-9]{1,2}", typed) else "unclear")
    return int(re.sub(r"[ .]", "", typed))


class MoneyField(forms.CharField):
    """Whole đồng, from `min_vnd` (1 for a price, 0 for a fee) to `max_vnd`."""

    default_error_messages = {
        "decimal": _("Enter whole đồng without decimals, with dots between thousands: 20.000."),
        "unclear": _("Enter an amount in đồng, e.g. 20.000 or 20000."),
        "too_small": _("The amount must be at least %(min)s."),
        "not_positive": _("The amount must be more than 0 đồng."),
        "too_large": _("The amount can be at most %(max)s."),
    }

    def __init__(self, *, min_vnd=1, max_vnd=MAX_VND, **kwargs):
        self.min_vnd, self.max_vnd = min_vnd, max_vnd
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return format_number(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            amount = parse_vnd(value)
        except AmountError as error:
            raise ValidationError(self.error_messages[error.code], code=error.code) from error
        if amount < self.min_vnd:
            if self.min_vnd == 1:
                raise ValidationError(self.error_messages["not_positive"], code="not_positive")
            raise ValidationError(
                self.error_messages["too_small"],
                code="too_small",
                params={"min": format_vnd(self.min_vnd)},
            )
        if amount > self.max_vnd:
            raise ValidationError(
                self.error_messages["too_large"],
                code="too_large",
                params={"max": format_vnd(self.max_vnd)},
            )
        return amount


class VndField(models.PositiveBigIntegerField):
    """An amount in whole đồng that people type, from `min_vnd` (1 for a price, 0 for a
    fee that may be free) to `max_vnd`; its form field is MoneyField."""

    def __init__(self, *args, min_vnd=1, max_vnd=MAX_VND, **kwargs):
        self.min_vnd, self.max_vnd = min_vnd, max_vnd
        super().__init__(*args, **kwargs)

    @cached_property
    def validators(self):
        return [
            *super().validators,
            MinValueValidator(self.min_vnd),
            MaxValueValidator(self.max_vnd),
        ]

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.min_vnd != 1:
            kwargs["min_vnd"] = self.min_vnd
        if self.max_vnd != MAX_VND:
            kwargs["max_vnd"] = self.max_vnd
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        kwargs.pop("widget", None)  # a number input refuses "20.000"
        # Field's, not IntegerField's: MoneyField takes no min_value or max_value.
        return models.Field.formfield(
            self,
            **{
                "form_class": MoneyField,
                "min_vnd": self.min_vnd,
                "max_vnd": self.max_vnd,
                **kwargs,
            },
        )
