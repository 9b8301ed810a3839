from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.demo import create_demo_accounts
from marketplace.demo import create_site_pages


class Command(BaseCommand):
    help = (
        "Load the demo site (pages and accounts). Safe to run again: it adds only what is missing."
    )

    def handle(self, *args, **options):
        if create_site_pages():
            self.stdout.write("Created the demo pages.")
        created = create_demo_accounts()
        if created:
            self._report_logins(created)

    def _report_logins(self, created):
        lines = ["Demo logins (shown once; change them with manage.py changepassword):"]
        lines += [f"  {username:<8} {password:<14} {role}" for username, password, role in created]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
        logins_file = settings.VAR_DIR / "demo-logins.txt"
        if settings.VAR_DIR.is_dir():
            logins_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
            logins_file.chmod(0o600)
            self.stdout.write(f"Also written to {logins_file}")
