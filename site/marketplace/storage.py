"""Private files: certificate scans and the like, never under MEDIA_URL.

They are read only by the site and handed out by permission-checked views as
attachments. The embedded default keeps them on local disk under
PRIVATE_MEDIA_ROOT; with S3_BUCKET set they go to a private bucket (settings).
"""

import mimetypes
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse


class PrivateFileSystemStorage(FileSystemStorage):
    """Local private files; the folder is read from settings each time (tests move it)."""

    def __init__(self, **kwargs):
        kwargs["base_url"] = None
        super().__init__(**kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a checked view.")


def private_storage():
    return storages["private"]


def attachment_response(content, filename):
    """A private file (an open file or bytes' stream) handed to its reader: always an
    attachment, sandboxed by its Content-Security-Policy and never type-sniffed, so even
    a file that slipped past the upload checks cannot run script on the site's origin."""
    response = FileResponse(
        content,
        as_attachment=True,
        filename=filename,
        content_type=mimetypes.guess_type(filename)[0] or "application/octet-stream",
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def s3_options(bucket, **options):
    """django-storages' S3 options from the environment: any S3-compatible service
    (S3_ENDPOINT_URL), short timeouts (a photo upload waits for it), random names kept."""
    from botocore.config import Config

    return {
        "bucket_name": bucket,
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
        "access_key": os.environ.get("S3_ACCESS_KEY_ID", ""),
        "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY", ""),
        "region_name": os.environ.get("S3_REGION", "us-east-1"),
        "addressing_style": os.environ.get("S3_ADDRESSING_STYLE", "path"),
        "file_overwrite": False,
        "client_config": Config(
            connect_timeout=2, read_timeout=10, retries={"max_attempts": 2, "mode": "standard"}
        ),
        **options,
    }
