"""`adimarko search-drift`: compare the product index with the database (exit status 1 on drift)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from search.connection import search_engine_configured
from search.reindex import drift


class Command(BaseCommand):
    help = "Report products missing from the index, extra in it, or indexed with outdated data."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="re-sync the products that drifted")

    def handle(self, *args, fix, **options):
        if not search_engine_configured():
            raise CommandError("ELASTICSEARCH_URL is not set: there is no index to compare.")
        try:
            report = drift(fix=fix)
        except Exception as exc:
            raise CommandError(f"Drift check failed: {exc}") from exc
        counts = {key: len(ids) for key, ids in report.items()}
        self.stdout.write(f"{counts['missing']} missing, {counts['extra']} extra, {counts['stale']} stale")
        for key, ids in report.items():
            if ids:
                shown = ", ".join(map(str, ids[:20])) + (" …" if len(ids) > 20 else "")
                self.stdout.write(f"  {key}: {shown}")
        if any(counts.values()):
            if fix:
                self.stdout.write(self.style.SUCCESS("fixed: the drifted products were synced"))
            else:
                sys.exit(1)
