from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProducersConfig(AppConfig):
    name = "producers"
    verbose_name = _("Producers")

    def ready(self):
        from marketplace import jurisdiction
        from marketplace import personal_data as held

        from . import personal_data
        from .models import Producer, ProducerChange

        held.holds(
            export=personal_data.export,
            erase=personal_data.erase,
            identifies=personal_data.identifies,
        )

        jurisdiction.declare(Producer, "commune")
        jurisdiction.declare(ProducerChange, "producer__commune")
