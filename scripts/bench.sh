#!/usr/bin/env bash
# Benchmarks (not tests): runs every benchmark in its own process, prints one table of CPU ms per request,
# SQL queries, wall p50/p95, targets and verdicts, and writes it to docs/benchmarks/latest.md.
#   bash scripts/bench.sh                       all, full size
#   bash scripts/bench.sh --quick               reduced sizes (smoke run)
#   bash scripts/bench.sh --only checkout search-es [--es-url http://127.0.0.1:59201]
# Options: tests/benchmarks/run_all.py --help. Needs the services (bash scripts/services.sh start).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1090
[ -f "${ADIMARKO_RUN:-/tmp/adimarko-services}/env" ] && source "${ADIMARKO_RUN:-/tmp/adimarko-services}/env"
exec .venv/bin/python tests/benchmarks/run_all.py "$@"
