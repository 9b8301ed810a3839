from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from marketplace import jurisdiction
        from marketplace import personal_data as held

        from . import personal_data
        from .models import Message

        held.holds(export=personal_data.export, erase=personal_data.erase)

        from marketplace import schedule

        from . import handlers, tasks

        handlers.register()
        schedule.every(60, tasks.deliver_notifications)  # retries, and what a down gateway held

        jurisdiction.declare(Message)  # the operator's delivery log
