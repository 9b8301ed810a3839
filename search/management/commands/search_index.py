from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.client import background_client, elasticsearch_enabled


class Command(BaseCommand):
    help = (
        "Product search index: rebuild (new index, atomic alias swap), drain (the outbox), status."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "drain", "status"])

    def handle(self, *args, action, **options):
        if not elasticsearch_enabled():
            raise CommandError("ELASTICSEARCH_URL is not set: search uses the database.")
        if action == "rebuild":
            name, count, seconds = indexing.rebuild()
            sent = indexing.drain_all(
                client=background_client()
            )  # changes made while the rebuild ran
            self.stdout.write(
                f"Built {name}: {count} products in {seconds:.1f} s "
                f"({count / max(seconds, 0.001):.0f} documents/s); then {sent} queued changes."
            )
        elif action == "drain":
            self.stdout.write(
                f"Sent {indexing.drain_all(client=background_client())} queued changes."
            )
        else:
            status = indexing.status()
            same = status["indexed"] == status["listed_in_database"]
            self.stdout.write(
                f"pending outbox rows: {status['pending']}\n"
                f"alias: {status['alias']} -> {', '.join(status['indices']) or '(none)'}\n"
                f"documents: {status['indexed']}; listed products in the database: "
                f"{status['listed_in_database']} ({'equal' if same else 'DIFFERENT'})"
            )
            if not same:
                raise CommandError("The index and the database differ: run drain, or rebuild.")
