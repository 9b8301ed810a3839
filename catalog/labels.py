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


def render_label(product, url):
    label = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(label)
    qr_size = HEIGHT - 2 * MARGIN
    label.paste(_qr_image(url, qr_size), (MARGIN, MARGIN))
    x = MARGIN * 2 + qr_size
    text_width = WIDTH - x - MARGIN
    producer = product.producer
    commune = product.origin_commune or producer.commune
    certifications = [c.upper() if c != "organic" else _("Organic") for c in product.certifications]
    if product.ocop_stars:
        certifications.append(f"OCOP {product.ocop_stars}★")
    lines = [
        (product.name, _font(34, bold=True)),
        (f"{format_vnd(product.price_vnd)}/{product.get_unit_display()}", _font(28, bold=True)),
        (producer.display_name, _font(24)),
        (f"{commune.name}, {commune.province.name}" if commune else "", _font(22)),
        (", ".join(certifications), _font(22)),
        (
            _("Harvested: %(date)s")
            % {"date": formats.date_format(product.harvested_on, "SHORT_DATE_FORMAT")}
            if product.harvested_on
            else "",
            _font(22),
        ),
        (_("Scan to see the farm and the product"), _font(18)),
    ]
    y = MARGIN
    for text, font in lines:
        if not text:
            continue
        draw.text((x, y), _fit(draw, text, font, text_width), font=font, fill="#1d2420")
        y += font.size + 16
    draw.rectangle([(0, 0), (WIDTH - 1, HEIGHT - 1)], outline="#1f7a3a", width=4)
    buffer = io.BytesIO()
    label.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
