"""Checks on what farmers type and upload."""

import re
from pathlib import Path

import nh3
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from marketplace.photos import random_name, strip_and_orient
from marketplace.text import normalize

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_PIXELS = 50_000_000
# Extension → what the content must be. Both must agree, and images are re-encoded.
DOCUMENT_EXTENSIONS = {
    "pdf": {"PDF"},
    "jpg": {"JPEG"},
    "jpeg": {"JPEG"},
    "png": {"PNG"},
    "webp": {"WEBP"},
    "heic": {"HEIF"},
    "heif": {"HEIF"},
}
SIMPLE_HTML_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li"}
# Markup has no business in a scanned PDF; a browser would run it if it ever rendered one.
_PDF_MARKUP = re.compile(rb"<\s*(html|script|svg|body|iframe)", re.IGNORECASE)
_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|javascript:", re.IGNORECASE)


def plain_text(value):
    """Names, addresses and the like: no markup at all."""
    value = normalize(value).strip()
    if _MARKUP.search(value):
        raise ValidationError(
            _("Text cannot contain HTML or script code. Remove the “<” and “>” signs."),
            code="markup",
        )
    return value


def simple_html(value):
    """Stories and descriptions keep simple formatting; scripts are refused, not silently eaten."""
    value = normalize(value).strip()
    cleaned = nh3.clean(value, tags=SIMPLE_HTML_TAGS, attributes={})
    if re.search(r"<\s*script|javascript:|\bon\w+\s*=", value, re.IGNORECASE):
        raise ValidationError(
            _("The text cannot contain script code. Remove it and save again."), code="script"
        )
    return cleaned


def scanned_document(upload):
    """A certificate scan, judged by its name and its whole content, as a clean file to store.

    A PDF must be a PDF from its first byte to its end marker; a photo is decoded
    and re-encoded (upright, no EXIF), so nothing but the picture is kept. The
    stored name is random, whatever the upload was called.
    """
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is 10 MB. Scan at a lower resolution.")
            % {"size": round(upload.size / 1024 / 1024, 1)},
            code="too_large",
        )
    extension = Path(upload.name or "").suffix.lower().lstrip(".")
    expected = DOCUMENT_EXTENSIONS.get(extension)
    if expected is None or _content_format(upload) not in expected:
        raise ValidationError(
            _("Upload the certificate as a PDF file or a photo (JPEG, PNG, WebP, HEIC)."),
            code="file_type",
        )
    upload.seek(0)
    if expected == {"PDF"}:
        return ContentFile(upload.read(), name=random_name("pdf"))
    return strip_and_orient(upload)


def _content_format(upload):
    upload.seek(0)
    head = upload.read(5)
    if head == b"%PDF-":
        upload.seek(0)
        content = upload.read()
        if b"%%EOF" not in content[-1024:] or _PDF_MARKUP.search(content):
            return None
        return "PDF"
    upload.seek(0)
    try:
        with PILImage.open(upload) as image:
            if image.width * image.height > MAX_DOCUMENT_PIXELS:
                return None
            image.verify()
            return image.format
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        PILImage.DecompressionBombError,
    ):
        return None


MAX_REASON_LENGTH = 500


def require_reason(reason):
    """Decisions that hurt someone (a producer, a buyer) need a reason they will read:
    returned as plain text, or ValidationError."""
    if not (reason or "").strip():
        raise ValidationError(
            _("Give a reason: the producer will read it."), code="reason_required"
        )
    reason = plain_text(reason)
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(
            _("Keep the reason under %(count)s characters.") % {"count": MAX_REASON_LENGTH},
            code="reason_too_long",
        )
    return reason


# A dot-atom local part (RFC 5322 §3.4.1): Django's validator also takes quoted local
# parts such as "<b>x</b>"@example.vn, which no buyer or farmer has and a mail page renders.
_EMAIL_LOCAL_PART = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
)


def plain_email(value):
    local, _at, _domain = (value or "").rpartition("@")
    if not _EMAIL_LOCAL_PART.fullmatch(local):
        raise ValidationError(
            _("Enter an e-mail address such as ten@example.vn."), code="invalid_email"
        )


def harvest_date(value):
    """A harvest date a farmer could mean: from 2000 to a year ahead."""
    import datetime

    from django.utils import timezone

    from marketplace.parsing import EARLIEST_DATE

    latest = timezone.localdate() + datetime.timedelta(days=366)
    if not EARLIEST_DATE <= value <= latest:
        raise ValidationError(
            _("The harvest date must be between %(earliest)s and %(latest)s.")
            % {
                "earliest": EARLIEST_DATE.strftime("%d/%m/%Y"),
                "latest": latest.strftime("%d/%m/%Y"),
            },
            code="date_range",
        )


def from_2000(value):
    """A date people type (an expiry, a target's period): from EARLIEST_DATE on, as every
    date parameter is; "1900-01-01" is a slip of the finger, not a date we mean."""
    from marketplace.parsing import EARLIEST_DATE

    if value < EARLIEST_DATE:
        raise ValidationError(
            _("Enter a date from %(year)s on.") % {"year": EARLIEST_DATE.year}, code="too_early"
        )
