from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.client import background_client, elasticsearch_enabled
from search.fallback import refused_queries


class Command(BaseCommand):
    help = (
        "Product search index: rebuild (new index, atomic alias swap), drain (the outbox), "
        "status (every document compared with the database)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "drain", "status"])
        parser.add_argument("--quiet", action="store_true", help="print nothing when all is well")

    def handle(self, *args, action, quiet=False, **options):
        if not elasticsearch_enabled():
            raise CommandError("ELASTICSEARCH_URL is not set: search uses the database.")
        if action == "rebuild":
            name, count, seconds = indexing.rebuild()
            sent = indexing.drain_all(client=background_client())  # changes made meanwhile
            self.stdout.write(
                f"Built {name}: {count} products in {seconds:.1f} s "
                f"({count / max(seconds, 0.001):.0f} documents/s); then {sent} queued changes."
            )
        elif action == "drain":
            sent = indexing.drain_all(client=background_client())
            if sent or not quiet:
                self.stdout.write(f"Sent {sent} queued changes.")
        else:
            self.status()

    def status(self):
        status = indexing.status()
        differences = {
            "missing from the index": status["missing"],
            "in the index but not listed": status["extra"],
            "stale (content differs)": status["stale"],
        }
        self.stdout.write(
            f"pending outbox rows: {status['pending']}\n"
            f"queries Elasticsearch refused (bugs): {refused_queries()}\n"
            f"alias: {status['alias']} -> {', '.join(status['indices']) or '(none)'}\n"
            f"documents: {status['indexed']}; listed products in the database: "
            f"{status['listed_in_database']}"
        )
        for label, ids in differences.items():
            shown = ", ".join(map(str, ids[:20])) + (" …" if len(ids) > 20 else "")
            self.stdout.write(f"{label}: {len(ids)}" + (f" (ids {shown})" if ids else ""))
        producers = status["producers"]
        producer_differences = [producers[key] for key in ("missing", "extra", "stale")]
        self.stdout.write(
            f"producers: {producers['indexed']} documents, {producers['listed_in_database']} "
            f"verified; missing {len(producers['missing'])}, extra {len(producers['extra'])}, "
            f"stale {len(producers['stale'])}"
        )
        if any(differences.values()) or any(producer_differences):
            raise CommandError("The index and the database differ: run drain, or rebuild.")
        self.stdout.write("equal, document by document")
