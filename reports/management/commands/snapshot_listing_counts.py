import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports import running, snapshots, tasks


class Command(BaseCommand):
    help = (
        "Snapshot listing counts from the event log. Nightly (no option): yesterday, and any "
        "day missed before it; --date D: that day again; --backfill: every day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat)
        parser.add_argument("--backfill", action="store_true", help="Every day up to yesterday.")

    def handle(self, *args, date=None, backfill=False, **options):
        started = time.perf_counter()
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        if backfill:
            days = snapshots.backfill()
            running.ensure_built()
        elif date:
            if date > yesterday:
                raise CommandError("Only days that are over can be snapshotted (up to yesterday).")
            days = snapshots.snapshot(date)
        else:
            days = tasks.nightly()
        seconds = time.perf_counter() - started
        self.stdout.write(f"Snapshotted {days} days in {seconds:.1f} s.")
