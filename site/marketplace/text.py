"""Vietnamese text helpers shared by every app."""

import unicodedata

from django.utils.text import slugify
from django.utils.translation import get_language

# "đ" has no Unicode decomposition, so NFKD-based folding would drop it.
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def normalize(text):
    """Text arrives in NFC and NFD forms (phones differ); store and compare NFC."""
    return unicodedata.normalize("NFC", text or "")


def without_diacritics(text):
    """'Xoài cát Hòa Lộc' -> 'Xoai cat Hoa Loc'."""
    decomposed = unicodedata.normalize("NFKD", normalize(text).translate(_D_STROKE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text):
    """'Xoài cát Hòa Lộc' -> 'xoai cat hoa loc': for unaccented matching."""
    return without_diacritics(text).lower()


def vietnamese_slug(text):
    """'Xoài cát Hòa Lộc' -> 'xoai-cat-hoa-loc'."""
    return slugify(fold(text))


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y;
# tones (none, grave, hook, tilde, acute, dot below) only break ties.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_SHAPES = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
           ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}  # fmt: skip
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}


def localized_name(vietnamese, english):
    """The English name on English pages when there is one; the Vietnamese name otherwise."""
    return english if english and (get_language() or "").startswith("en") else vietnamese


def vietnamese_sort_key(text):
    """An ASCII key that sorts names as a Vietnamese dictionary does ("Cái Bè" before
    "Chợ Gạo", "Đồng Tháp" after "Dương"): stored beside names, so databases order by it."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFD", normalize(text).lower()):
        if char in _TONES and letters:
            tones[-1] = _TONES[char]
        elif letters and (letters[-1], char) in _SHAPES:
            letters[-1] = _SHAPES[(letters[-1], char)]
        elif not unicodedata.combining(char):
            letters.append(char)
            tones.append("0")
    # Letters become A…\ in alphabet order, a space "!", and a space ends the letters: a
    # name sorts before its own longer forms ("Ba" before "Ba Tri").
    primary = "".join(
        chr(0x41 + _ALPHABET.index(letter))
        if letter in _ALPHABET
        else "!"
        if letter == " "
        else letter
        for letter in letters
    )
    return f"{primary} {''.join(tones)}"
