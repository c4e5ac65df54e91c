#!/usr/bin/env bash
# A throwaway local PostgreSQL for development, tests and benchmarks (never a production server).
#
#   scripts/postgres.sh start  [DIR]   initializes DIR on first use (initdb), starts the server, prints the connection string
#   scripts/postgres.sh stop   [DIR]   stops the server (fast shutdown: every committed write is kept)
#   scripts/postgres.sh url    [DIR]   prints the connection string
#   scripts/postgres.sh status [DIR]   exit 0 when the server runs, 3 when it does not
#   scripts/postgres.sh destroy [DIR]  stops the server and deletes DIR
#
# DIR defaults to $FLASHSALE_PG_DIR, else <repo>/.data/postgres (ignored by git). The server listens on 127.0.0.1
# only, on a free port chosen at initdb time (or $FLASHSALE_PG_PORT) and kept for the life of DIR, so a stopped
# server comes back on the same port with the same data. Authentication is "trust" on 127.0.0.1 and the
# server's own socket directory: nothing else can reach it. Run as root, initdb and pg_ctl run as the
# "postgres" user (PostgreSQL refuses to run as root) and DIR is owned by it.
# Only the connection string goes to stdout; progress and errors go to stderr.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:-}
dir=${2:-${FLASHSALE_PG_DIR:-$repo/.data/postgres}}
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
data="$dir/data"
port_file="$dir/port"
log_file="$dir/server.log"

log() { echo "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

usage() {
  sed -n '2,/^set /p' "$0" | grep '^#' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

bindir() {
  local found=""
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    found=$(pg_config --bindir)
  else
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  fi

  if [ -z "$found" ] || [ ! -x "$found/initdb" ] || [ ! -x "$found/pg_ctl" ]; then
    die "PostgreSQL server binaries not found (looked under /usr/lib/postgresql/*/bin): install the Debian package 'postgresql' (scripts/test.sh does it when run as root)"
  fi

  echo "$found"
}

# Runs a PostgreSQL binary as the owner of the cluster: "postgres" when we are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local p tries=0
  p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 30000 ))
  while port_in_use "$p"; do
    tries=$((tries + 1))
    [ "$tries" -lt 200 ] || die "no free port found on 127.0.0.1"
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 30000 ))
  done
  echo "$p"
}

url() {
  [ -f "$port_file" ] || die "no server initialized in $dir (run: scripts/postgres.sh start)"
  echo "Host=127.0.0.1;Port=$(cat "$port_file");Username=postgres;Database=postgres"
}

running() {
  [ -f "$data/PG_VERSION" ] && as_owner "$(bindir)/pg_ctl" -D "$data" status >/dev/null 2>&1
}

init_cluster() {
  local bin port
  bin=$(bindir)
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "user 'postgres' not found: install the Debian package 'postgresql'"
    chown postgres:postgres "$dir"
    runuser -u postgres -- test -w "$dir" || die "user 'postgres' cannot write $dir (a parent directory is not traversable)"
  fi

  port=${FLASHSALE_PG_PORT:-$(free_port)}
  log "initializing a throwaway cluster in $dir (port $port)"
  as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  as_owner tee -a "$data/postgresql.conf" >/dev/null <<EOF

# scripts/postgres.sh: a throwaway server on loopback only.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 400
shared_buffers = 128MB
logging_collector = off
EOF
  as_owner tee "$data/pg_hba.conf" >/dev/null <<EOF
# scripts/postgres.sh: trust on the server's own socket and on 127.0.0.1 only.
local all all              trust
host  all all 127.0.0.1/32 trust
EOF
  echo "$port" | as_owner tee "$port_file" >/dev/null
}

start() {
  local bin port
  bin=$(bindir)
  [ -f "$data/PG_VERSION" ] || init_cluster
  if running; then
    log "already running in $dir"
    url
    return
  fi

  port=$(cat "$port_file")
  if port_in_use "$port"; then
    die "port $port (kept for $dir) is taken by another process"
  fi

  as_owner "$bin/pg_ctl" -D "$data" -l "$log_file" -w -t 60 start >/dev/null ||
    { tail -n 30 "$log_file" >&2 || true; die "the server did not start (log: $log_file)"; }
  log "running in $dir on 127.0.0.1:$port"
  url
}

stop() {
  if running; then
    as_owner "$(bindir)/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
    log "stopped ($dir)"
  else
    log "not running ($dir)"
  fi
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  status)
    if running; then log "running ($dir)"; exit 0; else log "not running ($dir)"; exit 3; fi ;;
  destroy)
    stop
    rm -rf "$dir"
    log "deleted $dir" ;;
  *) usage ;;
esac
