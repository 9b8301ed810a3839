"""Photos made in memory for upload tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

ORIENTATION = 0x0112
GPS_IFD = 0x8825


def jpeg(width=60, height=40, colour=(200, 60, 40), orientation=None, gps=False, name="anh.jpg"):
    image = Image.new("RGB", (width, height), colour)
    exif = Image.Exif()
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        exif[0x010F] = "PhoneMaker"  # camera make
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (10.0, 20.0, 30.0), 3: "E", 4: (106.0, 1.0, 2.0)})
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def heic(name="anh.heic"):
    from pillow_heif import register_heif_opener

    register_heif_opener()
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 180, 60)).save(buffer, format="HEIF")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/heic")


def huge_png(megapixels=100, name="lon.png"):
    """A 100-megapixel image that is small on disk (one bit per pixel)."""
    side = int((megapixels * 1_000_000) ** 0.5)
    buffer = io.BytesIO()
    Image.new("1", (side, side)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def signed_form():
    """The photo of a household's signed consent form (assisted registration)."""
    return jpeg(name="phieu-dong-y.jpg")
