import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports import snapshots


class Command(BaseCommand):
    help = "Snapshot listing counts from the event log: one date (default yesterday) or --backfill."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat)
        parser.add_argument("--backfill", action="store_true", help="Every day up to yesterday.")

    def handle(self, *args, date=None, backfill=False, **options):
        if backfill:
            self.stdout.write(f"Snapshotted {snapshots.backfill()} days.")
            return
        date = date or timezone.localdate() - datetime.timedelta(days=1)
        if date > timezone.localdate():
            raise CommandError("The date is in the future.")
        rows = snapshots.snapshot(date)
        self.stdout.write(f"Snapshotted {date}: {rows} rows.")
