import datetime
import random
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from areas.models import Commune
from catalog.demo import SPECIALTIES, create_products
from marketplace.text import vietnamese_slug
from producers.models import Producer, StatusChange


class Command(BaseCommand):
    help = "Make a large deterministic catalogue (verified producers and products) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--producers", type=int, default=2000)
        parser.add_argument("--products", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, producers, products, seed, **options):
        started = time.perf_counter()
        rng = random.Random(seed)
        communes = list(Commune.objects.served().values_list("pk", flat=True))
        if not communes:
            self.stderr.write("No communes: run manage.py load_admin_units first.")
            return
        with transaction.atomic():
            made = Producer.objects.bulk_create(
                [
                    Producer(
                        kind="household",
                        display_name=f"Nhà vườn tổng hợp {seed}-{number}",
                        representative="Nguyễn Văn A",
                        slug=vietnamese_slug(f"nha vuon tong hop {seed} {number}"),
                        phone=f"+8470{seed % 10}{number:06d}",
                        commune_id=rng.choice(communes),
                        # Producers sell what they make: a mix of specialties, so
                        # searches match a realistic share of the catalogue.
                        main_products=rng.choice(SPECIALTIES).name,
                        status="verified",
                    )
                    for number in range(producers)
                ],
                batch_size=2000,
            )
            Producer.objects.filter(pk__in=[p.pk for p in made]).refresh_search_text()
            # Verified two years ago (before their listings): the officials' history says so.
            verified_at = timezone.now() - datetime.timedelta(days=730)
            StatusChange.objects.bulk_create(
                [
                    StatusChange(
                        producer=producer,
                        from_status="submitted",
                        to_status="verified",
                        changed_at=verified_at,
                    )
                    for producer in made
                ],
                batch_size=2000,
            )
            create_products(made, products, seed)
        # Fresh statistics after a bulk load, or the query planner guesses (SQLite and PostgreSQL).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"Created {producers} producers and {products} products "
            f"in {time.perf_counter() - started:.1f} s (seed {seed})."
        )
