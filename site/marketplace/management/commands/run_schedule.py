import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from marketplace.schedule import Scheduler, entries


class Command(BaseCommand):
    help = "Enqueue the periodic tasks (search outbox, payments, nightly snapshot) when due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue what is due now and stop.")

    def handle(self, *args, once=False, **options):
        scheduler = Scheduler(timezone.now())
        names = ", ".join(entry.task.name for entry in entries())
        self.stdout.write(f"Scheduling: {names}")
        while True:
            for task in scheduler.due(timezone.now()):
                task.enqueue()
                self.stdout.write(f"{timezone.localtime():%Y-%m-%d %H:%M:%S} enqueued {task.name}")
            if once:
                return
            wait = (scheduler.next_moment() - timezone.now()).total_seconds()
            time.sleep(min(max(wait, 0.5), 30))
