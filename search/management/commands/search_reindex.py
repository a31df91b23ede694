"""`adimarko search-reindex`: rebuild the database backend's search rows, then (when an engine is configured)
the product index from the database with an alias swap (no downtime)."""

from django.core.management.base import BaseCommand, CommandError

from search.connection import search_engine_configured
from search.documents import alias_name
from search.management.progress import ProgressBar
from search.reindex import CHUNK_SIZE, rebuild_index
from search.rows import product_rows_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search rows of the database backend; then build a new product index from the database "
        "and point the alias at it in one atomic step (when ELASTICSEARCH_URL is set)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE, help="documents per bulk request")

    def handle(self, *args, chunk_size, **options):
        rows = product_rows_rebuild(progress=ProgressBar(self.stdout, label="search rows"))
        written = rows["written"]
        self.stdout.write(self.style.SUCCESS(f"{written} search rows written for the database backend"))
        if not search_engine_configured():
            self.stdout.write(
                "ELASTICSEARCH_URL is not set: search answers from the database, no index built."
            )
            return
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
