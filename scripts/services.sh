#!/usr/bin/env bash
# Install and run the real services the test suite needs (developers and CI).
#
#   bash scripts/services.sh start    install what is missing, start what is not running,
#                                     wait until healthy, write the env file, print versions
#   bash scripts/services.sh stop     stop the services this script started
#   bash scripts/services.sh status   print one status line per service (exit 1 if one is down)
#   bash scripts/services.sh env      print the env file (source it: eval "$(bash scripts/services.sh env)")
#
# Must run as root on Debian 12. Nothing here depends on the location of the clone:
# all state lives in $ADIMARKO_RUN (world-traversable, default /tmp/adimarko-services)
# and downloads in $ADIMARKO_CACHE (default ~/.cache/adimarko, plus ~/.m2 and Go's module cache).
set -euo pipefail

RUN="${ADIMARKO_RUN:-/tmp/adimarko-services}"
CACHE="${ADIMARKO_CACHE:-$HOME/.cache/adimarko}"
PG_PORT="${PG_PORT:-55432}"
ES_PORT="${ES_PORT:-59200}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-59300}"
ES_HEAP="${ES_HEAP:-512m}"   # JVM heap of the node (-Xms = -Xmx); benchmarks use a separate node with 1g
STRIPE_MOCK_PORT="${STRIPE_MOCK_PORT:-12111}"
ES_VERSIONS="8.19.7 8.19.6 8.19.5 8.19.4 8.19.3 8.19.2 8.19.1 8.19.0"
STRIPE_MOCK_VERSION="v0.203.0"
ES_USER="adimarko-es"
CHROMIUM_PATH="/usr/bin/chromium"
ENV_FILE="$RUN/env"
export PATH="$PATH:/usr/local/go/bin:/usr/sbin:/sbin"

# The caller's cwd may be a private (mode 700) clone: the postgres and ES users must never
# need it, so work from / (pg_ctl and java fail when they cannot read their cwd).
cd /

die() { echo "services.sh: ERROR: $*" >&2; exit 1; }
log() { echo "services.sh: $*" >&2; }

# kill_pid PIDFILE PATTERN NAME: stop the process in PIDFILE if its command line matches
# PATTERN (guards against a recycled pid), SIGKILL after 60 s; remove PIDFILE.
kill_pid() {
  local pid; pid="$(cat "$1" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && grep -qas -- "$2" "/proc/$pid/cmdline"; then
    kill "$pid"
    wait_for 60 bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
    log "$3 stopped"
  fi
  rm -f "$1"
}

# wait_for SECONDS COMMAND...: retry COMMAND every second until it succeeds.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 1
  done
}

# ---------------------------------------------------------------- Debian packages
ensure_packages() {
  local missing=() pkg
  for pkg in postgresql chromium hunspell-id unzip curl; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$pkg")
  done
  command -v mvn >/dev/null || missing+=(maven)
  if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  command -v go >/dev/null || die "Go (>= 1.22) is required to build stripe-mock; install it in /usr/local/go"
}

# ---------------------------------------------------------------- PostgreSQL
PG_DIR="$RUN/pg"          # owned by postgres; also the unix socket directory
PG_DATA="$PG_DIR/data"

