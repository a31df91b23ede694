"""The benchmark table of tests/benchmarks/run_all.py: rows and verdicts from given figures, nothing timed."""

from tests.benchmarks.run_all import normalise, write_table

INFO = {
    "date": "2026-12-07 18:00 UTC",
    "cpus": 2,
    "model": "AMD EPYC",
    "ram_gb": 23.5,
    "load_average": "9.1 8.0 7.5",
    "python": "3.11.2",
    "loop_ms": 31.5,
}


def _rows(text: str) -> dict[str, list[str]]:
    """Table rows by their first cell, the other cells stripped."""
    rows = {}
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith("| what"):
            cells = [cell.strip() for cell in line.strip("|").split(" | ")]
            rows[cells[0]] = cells[1:]
    return rows


def test_table_rows_and_verdicts(tmp_path):
    checkout = normalise(
        "checkout",
        {
            "checkout (order_start)": {"cpu_ms": 9.4, "queries": [14, 14], "target_cpu_ms": 8},
            "checkout (order_start), 100 buyers within 1000 ms": {
                "cpu_ms": 12.0,
                "wall_p50_ms": 40.0,
                "wall_p95_ms": 150.5,
                "target_p95_ms": 200,
                "failures": 0,
            },
            "load_average": 9.5,
        },
    )
    search = normalise(
        "search-es",
        {
            "elasticsearch full reindex": {"seconds": 75.25, "products_per_s": 1329, "target_s": 60},
            "elasticsearch faceted": {
                "cpu_ms": 3.0,
                "wall_p50_ms": 20.0,
                "wall_p95_ms": 49.0,
                "took_p50_ms": 9,
                "took_p95_ms": 30,
                "target_p95_ms": 50,
            },
            "elasticsearch typo": {
                "cpu_ms": 2.5,
                "wall_p50_ms": 10.0,
                "wall_p95_ms": 90.0,
                "target_p95_ms": None,
            },
        },
    )
    lighthouse = {
        "lighthouse: Lighthouse mobile /": {
            "performance": 88,
            "accessibility": 100,
            "bytes_before_images": 1000,
            "at_least": {"performance": 90, "accessibility": 95},
            "at_most": {"bytes_before_images": 153600},
        }
    }
    pages = normalise(
        "pages",
        {
            "home": {"cpu_ms": 31.0, "cpu_ms_rounds": [30.5, 31.0], "queries": [17, 17]},
            "storefront": {"cpu_ms": 20.6, "queries": [8, 8]},
        },
    )
    failed = {"catalog: catalog": {"error": "no figures (exit 1; log build/benchmarks/catalog.log)"}}
    path = tmp_path / "benchmarks" / "latest.md"

    text = write_table(
        checkout | search | lighthouse | pages | failed, path, info=INFO, command="bash scripts/bench.sh"
    )

    assert path.read_text() == text
    assert "- date: 2026-12-07 18:00 UTC" in text
    assert "- machine: 2 CPUs (AMD EPYC), 23.5 GB RAM, Python 3.11.2" in text
    assert "- load average at the end (1, 5, 15 min): 9.1 8.0 7.5" in text
    assert "an empty 200,000-step Python loop took 31.5 ms of CPU" in text
    rows = _rows(text)
    assert rows["checkout: checkout (order_start)"] == ["9.4", "14", "", "CPU ≤ 8 ms", "no", "load 9.5"]
    assert rows["checkout: checkout (order_start), 100 buyers within 1000 ms"] == [
        "12.0",
        "",
        "40.0 / 150.5",
        "p95 ≤ 200 ms",
        "yes",
        "0 failures",
    ]
    assert rows["search-es: elasticsearch full reindex"] == [
        "",
        "",
        "75.2 s",
        "≤ 60 s",
        "no",
        "1,329 products/s",
    ]
    assert rows["search-es: elasticsearch faceted"] == [
        "3.0",
        "",
        "20.0 / 49.0",
        "p95 ≤ 50 ms",
        "yes",
        "engine took p50 9 ms, p95 30 ms",
    ]
    # No target: no verdict.
    assert rows["search-es: elasticsearch typo"][3:5] == ["", ""]
    assert rows["lighthouse: Lighthouse mobile /"][3:5] == [
        "performance ≥ 90; accessibility ≥ 95; bytes_before_images ≤ 153,600",
        "no",
    ]
    assert rows["pages: home"][:5] == ["31.0", "17", "", "CPU ≤ 30 ms", "no"]
    assert rows["pages: storefront"][:5] == ["20.6", "8", "", "", ""]
    assert rows["catalog: catalog"][4:] == [
        "not run",
        "no figures (exit 1; log build/benchmarks/catalog.log)",
    ]
