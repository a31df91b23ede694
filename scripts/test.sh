#!/usr/bin/env bash
# The README test command. On a fresh machine it installs what the tests need, starts the real services
# (PostgreSQL, Elasticsearch, stripe-mock; Chromium for browser tests), runs the gates (ruff, Django checks,
# migrations, translations) and the whole suite. Every service-backed test must run: none may skip.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh tests/adimarko -x`.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Debian packages for the tests (gettext for translations)"
if ! command -v msgfmt >/dev/null || ! command -v xgettext >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
fi
echo "gettext: $(msgfmt --version | head -1)"

step "Python environment (.venv)"
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev]" -c constraints.txt
export PATH="$PWD/.venv/bin:$PATH"
python --version

step "Real services"
bash scripts/services.sh start
# shellcheck disable=SC1090
source "${ADIMARKO_RUN:-/tmp/adimarko-services}/env"
export ADIMARKO_REQUIRE_SERVICES=1

step "Public-site test tools (Nu HTML Checker, axe-core)"
bash scripts/site_tools.sh
# shellcheck disable=SC1090
source "${ADIMARKO_CACHE:-$HOME/.cache/adimarko}/site-tools/env"

step "Gates: ruff, import layers, Django checks, migrations, translations"
ruff check .
ruff format --check .
# The floors and rooms of the code (docs/architecture.md; contracts in pyproject.toml): exits 1 on a broken one.
lint-imports --no-logo
export DJANGO_SETTINGS_MODULE=adimarko.settings.test
python manage.py check --fail-level WARNING
python manage.py makemigrations --check --dry-run
python manage.py makemessages -l id --no-location --ignore=.venv --ignore=build --ignore=tests >/dev/null
python manage.py compilemessages --ignore=.venv >/dev/null
# Each app keeps its own catalogue in <app>/locale (adimarko/locale for the shared domain).
mapfile -t catalogues < <(git ls-files --cached --others --exclude-standard -- '*/locale/id/LC_MESSAGES/django.po')
if ! git diff --quiet -I '^"POT-Creation-Date' -- "${catalogues[@]}" \
  || git ls-files --others --exclude-standard -- '*/locale/*.po' | grep -q .; then
  git --no-pager diff -I '^"POT-Creation-Date' -- "${catalogues[@]}" | head -40
  git ls-files --others --exclude-standard -- '*/locale/*.po'
  echo "Translations are not current: run makemessages/compilemessages (see docs/conventions.md, 'Translations') and commit." >&2
  exit 1
fi
# Django merges all catalogues into one: a message translated differently in two of them would get either
# translation at random, so that is an error too.
conflicts=$(msgcat --more-than=1 "${catalogues[@]}" | msgattrib --only-fuzzy --no-obsolete | grep '^msgid "[^"]' || true)
if [ -n "$conflicts" ]; then
  echo "$conflicts"
  echo "These messages are translated differently in two catalogues: use one translation." >&2
  exit 1
fi
for po in "${catalogues[@]}"; do
  if msgattrib --untranslated --no-obsolete "$po" | grep -q '^msgid' \
    || msgattrib --only-fuzzy --no-obsolete "$po" | grep -q '^msgid "[^"]'; then
    msgattrib --untranslated --no-obsolete "$po" | head -20
    msgattrib --only-fuzzy --no-obsolete "$po" | head -20
    echo "Some Indonesian strings in $po are untranslated or fuzzy." >&2
    exit 1
  fi
done
echo "gates passed"

step "Test suite"
unset DJANGO_SETTINGS_MODULE
set +e
python -m pytest "$@"
status=$?
set -e
echo "test command finished in $(( $(date +%s) - started )) s with status $status"
exit $status
