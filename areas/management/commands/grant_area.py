from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from areas.jurisdiction import grant
from areas.models import Commune, Province


class Command(BaseCommand):
    help = (
        "Give an official or a digital-team member the areas they work in: communes, "
        "provinces or the whole installation. Without an area an official sees nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--commune", type=int, action="append", default=[], metavar="CODE")
        parser.add_argument("--province", type=int, action="append", default=[], metavar="CODE")
        parser.add_argument(
            "--everywhere", action="store_true", help="The whole installation (national view)."
        )

    def handle(self, username, commune, province, everywhere, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        if not (commune or province or everywhere):
            raise CommandError("Give --commune CODE, --province CODE or --everywhere.")
        communes = list(Commune.objects.filter(code__in=commune))
        provinces = list(Province.objects.filter(code__in=province))
        unknown = set(commune) - {c.code for c in communes} | set(province) - {
            p.code for p in provinces
        }
        if unknown:
            raise CommandError(f"Unknown area code(s): {', '.join(map(str, sorted(unknown)))}.")
        made = grant(user, communes=communes, provinces=provinces, everywhere=everywhere)
        held = ", ".join(str(row) for row in user.area_grants.select_related("province", "commune"))
        self.stdout.write(f"{username}: {len(made)} area(s) added; holds {held}.")
