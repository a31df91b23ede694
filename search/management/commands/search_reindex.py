"""`adimarko search-reindex`: rebuild the product index from the database and swap the alias (no downtime)."""

from django.core.management.base import BaseCommand, CommandError

from search.connection import search_engine_configured
from search.documents import alias_name
from search.management.progress import ProgressBar
from search.reindex import CHUNK_SIZE, rebuild_index


class Command(BaseCommand):
    help = "Build a new product index from the database, then point the alias at it in one atomic step."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE, help="documents per bulk request")

    def handle(self, *args, chunk_size, **options):
        if not search_engine_configured():
            raise CommandError(
                "ELASTICSEARCH_URL is not set: search answers from the database, nothing to index."
            )
        try:
            stats = rebuild_index(progress=ProgressBar(self.stdout, label="indexing"), chunk_size=chunk_size)
        except Exception as exc:  # the node refused or is down: say so, the live index is untouched
            raise CommandError(f"Rebuild failed, the live index is unchanged: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{stats['indexed']} products indexed into {stats['index']} in {stats['seconds']} s; "
                f"alias {alias_name()} now points to it"
                + (f" (removed {', '.join(stats['replaced'])})" if stats["replaced"] else "")
            )
        )
