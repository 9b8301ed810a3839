from django.conf import settings
from django.core.management.base import BaseCommand

from areas import sources
from areas.services import load_admin_units


class Command(BaseCommand):
    help = "Load Vietnam's provinces and communes (2025 two-tier system) from the data packages."

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            type=int,
            action="append",
            help="Load only this province code (repeatable). Default: all provinces.",
        )

    def handle(self, *args, province=None, **options):
        provinces, communes, districts = load_admin_units(
            province_codes=province, legacy_province_codes=[settings.HOME_PROVINCE_CODE]
        )
        self.stdout.write(
            f"Loaded {provinces} provinces, {communes} communes and {districts} former districts "
            f"(data of {sources.data_version()})."
        )
