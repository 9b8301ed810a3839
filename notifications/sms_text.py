"""How a text message is billed. Gateways count GSM-7 text (unaccented) in segments of
160 characters, 153 each when split; anything else is sent as UCS-2 (a Vietnamese text
with diacritics), 70 characters, 67 each when split."""

import unicodedata

from django.conf import settings

from marketplace.text import normalize, without_diacritics

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€")  # two septets each
# Signs outside GSM-7 that would make the text UCS-2 again.
_PLAIN = str.maketrans({"₫": "d", "–": "-", "—": "-", "“": '"', "”": '"',
                        "‘": "'", "’": "'", "`": "'", "·": "-", "…": "...", "\xa0": " "})  # fmt: skip


def is_gsm7(text):
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)


def segments(text):
    """How many messages the gateway bills for `text`."""
    if is_gsm7(text):
        length = sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
        single, part = 160, 153
    else:
        length = len(text.encode("utf-16-le")) // 2
        single, part = 70, 67
    return 1 if length <= single else -(-length // part)


def unaccented(text):
    """'Đơn hàng mới' -> 'Don hang moi': readable, and three times cheaper to send."""
    return without_diacritics(normalize(text).translate(_PLAIN))


def clean(text):
    """One line of printable text: names and notes typed by people carry tabs, newlines
    and control characters that would break a message or its billing."""
    printable = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in normalize(text))
    return " ".join(printable.split())


def as_sent(text):
    return unaccented(text) if settings.SMS_UNACCENTED else text
