"""Traceability labels: a PNG with a QR code to the product's page, for boxes and stalls."""

import io
from functools import lru_cache
from pathlib import Path

import segno
from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from marketplace.formatting import format_vnd

WIDTH, HEIGHT = 900, 420
MARGIN = 24


@lru_cache(maxsize=8)
def _font(size, bold=False):
    # A font with Vietnamese glyphs; Debian's DejaVu is on every machine of ours.
    for path in settings.LABEL_FONTS[bold]:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _qr_image(url, size):
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=10, border=2)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB").resize((size, size), Image.Resampling.NEAREST)


def _fit(draw, text, font, width):
    """Cut text to the width, with an ellipsis, rather than run off the label."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def _wrap(draw, text, font, width, max_lines):
    """Break text between words into lines of the width; the last line is cut if needed."""
    lines = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [" ".join(lines[max_lines - 1 :])]
    return [_fit(draw, line, font, width) for line in lines]


def _blocks(product, lot_lines=()):
    """The label's text from the top: (text, font size, bold, how many lines it may take);
    `lot_lines`, a lot's code and dates, in place of the price and the harvest day."""
    producer = product.producer
    commune = product.origin_commune or producer.commune
    certifications = [c.upper() if c != "organic" else _("Organic") for c in product.certifications]
    if product.ocop_stars:
        certifications.append(f"OCOP {product.ocop_stars}★")
    harvested = (
        _("Harvested: %(date)s")
        % {"date": formats.date_format(product.harvested_on, "SHORT_DATE_FORMAT")}
        if product.harvested_on
        else ""
    )
    if lot_lines:
        return [
            (product.name, 34, True, 3),
            *((line, 24, True, 1) for line in lot_lines),
            (producer.display_name, 22, False, 2),
            (f"{commune.name}, {commune.province.name}" if commune else "", 20, False, 2),
            (", ".join(certifications), 20, False, 1),
            (_("Scan to trace this lot"), 18, False, 1),
        ]
    return [
        (product.name, 34, True, 4),
        (f"{format_vnd(product.price_vnd)}/{product.get_unit_display()}", 28, True, 1),
        (producer.display_name, 24, False, 2),
        (f"{commune.name}, {commune.province.name}" if commune else "", 22, False, 2),
        (", ".join(certifications), 22, False, 1),
        (harvested, 22, False, 1),
        (_("Scan to see the farm and the product"), 18, False, 1),
    ]


def layout(draw, product, width, height, lot_lines=()):
    """The lines to draw, as (text, font, y): long names wrap, and the whole text
    shrinks until it fits the label's height, so nothing is cut that could fit."""
    for scale in (1, 0.85, 0.72, 0.6):
        placed, y = [], MARGIN
        for text, size, bold, max_lines in _blocks(product, lot_lines):
            if not text:
                continue
            font = _font(round(size * scale), bold)
            for line in _wrap(draw, text, font, width, max_lines):
                placed.append((line, font, y))
                y += font.size + 4
            y += round(12 * scale)
        if y <= height - MARGIN:
            break
    return placed


def render_label(product, url, lot_lines=()):
    label = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(label)
    qr_size = HEIGHT - 2 * MARGIN
    label.paste(_qr_image(url, qr_size), (MARGIN, MARGIN))
    x = MARGIN * 2 + qr_size
    for text, font, y in layout(draw, product, WIDTH - x - MARGIN, HEIGHT, lot_lines):
        draw.text((x, y), text, font=font, fill="#1d2420")
    draw.rectangle([(0, 0), (WIDTH - 1, HEIGHT - 1)], outline="#1f7a3a", width=4)
    buffer = io.BytesIO()
    label.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
