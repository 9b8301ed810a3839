import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Legal duties")

    def ready(self):
        from marketplace import jurisdiction
        from marketplace import personal_data as held

        from . import personal_data
        from .models import IdentityCheck, Takedown, Violation

        held.holds(export=personal_data.export, erase=personal_data.erase)

        from marketplace import schedule
        from producers import disclosure
        from producers import services as producer_services

        from . import identity, tasks

        producer_services.require_for_verification(identity.missing_identity)
        disclosure.add_facts(identity.disclosed_facts)
        schedule.daily(datetime.time(7, 0), tasks.review_identities)

        jurisdiction.declare(IdentityCheck, "producer__commune")
        jurisdiction.declare(Violation, "producer__commune")
        # An authority's request may name sellers of several communes: each one's officials see it.
        jurisdiction.declare(
            Takedown, "producers__commune", "products__producer__commune", to_many=True
        )
