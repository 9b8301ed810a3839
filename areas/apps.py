from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "areas"
    verbose_name = _("Administrative units")

    def ready(self):
        from django.contrib.auth import get_user_model

        from marketplace import jurisdiction

        from . import jurisdiction as policy
        from .models import AreaGrant, Commune, Province

        jurisdiction.register_policy(policy.communes_held)
        jurisdiction.declare(Commune, "code")
        jurisdiction.declare(Province, "communes", to_many=True)
        jurisdiction.declare(AreaGrant, "commune", "province__communes", to_many=True)
        # A person (a digital-team member in the activity report) is in the areas they work in.
        jurisdiction.declare(
            get_user_model(),
            "area_grants__commune",
            "area_grants__province__communes",
            to_many=True,
        )
