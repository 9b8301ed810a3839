"""Product photos: checked, turned upright and stripped of metadata before storage.

Wagtail's image field checks type, size and pixel count; Pillow then applies the
EXIF orientation and re-encodes without EXIF, so a phone photo's GPS position
and camera data never reach the server's disk. Renditions (thumbnails, cards,
WebP) are left to Wagtail.
"""

import io
import logging
import uuid

from botocore.exceptions import BotoCoreError, ClientError
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError
from wagtail.images import get_image_model

from marketplace.fields import PhotoField

logger = logging.getLogger(__name__)
# A full or read-only disk; object storage that refuses or cannot be reached.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)

# Browsers cannot show HEIC, so phone HEIC photos are stored as JPEG.
STORED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
JPEG_QUALITY = 88


def check_upload(upload):
    """Wagtail's checks: an image type we accept, at most 20 MB and 50 megapixels."""
    return PhotoField(required=False).clean(upload)


def random_name(extension):
    """Stored files never keep the uploaded name (a phone's name, a guessable id)."""
    return f"{uuid.uuid4().hex}.{extension}"


def strip_and_orient(upload):
    """A clean copy of the photo: upright, no EXIF, in a format browsers show."""
    upload.seek(0)
    try:
        with PILImage.open(upload) as original:
            original.load()
            image = ImageOps.exif_transpose(original)
            source_format = original.format
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(
            _("This photo is damaged or incomplete. Take or choose it again."), code="broken"
        ) from error
    except PILImage.DecompressionBombError as error:
        raise ValidationError(
            _("This image has too many pixels."), code="too_many_pixels"
        ) from error
    stored_format = source_format if source_format in STORED_FORMATS else "JPEG"
    if stored_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    # No exif= argument: Pillow writes none, so GPS and camera data are gone.
    image.save(buffer, format=stored_format, quality=JPEG_QUALITY, optimize=True)
    return ContentFile(buffer.getvalue(), name=random_name(STORED_FORMATS[stored_format]))


def store_photo(upload, title):
    """Check, clean and save an upload as a Wagtail image."""
    return store_checked_photo(check_upload(upload), title)


def store_checked_photo(checked, title):
    """Clean and save an upload a PhotoField has already checked.

    Storage that cannot take the file (disk full, read-only) is the person's problem
    to hear about, not a server error: a ValidationError their form shows, and the
    caller's transaction saves nothing."""
    try:
        return get_image_model().objects.create(title=title[:255], file=strip_and_orient(checked))
    except STORAGE_ERRORS as error:
        logger.error("A photo could not be stored: %s", error)
        raise ValidationError(
            _(
                "The photo could not be stored: the server's storage is full or cannot be "
                "written. Nothing was saved; please try again later."
            ),
            code="storage_unavailable",
        ) from error
