"""Phone numbers, parsed and validated with phonenumbers, stored in E.164: Vietnamese for
accounts; a buyer may give a foreign one with its country code."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REGION = "VN"


def parse_phone(raw):
    """'0912 345 678', '+84 912345678' -> '+84912345678'; ValidationError otherwise."""
    try:
        number = phonenumbers.parse((raw or "").strip(), REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _("Enter a Vietnamese phone number: 10 digits starting with 0, such as 09xx xxx xxx."),
            code="invalid_phone",
        ) from None
    if phonenumbers.region_code_for_number(number) != REGION:
        raise ValidationError(
            _("Only Vietnamese phone numbers (+84) can be used."), code="foreign_phone"
        )
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("This phone number does not exist. Check the 10 digits, starting with 0."),
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_any_phone(raw):
    """A buyer's phone: Vietnamese as parse_phone() reads it, or any valid number written
    with its country code ('+44 7700 900123'); E.164, or ValidationError."""
    raw = (raw or "").strip()
    if not raw.startswith(("+", "00")) or raw.startswith(("+84", "0084")):
        return parse_phone(raw)
    try:
        number = phonenumbers.parse("+" + raw[2:] if raw.startswith("00") else raw, None)
    except phonenumbers.NumberParseException:
        number = None
    # Possible, not "valid": a country's numbering plan changes faster than our copy of it
    # (+44 7700 900123 is a real format phonenumbers calls invalid).
    if number is None or not phonenumbers.is_possible_number(number):
        raise ValidationError(
            _("This phone number does not exist. Check the country code and the digits."),
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_vietnamese(e164):
    return (e164 or "").startswith("+84")


def display_phone(e164):
    """'+84912345678' -> '0912 345 678', as Vietnamese write it; a foreign number in the
    international form ('+44 7700 900123')."""
    if not e164:
        return ""
    number = phonenumbers.parse(e164, REGION)
    if not is_vietnamese(e164):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def phone_digits(e164):
    """For tel: and Zalo links: '+84912345678' -> '0912345678' (a foreign one stays E.164)."""
    return display_phone(e164).replace(" ", "") if is_vietnamese(e164) else e164
