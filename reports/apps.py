import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Listing counts")

    def ready(self):
        from catalog import listing
        from marketplace import jurisdiction, schedule

        from . import recording, tasks
        from .models import Target

        listing.register("listing_changed", recording.record_listing_changes)
        listing.register("history_imported", recording.import_history)
        schedule.daily(datetime.time(0, 5), tasks.snapshot_listing_counts)

        # A province's target is seen by its communes' officials; a commune's by the province's.
        jurisdiction.declare(Target, "commune", "province__communes", to_many=True)
