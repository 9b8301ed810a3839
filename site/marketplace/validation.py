"""Checks on what farmers type and upload."""

import re

import filetype
import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.text import normalize

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/webp", "image/heic"}
SIMPLE_HTML_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li"}
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
    """A certificate scan: a PDF or a photo, at most 10 MB, judged by its content."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is 10 MB. Scan at a lower resolution.")
            % {"size": round(upload.size / 1024 / 1024, 1)},
            code="too_large",
        )
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Upload the certificate as a PDF file or a photo (JPEG, PNG)."), code="file_type"
        )
    return upload


def require_reason(reason):
    """Moderation decisions that hurt a producer need a reason it will read."""
    if not (reason or "").strip():
        raise ValidationError(
            _("Give a reason: the producer will read it."), code="reason_required"
        )
