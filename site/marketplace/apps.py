from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Site pages")

    def ready(self):
        # Phones save photos as HEIC; let Pillow (and so Wagtail's Willow) read them.
        from pillow_heif import register_heif_opener

        register_heif_opener()
        self.purge_kept_pages_on_site_changes()

    @staticmethod
    def purge_kept_pages_on_site_changes():
        """A page published, moved or withdrawn (the menu shows them) or a setting saved
        changes what every kept page shows."""
        from django.apps import apps
        from django.db.models.signals import post_delete
        from wagtail import signals
        from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
        from wagtail.models import Page

        from . import page_cache

        def purge(**kwargs):
            page_cache.purge_everything()

        for signal in (signals.page_published, signals.page_unpublished, signals.post_page_move):
            signal.connect(purge, weak=False, dispatch_uid=f"page-cache-{signal}")
        post_delete.connect(purge, sender=Page, weak=False, dispatch_uid="page-cache-page-deleted")
        for model in apps.get_models():
            if issubclass(model, (BaseGenericSetting, BaseSiteSetting)):
                page_cache.purge_everything_on_save(model)
