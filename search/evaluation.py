"""Relevance evaluation: graded judgments over the demo catalogue → NDCG@10, MRR and zero-result rate.

The judgment file (search/data/judgments.json) lists queries buyers type, each with products graded
3 (exactly what was asked), 2 (relevant), 1 (related) and, implicitly, 0 for everything else. Products are
named by slug, as the demo builder creates them (`adimarko seed-demo`).
"""

import json
import math
from dataclasses import dataclass
from pathlib import Path

from search.service import search_products

JUDGMENTS = Path(__file__).resolve().parent / "data" / "judgments.json"
RELEVANT = 2  # the grade from which a hit counts for the reciprocal rank


@dataclass
class QueryScore:
    query: str
    ndcg: float
    reciprocal_rank: float
    total: int
    backend: str


def load_judgments(path=JUDGMENTS) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))["queries"]


def dcg(grades) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at(ranked_grades, all_grades, k=10) -> float:
    ideal = dcg(sorted(all_grades, reverse=True)[:k])
    return dcg(ranked_grades[:k]) / ideal if ideal else 0.0


def reciprocal_rank(ranked_grades) -> float:
    for rank, grade in enumerate(ranked_grades, start=1):
        if grade >= RELEVANT:
            return 1 / rank
    return 0.0


def evaluate(backend: str, judgments: list[dict], k: int = 10) -> list[QueryScore]:
    scores = []
    for item in judgments:
        grades = item["judgments"]
        result = search_products(item["query"], page_size=k, backend=backend)
        ranked = [grades.get(hit.slug, 0) for hit in result.hits]
        scores.append(
            QueryScore(
                query=item["query"],
                ndcg=ndcg_at(ranked, list(grades.values()), k),
                reciprocal_rank=reciprocal_rank(ranked),
                total=result.total,
                backend=result.backend,
            )
        )
    return scores


def summary(scores: list[QueryScore]) -> dict[str, float]:
    n = len(scores) or 1
    return {
        "ndcg@10": sum(s.ndcg for s in scores) / n,
        "mrr": sum(s.reciprocal_rank for s in scores) / n,
        "zero_result_rate": sum(1 for s in scores if s.total == 0) / n,
    }
