from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")

    def ready(self):
        from marketplace import personal_data as held
        from marketplace import schedule

        from . import personal_data, tasks

        schedule.every(3600, tasks.mediate_unanswered)
        held.holds(export=personal_data.export, erase=personal_data.erase)
