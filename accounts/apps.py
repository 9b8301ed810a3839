from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from marketplace import personal_data as held

        from . import personal_data

        held.holds(export=personal_data.export, erase=personal_data.erase)