pg_bin() {
  local v; v="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -n | tail -1)"
  [[ -n "$v" ]] || die "no PostgreSQL server found in /usr/lib/postgresql"
  echo "/usr/lib/postgresql/$v/bin"
}
pg_up() { "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }
pg_sql() { "$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtAc "$1"; }
pg_version() { PGPASSWORD=adimarko "$(pg_bin)/psql" "postgres://adimarko:adimarko@127.0.0.1:$PG_PORT/adimarko" -tAc 'SHOW server_version' | awk '{print $1}'; }

start_postgres() {
  local bin; bin="$(pg_bin)"
  if pg_up; then
    log "postgresql already answers on 127.0.0.1:$PG_PORT"
  else
    # Our cluster alive but not on $PG_PORT (the port was changed): restart it.
    if [[ -f "$PG_DATA/postmaster.pid" ]] && runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
      stop_postgres
    fi
    install -d -o postgres -g postgres -m 700 "$PG_DIR"
    if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
      runuser -u postgres -- "$bin/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=trust >"$PG_DIR/initdb.log" 2>&1 \
        || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
      echo "include = 'adimarko.conf'" >>"$PG_DATA/postgresql.conf"
    fi
    # Rewritten on each start so PG_PORT changes apply. Test database: durability off.
    cat >"$PG_DATA/adimarko.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
EOF
    chown postgres:postgres "$PG_DATA/adimarko.conf"
    runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/postgres.log" -w -t 60 start >/dev/null 9>&- \
      || { tail -n 30 "$PG_DIR/postgres.log" >&2; die "postgresql did not start"; }
  fi
  # Role with CREATEDB (pytest-django creates test_* databases) and the database, idempotently.
  pg_sql "DO \$\$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'adimarko') THEN
              CREATE ROLE adimarko LOGIN CREATEDB PASSWORD 'adimarko';
            END IF; END \$\$;" || die "cannot create role adimarko (is port $PG_PORT someone else's server?)"
  [[ "$(pg_sql "SELECT 1 FROM pg_database WHERE datname = 'adimarko'")" == 1 ]] \
    || pg_sql "CREATE DATABASE adimarko OWNER adimarko"
}

stop_postgres() {
  if [[ -f "$PG_DATA/postmaster.pid" ]]; then
    runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null && log "postgresql stopped"
  fi
}

# ---------------------------------------------------------------- Elasticsearch
es_answers() { curl -sS -D - -o /dev/null "http://127.0.0.1:$ES_PORT/_cluster/health" 2>/dev/null | grep -i '^x-elastic-product' >/dev/null; }
es_up() { curl -fsS "http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; }
# The integ-test-zip has no `GET /` (405; only DELETE / is routed), so ask the node itself.
es_version() {
  curl -fsS "http://127.0.0.1:$ES_PORT/_nodes/_local?filter_path=nodes.*.version" \
    | sed -n 's/.*"version" *: *"\([^"]*\)".*/\1/p'
}

# Newest JDK >= 17 under /usr/lib/jvm (the integ-test-zip ships no bundled jdk/ directory).
newest_jdk() {
  local best="" best_major=0 home major
  for home in /usr/lib/jvm/*/; do
    home="$(readlink -f "$home")"
    [[ -x "$home/bin/java" ]] || continue
    major="$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
             | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
    if [[ -n "$major" ]] && ((major >= 17 && major > best_major)); then best="$home"; best_major="$major"; fi
  done
  [[ -n "$best" ]] || die "no Java 17+ JDK found in /usr/lib/jvm (apt-get install openjdk-17-jdk-headless)"
  echo "$best"
}

# Prints the ES home to use, unpacking the newest resolvable 8.19.x integ-test-zip if needed.
es_install() {
  local v zip tmp
  for v in $ES_VERSIONS; do
    [[ -x "$RUN/es-$v/bin/elasticsearch" ]] && { echo "$RUN/es-$v"; return; }
    zip="$CACHE/elasticsearch-integ-test-zip-$v.zip"
    if [[ ! -s "$zip" ]]; then
      tmp="$(mktemp -d "$CACHE/mvn.XXXXXX")"
      # Resolves through ~/.m2 (Maven Central), then copies the zip into our cache.
      if mvn -q -B dependency:copy -Dtransitive=false -DoutputDirectory="$tmp" \
          -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$v:zip" >"$tmp.log" 2>&1; then
        mv "$tmp/elasticsearch-$v.zip" "$zip"
      fi
      rm -rf "$tmp" "$tmp.log"
      [[ -s "$zip" ]] || { log "elasticsearch $v not resolvable, trying an older 8.19.x"; continue; }
    fi
    rm -rf "$RUN/es-$v.tmp" && mkdir -p "$RUN/es-$v.tmp"
    unzip -q "$zip" -d "$RUN/es-$v.tmp"
    mv "$RUN/es-$v.tmp/elasticsearch-$v" "$RUN/es-$v" && rm -rf "$RUN/es-$v.tmp"
    echo "$RUN/es-$v"; return
  done
  die "no elasticsearch 8.19.x integ-test-zip could be resolved from Maven Central"
}

start_elasticsearch() {
  if es_answers; then
    log "elasticsearch already answers on 127.0.0.1:$ES_PORT"
    wait_for 120 es_up || die "elasticsearch on 127.0.0.1:$ES_PORT answers but is not yellow/green"
    return
  fi
  stop_elasticsearch   # a node of ours still alive on another port, or a stale pid file
  id -u "$ES_USER" >/dev/null 2>&1 \
    || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER"
  local home java_home; home="$(es_install)"
  # The integ-test-zip has x-pack-core and x-pack-security modules, so xpack.security.enabled
  # is a known setting and is accepted; it has no analysis-common module, so only core
  # analysis exists (standard tokenizer; lowercase, stop with _indonesian_, hunspell filters;
  # NO built-in "indonesian" analyzer). Verified with 8.19.7 on Temurin 25: an index with
  #   "filter": {"id_stop": {"type": "stop", "stopwords": "_indonesian_"},
  #              "id_hunspell": {"type": "hunspell", "locale": "id_ID", "dedup": true}},
  #   "analyzer": {"id_text": {"type": "custom", "tokenizer": "standard",
  #                            "filter": ["lowercase", "id_stop", "id_hunspell"]}}
  # is created, and _analyze gives "minuman kopi bubuk" -> [minum, kopi, bubuk],
  # "Makanan dan minuman yang dijual di toko-toko" -> [makan, minum, jual, toko, toko].
  mkdir -p "$home/config/hunspell/id_ID" "$home/config/jvm.options.d" "$home/data" "$home/logs" "$home/tmp"
  cat >"$home/config/elasticsearch.yml" <<EOF
cluster.name: adimarko-test
node.name: adimarko-test-node
discovery.type: single-node
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $ES_TRANSPORT_PORT
path.data: $home/data
path.logs: $home/logs
xpack.security.enabled: false
action.destructive_requires_name: false
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  printf -- '-Xms%s\n-Xmx%s\n' "$ES_HEAP" "$ES_HEAP" >"$home/config/jvm.options.d/heap.options"
  # Indonesian hunspell dictionary: usable as {"type": "hunspell", "locale": "id_ID"}.
  cp /usr/share/hunspell/id_ID.aff /usr/share/hunspell/id_ID.dic "$home/config/hunspell/id_ID/"
  chown -R "$ES_USER:$ES_USER" "$home"
  if [[ -x "$home/jdk/bin/java" ]]; then java_home="$home/jdk"; else java_home="$(newest_jdk)"; fi
  rm -rf "$home/es.pid" "$home/tmp" && install -d -o "$ES_USER" -g "$ES_USER" "$home/tmp"
  # With -d the launcher returns once the node has started (or failed to).
  local launched=0
  (cd "$home" && timeout 180 runuser -u "$ES_USER" -- env -u ES_JAVA_OPTS -u JAVA_HOME -u ES_HOME \
      ES_JAVA_HOME="$java_home" ES_PATH_CONF="$home/config" ES_TMPDIR="$home/tmp" \
      CLI_JAVA_OPTS="-Djava.io.tmpdir=$home/tmp" \
      "$home/bin/elasticsearch" -d -p "$home/es.pid") >"$RUN/es-launch.log" 2>&1 9>&- && launched=1
  if ((!launched)) || ! wait_for 120 es_up; then
    # The launcher echoes the whole server log; show its errors, then the log's tail.
    grep -E 'ERROR|FATAL|Exception' "$RUN/es-launch.log" | grep -v '^\s*at ' | cut -c1-400 | head -n 8 >&2 || true
    tail -n 15 "$home/logs/adimarko-test.log" 2>/dev/null | grep -v '^\s*at ' | cut -c1-400 >&2 || true
    die "elasticsearch failed to start or become healthy on 127.0.0.1:$ES_PORT (JDK $java_home;" \
        "logs: $RUN/es-launch.log, $home/logs/)"
  fi
}

stop_elasticsearch() {
  local pidfile
  for pidfile in "$RUN"/es-*/es.pid; do
    [[ -f "$pidfile" ]] && kill_pid "$pidfile" org.elasticsearch elasticsearch
  done
  return 0
}

# ---------------------------------------------------------------- stripe-mock
STRIPE_BIN="$CACHE/bin/stripe-mock"
stripe_up() { curl -fsS -H "Authorization: Bearer sk_test_123" "http://127.0.0.1:$STRIPE_MOCK_PORT/v1/customers" >/dev/null 2>&1; }
# `go install` builds report "master" for -version; the module version is in the build info.
stripe_version() { go version -m "$STRIPE_BIN" | awk '$1 == "mod" && $2 == "github.com/stripe/stripe-mock" {print $3}'; }

start_stripe_mock() {
  if stripe_up; then log "stripe-mock already answers on 127.0.0.1:$STRIPE_MOCK_PORT"; return; fi
  if [[ ! -x "$STRIPE_BIN" || "$(stripe_version 2>/dev/null)" != "$STRIPE_MOCK_VERSION" ]]; then
    log "building stripe-mock $STRIPE_MOCK_VERSION"
    GOBIN="$CACHE/bin" go install "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION" >&2
  fi
  stop_stripe_mock     # one of ours still alive on another port, or a stale pid file
  # -http-addr alone would still open HTTPS on *:12112 (only -http-port disables it, but binds
  # all interfaces), so park HTTPS on a unix socket. A killed process leaves the socket behind.
  rm -f "$RUN/stripe-mock-https.sock"
  nohup "$STRIPE_BIN" -http-addr "127.0.0.1:$STRIPE_MOCK_PORT" -https-unix "$RUN/stripe-mock-https.sock" \
    >"$RUN/stripe-mock.log" 2>&1 </dev/null 9>&- &
  local pid=$! i
  echo "$pid" >"$RUN/stripe-mock.pid"
  for ((i = 0; i < 30; i++)); do   # give up early if the process died (e.g. port in use)
    stripe_up && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if ! stripe_up; then
    tail -n 20 "$RUN/stripe-mock.log" >&2; stop_stripe_mock
    die "stripe-mock did not start on 127.0.0.1:$STRIPE_MOCK_PORT"
  fi
}

stop_stripe_mock() {
  kill_pid "$RUN/stripe-mock.pid" stripe-mock stripe-mock
  rm -f "$RUN/stripe-mock-https.sock"
}

# ---------------------------------------------------------------- Chromium
# The Debian wrapper script may print a shell warning on stderr; keep stdout only.
chromium_version() { "$CHROMIUM_PATH" --version 2>/dev/null | awk '{print $2}'; }

# ---------------------------------------------------------------- commands
versions_line() {
  local stripe="$STRIPE_MOCK_VERSION"
  [[ -x "$STRIPE_BIN" ]] && stripe="$(stripe_version)"
  echo "postgresql $(pg_version); elasticsearch $(es_version); stripe-mock $stripe; chromium $(chromium_version)"
}

cmd_start() {
  local t0=$SECONDS
  ensure_packages
  [[ -x "$CHROMIUM_PATH" ]] || die "$CHROMIUM_PATH is missing"
  start_postgres
  start_elasticsearch
  start_stripe_mock
  local versions; versions="$(versions_line)"
  cat >"$ENV_FILE.tmp" <<EOF
export TEST_DATABASE_URL=postgres://adimarko:adimarko@127.0.0.1:$PG_PORT/adimarko
export TEST_ELASTICSEARCH_URL=http://127.0.0.1:$ES_PORT
export TEST_STRIPE_API_BASE=http://127.0.0.1:$STRIPE_MOCK_PORT
export CHROMIUM_PATH=$CHROMIUM_PATH
export SERVICES_VERSIONS="$versions"
EOF
  mv "$ENV_FILE.tmp" "$ENV_FILE"
  tr ';' '\n' <<<"$versions" | sed 's/^ *//'
  log "all services healthy in $((SECONDS - t0)) s; env file: $ENV_FILE"
}

cmd_stop() { stop_stripe_mock; stop_elasticsearch; stop_postgres; }

cmd_status() {
  local rc=0
  if pg_up; then echo "postgresql    up   127.0.0.1:$PG_PORT  $(pg_version 2>/dev/null || echo '?')"
  else echo "postgresql    down 127.0.0.1:$PG_PORT"; rc=1; fi
  if es_up; then echo "elasticsearch up   127.0.0.1:$ES_PORT  $(es_version)"
  else echo "elasticsearch down 127.0.0.1:$ES_PORT"; rc=1; fi
  if stripe_up; then echo "stripe-mock   up   127.0.0.1:$STRIPE_MOCK_PORT  $(stripe_version 2>/dev/null || echo '?')"
  else echo "stripe-mock   down 127.0.0.1:$STRIPE_MOCK_PORT"; rc=1; fi
  if [[ -x "$CHROMIUM_PATH" ]]; then echo "chromium      ok   $CHROMIUM_PATH  $(chromium_version)"
  else echo "chromium      missing $CHROMIUM_PATH"; rc=1; fi
  return $rc
}

cmd_env() { [[ -f "$ENV_FILE" ]] || die "$ENV_FILE not found; run: bash scripts/services.sh start"; cat "$ENV_FILE"; }

main() {
  [[ $# -eq 1 ]] || die "usage: services.sh start|stop|status|env"
  case "$1" in
    start|stop|status) ;;
    env) cmd_env; return ;;
    *) die "usage: services.sh start|stop|status|env" ;;
  esac
  [[ $EUID -eq 0 ]] || die "must run as root (it creates system users and runs services as postgres/$ES_USER)"
  # RUN must be traversable by the postgres and ES users; CACHE stays private to root.
  mkdir -p "$RUN" "$CACHE/bin" && chmod 755 "$RUN"
  # Serialize concurrent invocations (e.g. parallel CI jobs on one machine). Every daemon is
  # started with 9>&-: otherwise it inherits the lock and the next run waits forever.
  exec 9>"$RUN/.lock"
  flock -w 300 9 || die "another services.sh still holds $RUN/.lock after 300 s"
  "cmd_$1"
}

main "$@"
