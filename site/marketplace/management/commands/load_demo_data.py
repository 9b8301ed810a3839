from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.demo import create_demo_accounts
from areas.demo import give_demo_areas
from areas.models import Commune
from catalog.demo import create_demo_catalog
from catalog.models import Product
from compliance.demo import create_demo_identity_checks
from harvests.demo import create_demo_harvests
from marketplace.demo import create_site_pages
from orders.demo import create_demo_delivery, create_demo_orders
from payments.demo import create_demo_bank_accounts
from producers.demo import create_demo_producers, give_demo_farmer_a_producer
from reports.demo import create_demo_targets
from reviews.demo import create_demo_reviews
from search.client import elasticsearch_enabled
from traceability.demo import create_demo_lots
from wholesale.demo import create_demo_business, create_demo_tiers


class Command(BaseCommand):
    help = "Load the demo site: pages, accounts, communes and producers. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--producers", type=int, default=600, help="How many demo producers.")

    def handle(self, *args, producers=600, **options):
        if create_site_pages():
            self.stdout.write("Created the demo pages.")
        created = create_demo_accounts()
        if created:
            self._report_logins(created)
        if not Commune.objects.exists():
            call_command("load_admin_units", stdout=self.stdout)
        if give_demo_areas():
            self.stdout.write("Gave the demo officials and digital team their areas.")
        User = get_user_model()
        helper = User.objects.get(username="totcns")
        made = create_demo_producers(
            count=producers, helper=helper, official=User.objects.get(username="canbo")
        )
        if made:
            give_demo_farmer_a_producer(User.objects.get(username="nongdan"))
            self.stdout.write(f"Created {made} demo producers.")
        products = create_demo_catalog()
        if products:
            self.stdout.write(
                f"Created {products} demo products, {Product.objects.public().count()} of them listed."
            )
            if elasticsearch_enabled():
                call_command("search_index", "rebuild", stdout=self.stdout)
            call_command("snapshot_listing_counts", "--backfill", stdout=self.stdout)
        if create_demo_targets():
            self.stdout.write("Created the demo targets.")
        delivering = create_demo_delivery()
        if delivering:
            self.stdout.write(f"{delivering} demo producers deliver themselves and by courier.")
        orders = create_demo_orders()
        if orders:
            self.stdout.write(f"Created {orders} demo orders of the last four weeks.")
        checked = create_demo_identity_checks()
        if checked:
            self.stdout.write(f"Checked the identity of {checked} demo producers' representatives.")
        accounts = create_demo_bank_accounts()
        if accounts:
            self.stdout.write(
                f"Gave {accounts} demo producers a bank account for VietQR transfers."
            )

        harvests = create_demo_harvests()
        if harvests:
            self.stdout.write(f"Announced {harvests} demo harvests of the next twelve weeks.")

        lots = create_demo_lots()
        if lots:
            self.stdout.write(f"Recorded a lot of {lots} demo products.")
        reviews = create_demo_reviews()
        if reviews:
            self.stdout.write(f"{reviews} delivered demo order lines were reviewed.")
        tiered = create_demo_tiers()
        if tiered:
            self.stdout.write(f"Gave {tiered} demo products quantity prices.")
        kitchen_password = create_demo_business()
        if kitchen_password:
            self._report_logins(
                [("bepan", kitchen_password, "Bếp ăn trường học (approved business buyer)")],
                append=True,
            )

    def _report_logins(self, created, append=False):
        lines = ["Demo logins (shown once; change them with manage.py changepassword):"]
        lines += [f"  {username:<8} {password:<14} {role}" for username, password, role in created]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
        logins_file = settings.VAR_DIR / "demo-logins.txt"
        if settings.VAR_DIR.is_dir():
            with logins_file.open("a" if append else "w", encoding="utf-8") as written:
                written.write("\n".join(lines[1:] if append else lines) + "\n")
            logins_file.chmod(0o600)
            self.stdout.write(f"Also written to {logins_file}")
