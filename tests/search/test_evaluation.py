"""Relevance evaluation: the metrics, the judgment file's shape, and the command on a small catalogue."""

import json
import math

import pytest
from django.core.management import call_command

from search.evaluation import load_judgments, ndcg_at, reciprocal_rank


def test_ndcg_and_reciprocal_rank():
    assert ndcg_at([3, 2, 0], [3, 2]) == 1.0
    swapped = ndcg_at([2, 3], [3, 2])
    expected = (3 + 7 / math.log2(3)) / (7 + 3 / math.log2(3))
    assert swapped == pytest.approx(expected)
    assert ndcg_at([0, 0], [3]) == 0.0
    assert reciprocal_rank([0, 1, 2, 3]) == pytest.approx(1 / 3)
    assert reciprocal_rank([1, 0]) == 0.0


def test_the_shipped_judgment_file_is_graded_over_slugs():
    queries = load_judgments()
    assert len(queries) >= 30
    for item in queries:
        assert item["query"].strip()
        assert item["judgments"], item["query"]
        assert set(item["judgments"].values()) <= {1, 2, 3}


@pytest.mark.django_db
def test_evaluate_command_prints_figures_per_backend(settings, catalog, tmp_path, capsys):
    settings.ELASTICSEARCH_URL = ""
    judgments = tmp_path / "judgments.json"
    judgments.write_text(
        json.dumps(
            {
                "queries": [
                    {"query": "kopu", "judgments": {catalog.kopi_wlingi.slug: 3, catalog.kopi_garum.slug: 3}},
                    {"query": "madu", "judgments": {catalog.madu.slug: 3}},
                    {"query": "zzzqqq", "judgments": {catalog.batik.slug: 3}},
                ]
            }
        )
    )
    call_command("search_evaluate", "--judgments", str(judgments), "--per-query")
    out = capsys.readouterr().out
    assert "kopu" in out and "ndcg=1.000 rr=1.000" in out
    # Two perfect queries, one with no result at all.
    assert "database          0.667  0.667             33.3%" in out
