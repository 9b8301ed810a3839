from django.core.management.base import BaseCommand, CommandError

from marketplace.formatting import format_number
from reports.consistency import FIGURES, differences, todays_counts


class Command(BaseCommand):
    help = (
        "Today's listed products from the event log, the snapshots, the database and "
        "Elasticsearch; exits non-zero when they differ."
    )

    def handle(self, *args, **options):
        sources = todays_counts()
        self.stdout.write(f"{'':<16}" + "".join(f"{name:>20}" for name in FIGURES))
        for source, counts, note in sources:
            cells = "".join(
                f"{format_number(counts[name]) if counts and name in counts else '—':>20}"
                for name in FIGURES
            )
            self.stdout.write(f"{source:<16}{cells}{'  ' + note if note else ''}")
        found = differences(sources)
        if found:
            raise CommandError(
                "The counts differ: " + "; ".join(f"{name} {values}" for name, values in found)
            )
        self.stdout.write(self.style.SUCCESS("All sources agree."))
