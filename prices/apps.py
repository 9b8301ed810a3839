from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PricesConfig(AppConfig):
    name = "prices"
    verbose_name = _("Market prices")

    def ready(self):
        import datetime

        from catalog import price_hints
        from marketplace import events, schedule

        from . import hints, recording, tasks

        events.listen("part_delivered", recording.record_part)
        price_hints.register(hints.recent_prices)
        schedule.daily(datetime.time(0, 20), tasks.close_periods)
