#!/usr/bin/env bash
# Benchmark (not a test): Lighthouse mobile on the key pages of a production-like server with demo data.
#   bash scripts/lighthouse.sh                 the pages listed in tests/benchmarks/lighthouse.py (PATHS)
#   bash scripts/lighthouse.sh /cari/?q=kopi   these paths instead
# Prints Performance, Accessibility and transferred bytes per page; exits 1 when a budget is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || { python3 -m venv .venv && .venv/bin/pip install -q -e ".[dev]" -c constraints.txt; }
bash scripts/site_tools.sh --lighthouse >/dev/null
# shellcheck disable=SC1090
source "${ADIMARKO_CACHE:-$HOME/.cache/adimarko}/site-tools/env"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
exec .venv/bin/python tests/benchmarks/lighthouse.py "$@"
