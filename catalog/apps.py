from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Catalog")

    def ready(self):
        # Phones save photos as HEIC; let Pillow (and so Wagtail's Willow) read them.
        from pillow_heif import register_heif_opener

        register_heif_opener()
