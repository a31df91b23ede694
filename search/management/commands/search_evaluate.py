"""`adimarko search-evaluate`: NDCG@10, MRR and zero-result rate per backend over the judgment file."""

from django.core.management.base import BaseCommand, CommandError

from search.connection import search_engine_configured
from search.evaluation import JUDGMENTS, evaluate, load_judgments, summary
from search.selectors import indexable_products


class Command(BaseCommand):
    help = "Score search relevance against graded judgments over the demo catalogue (adimarko seed-demo)."

    def add_arguments(self, parser):
        parser.add_argument("--judgments", default=str(JUDGMENTS))
        parser.add_argument("--backend", choices=["all", "elasticsearch", "database"], default="all")
        parser.add_argument(
            "--reindex", action="store_true", help="rebuild the index from the database first"
        )
        parser.add_argument("--per-query", action="store_true", help="print each query's scores")

    def handle(self, *args, judgments, backend, reindex, per_query, **options):
        items = load_judgments(judgments)
        known = set(indexable_products().values_list("slug", flat=True))
        missing = sorted({slug for item in items for slug in item["judgments"]} - known)
        if missing:
            self.stderr.write(
                f"{len(missing)} judged products are not public here (run seed-demo): {missing[:5]}"
            )
        backends = ["elasticsearch", "database"] if backend == "all" else [backend]
        if "elasticsearch" in backends and not search_engine_configured():
            if backend == "elasticsearch":
                raise CommandError("ELASTICSEARCH_URL is not set.")
            backends.remove("elasticsearch")
        if reindex and "elasticsearch" in backends:
            from search.reindex import rebuild_index

            rebuild_index()
        self.stdout.write(f"{len(items)} judged queries from {judgments}")
        self.stdout.write(f"{'backend':<14} {'NDCG@10':>8} {'MRR':>6} {'zero-result rate':>17}")
        for name in backends:
            scores = evaluate(name, items)
            if per_query:
                for score in scores:
                    self.stdout.write(
                        f"  {score.query:<30} ndcg={score.ndcg:.3f} rr={score.reciprocal_rank:.3f} "
                        f"total={score.total}"
                    )
            figures = summary(scores)
            ndcg, mrr, zero = figures["ndcg@10"], figures["mrr"], figures["zero_result_rate"]
            self.stdout.write(f"{name:<14} {ndcg:>8.3f} {mrr:>6.3f} {zero:>17.1%}")
