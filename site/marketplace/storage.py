"""Private files: certificate scans and the like, never under MEDIA_URL.

They are read only by the site and handed out by permission-checked views as
attachments. The embedded default keeps them on local disk under
PRIVATE_MEDIA_ROOT; an operator may point STORAGES["private"] at private object
storage instead.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


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
