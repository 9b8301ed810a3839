from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        from marketplace import jurisdiction

        from .models import Breach, DataRequest

        # A buyer's request (no farm) and the breach register are the whole installation's.
        jurisdiction.declare(
            DataRequest, "user__producer_memberships__producer__commune", to_many=True
        )
        jurisdiction.declare(Breach)
