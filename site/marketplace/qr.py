"""QR codes drawn as inline SVG (a few kilobytes, no image request on a slow phone)."""

import io

import segno


def qr_svg(text, *, title, scale=5, border=2):
    buffer = io.BytesIO()
    segno.make(text, error="m").save(
        buffer, kind="svg", scale=scale, border=border, xmldecl=False, svgns=True, title=title
    )
    return buffer.getvalue().decode()
