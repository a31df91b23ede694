#!/usr/bin/env bash
# Test tools of the public site, installed idempotently from the registries (scripts/test.sh calls this):
#   - the Nu HTML Checker (vnu): Maven Central nu.validator:validator and its dependencies, run with the JDK
#     that Elasticsearch uses (newest Java >= 17 under /usr/lib/jvm);
#   - axe-core (npm), injected into pages by the browser tests (tests/e2e/axe.py);
#   - with --lighthouse, also the Lighthouse CLI (npm) for scripts/lighthouse.sh (a benchmark, not a test).
# Writes $TOOLS/env (VNU_JAVA, VNU_CLASSPATH, AXE_CORE_JS, LIGHTHOUSE_BIN) to be sourced.
set -euo pipefail

CACHE="${ADIMARKO_CACHE:-$HOME/.cache/adimarko}"
TOOLS="$CACHE/site-tools"
VNU_VERSION="26.5.2"
AXE_VERSION="4.14.1"
LIGHTHOUSE_VERSION="12.8.2"   # 13.x needs Node >= 22.19; Debian 12 ships Node 18/20
log() { echo "site_tools.sh: $*" >&2; }

newest_java() {
  local best="" best_major=0 home major
  for home in /usr/lib/jvm/*/; do
    home="$(readlink -f "$home")"
    [[ -x "$home/bin/java" ]] || continue
    major="$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
             | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
    if [[ -n "$major" ]] && ((major >= 17 && major > best_major)); then best="$home"; best_major="$major"; fi
  done
  if [[ -n "$best" ]]; then echo "$best/bin/java"; else command -v java || true; fi
}

install_vnu() {
  local lib="$TOOLS/vnu-$VNU_VERSION/lib" work
  [[ -f "$lib/.complete" ]] && return
  command -v mvn >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null; }
  log "installing the Nu HTML Checker $VNU_VERSION from Maven Central"
  work="$(mktemp -d)"
  mvn -q -B dependency:get -Dtransitive=false -Dartifact="nu.validator:validator:$VNU_VERSION:pom" >&2
  cp "$HOME/.m2/repository/nu/validator/validator/$VNU_VERSION/validator-$VNU_VERSION.pom" "$work/pom.xml"
  rm -rf "$lib" && mkdir -p "$lib"
  mvn -q -B -f "$work/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib" >&2
  mvn -q -B dependency:copy -Dtransitive=false -Dartifact="nu.validator:validator:$VNU_VERSION" \
    -DoutputDirectory="$lib" >&2
  rm -rf "$work"
  touch "$lib/.complete"
}

install_npm() {   # install_npm PACKAGE VERSION
  local prefix="$TOOLS/node"
  [[ -f "$prefix/node_modules/$1/package.json" ]] \
    && grep -q "\"version\": \"$2\"" "$prefix/node_modules/$1/package.json" && return
  command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
  log "installing $1@$2 from npm"
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --silent --save-exact "$1@$2" >&2
}

mkdir -p "$TOOLS"
install_vnu
install_npm axe-core "$AXE_VERSION"
[[ "${1:-}" == "--lighthouse" ]] && install_npm lighthouse "$LIGHTHOUSE_VERSION"

java_bin="$(newest_java)"
[[ -n "$java_bin" ]] || { log "no Java found for vnu"; exit 1; }
cat >"$TOOLS/env.tmp" <<ENV
export VNU_JAVA=$java_bin
export VNU_CLASSPATH='$TOOLS/vnu-$VNU_VERSION/lib/*'
export AXE_CORE_JS=$TOOLS/node/node_modules/axe-core/axe.min.js
export LIGHTHOUSE_BIN=$TOOLS/node/node_modules/.bin/lighthouse
ENV
mv "$TOOLS/env.tmp" "$TOOLS/env"
echo "vnu $VNU_VERSION (java $("$java_bin" -version 2>&1 | head -1 | cut -d'"' -f2)); axe-core $AXE_VERSION"
