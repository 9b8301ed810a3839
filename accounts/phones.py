"""Vietnamese phone numbers: parsed and validated with phonenumbers, stored in E.164."""

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


def display_phone(e164):
    """'+84912345678' -> '0912 345 678', as Vietnamese write it."""
    if not e164:
        return ""
    number = phonenumbers.parse(e164, REGION)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def phone_digits(e164):
    """For tel: and Zalo links: '+84912345678' -> '0912345678'."""
    return display_phone(e164).replace(" ", "")
