#!/usr/bin/env bash
# The README demo command: install Adi Marko in .venv, migrate, build the demo data, serve on 127.0.0.1:8000.
# Runs on the embedded default (SQLite, database search), no services needed.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e . -c constraints.txt
exec .venv/bin/adimarko demo "$@"
