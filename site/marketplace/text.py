"""Vietnamese text helpers shared by every app."""

import unicodedata

from django.utils.text import slugify

# "đ" has no Unicode decomposition, so NFKD-based folding would drop it.
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def normalize(text):
    """Text arrives in NFC and NFD forms (phones differ); store and compare NFC."""
    return unicodedata.normalize("NFC", text or "")


def fold(text):
    """'Xoài cát Hòa Lộc' -> 'xoai cat hoa loc': for unaccented matching."""
    decomposed = unicodedata.normalize("NFKD", normalize(text).translate(_D_STROKE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def vietnamese_slug(text):
    """'Xoài cát Hòa Lộc' -> 'xoai-cat-hoa-loc'."""
    return slugify(fold(text))
