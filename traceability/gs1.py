"""GS1 identifiers as a QR code carries them: the GTIN (its check digit verified by
python-stdnum) and GS1 Digital Link web addresses (GS1 Digital Link standard 1.x:
/01/<GTIN-14>/10/<lot>?17=<YYMMDD>, the expiry as application identifier 17)."""

import re
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import ean

# Application identifier 10 (batch/lot): up to 20 of GS1's "AI encodable set 82"; kept to
# the letters and digits a farmer types and a QR code carries without escaping.
LOT = re.compile(r"[A-Z0-9][A-Z0-9-]{0,19}")


def clean_gtin(raw):
    digits = re.sub(r"[\s-]", "", raw or "")
    if not digits.isdigit() or len(digits) not in (8, 12, 13, 14) or not ean.is_valid(digits):
        raise ValidationError(
            _("This is not a valid GTIN: 8, 12, 13 or 14 digits, the last one the check "
              "digit (as printed under the barcode)."),
            code="gtin",
        )  # fmt: skip
    return digits.zfill(14)


def clean_lot_code(raw):
    code = (raw or "").strip().upper()
    if not LOT.fullmatch(code):
        raise ValidationError(
            _("A lot code is 1 to 20 letters, digits or dashes, e.g. XOAI-2607-01."),
            code="lot_code",
        )
    return code


def digital_link(gtin, lot_code, best_before):
    """The lot's GS1 Digital Link path on this site."""
    return f"/01/{gtin}/10/{quote(lot_code)}?17={best_before:%y%m%d}"
