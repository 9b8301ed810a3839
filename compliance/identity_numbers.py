"""The numbers that say who a seller is: the 12-digit citizen ID (căn cước / CCCD) and
the tax code (mã số thuế), checked for their form before anything is stored.

A citizen ID starts with the code of the province of birth registration (Circular
07/2016/TT-BCA, Article 7), then a digit for century and sex, two of the birth year
and six more. Since 1 July 2025 an individual's tax code is that same 12-digit
number (Circular 86/2024/TT-BTC, Article 5); an organisation's is ten digits whose
last is a check digit, with "-NNN" for a dependent unit.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The 63 province codes of Circular 07/2016/TT-BCA: the first three digits of every ID.
BIRTH_PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)
TAX_CODE_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def _digits(value):
    return re.sub(r"[\s.]", "", str(value or ""))


def clean_citizen_id(value):
    """The 12 digits of a citizen ID, or ValidationError saying what is wrong."""
    number = _digits(value)
    if not re.fullmatch(r"[0-9]{12}", number):
        raise ValidationError(
            _("A citizen ID number has 12 digits, as on the chip ID card."), code="citizen_id"
        )
    if number[:3] not in BIRTH_PROVINCE_CODES:
        raise ValidationError(
            _("%(code)s is not a province code: check the first three digits of the ID card.")
            % {"code": number[:3]},
            code="citizen_id_province",
        )
    return number


def organisation_check_digit(first_nine):
    remainder = sum(int(d) * w for d, w in zip(first_nine, TAX_CODE_WEIGHTS, strict=True)) % 11
    return 10 - remainder


def clean_tax_code(value):
    """A tax code: 10 digits with a valid check digit (-NNN for a branch), or an
    individual's 12-digit citizen ID."""
    code = _digits(value).upper()
    if re.fullmatch(r"[0-9]{12}", code):
        return clean_citizen_id(code)
    match = re.fullmatch(r"([0-9]{10})(-[0-9]{3})?", code)
    if not match:
        raise ValidationError(
            _("A tax code has 10 digits (13 with “-” and a branch number), or 12 for a person."),
            code="tax_code",
        )
    if organisation_check_digit(code[:9]) != int(code[9]):
        raise ValidationError(
            _("%(code)s is not a valid tax code: its last digit does not match. Check each digit.")
            % {"code": code},
            code="tax_code_check_digit",
        )
    return code


def masked(number):
    """0**********7: enough to recognise, not enough to use."""
    if not number:
        return ""
    if len(number) <= 2:
        return "*" * len(number)
    return number[0] + "*" * (len(number) - 2) + number[-1]
