from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")

    def ready(self):
        from marketplace import jurisdiction, schedule
        from marketplace import personal_data as held

        from . import personal_data, tasks
        from .models import Complaint, ComplaintPhoto

        schedule.every(3600, tasks.mediate_unanswered)
        held.holds(export=personal_data.export, erase=personal_data.erase)

        jurisdiction.declare(Complaint, "part__producer__commune")
        jurisdiction.declare(ComplaintPhoto, "complaint__part__producer__commune")
