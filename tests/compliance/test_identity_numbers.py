"""Citizen ID and tax code forms: what a seller types is checked before it is stored."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from compliance.identity_numbers import clean_citizen_id, clean_tax_code, masked


def test_a_citizen_id_is_twelve_digits_from_a_province_code():
    assert clean_citizen_id("082 195 012 345") == "082195012345"
    assert clean_citizen_id("079.300.000.001") == "079300000001"


@pytest.mark.parametrize("typed", ["08219501234", "0821950123456", "08219501234a",
                                   "099195012345", "000195012345", "", "٠٨٢١٩٥٠١٢٣٤٥"])  # fmt: skip
def test_a_malformed_citizen_id_is_refused(typed):
    with pytest.raises(ValidationError):
        clean_citizen_id(typed)


def test_a_tax_code_has_its_check_digit():
    assert clean_tax_code("0100109106") == "0100109106"
    assert clean_tax_code("0300588569-001") == "0300588569-001"
    assert clean_tax_code("082195012345") == "082195012345"  # a person's: the citizen ID
    with pytest.raises(ValidationError, match="chữ số kiểm tra"):
        clean_tax_code("0100109107")
    with pytest.raises(ValidationError):
        clean_tax_code("01001091")


def test_numbers_are_shown_masked():
    assert masked("082195012345") == "0**********5"
    assert masked("") == ""


@given(st.text(max_size=30))
def test_any_text_is_a_number_or_a_clear_error(text):
    for clean in (clean_citizen_id, clean_tax_code):
        try:
            cleaned = clean(text)
        except ValidationError as error:
            assert error.messages
        else:
            assert cleaned.replace("-", "").isascii() and cleaned.replace("-", "").isdigit()
