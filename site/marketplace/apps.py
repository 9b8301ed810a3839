from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Site pages")

    def ready(self):
        # Phones save photos as HEIC; let Pillow (and so Wagtail's Willow) read them.
        from pillow_heif import register_heif_opener

        register_heif_opener()
