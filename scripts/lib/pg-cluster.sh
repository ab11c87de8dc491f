#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (issue 18): no system service, no password.
#   scripts/lib/pg-cluster.sh start DIR   initdb into DIR/data (once), start it, print its URL
#   scripts/lib/pg-cluster.sh stop DIR    stop it (fast shutdown); the files stay for a post-mortem
#   scripts/lib/pg-cluster.sh url DIR [DB]  the URL of database DB (default postgres)
#   scripts/lib/pg-cluster.sh replica DIR PRIMARY_DIR  a streaming replica (hot standby) of the
#     running cluster in PRIMARY_DIR: pg_basebackup -R into DIR/data (afresh each time), started
#     on its own socket in DIR; prints its URL. `stop DIR` stops it.
# It listens only on a Unix socket in DIR (no TCP unless CLINIC_PG_PORT is set: then also on
# 127.0.0.1:$CLINIC_PG_PORT), trusts every local connection (user postgres) and runs as the
# `postgres` user when called as root (PostgreSQL refuses to run as root), so DIR's parent
# folders must be traversable by that user. Debian's postgresql-15 (scripts/lib/common.sh).
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop|url|replica DIR [DB|PRIMARY_DIR]" >&2; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
bin=${CLINIC_PG_BIN:-/usr/lib/postgresql/15/bin}
data=$dir/data

as_pg() {  # runs a PostgreSQL program as its owner
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() {  # libpq URI: the socket folder goes in the host parameter
  echo "postgresql:///${1:-postgres}?host=$dir&user=postgres"
}

case $cmd in
  start)
    [ -x "$bin/initdb" ] || { echo "pg-cluster: $bin/initdb missing (apt-get install postgresql)" >&2; exit 1; }
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
    if [ ! -f "$data/PG_VERSION" ]; then
      as_pg "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    # A cluster left running by an interrupted run is stopped first (its socket may be stale).
    if as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
    listen="''"
    port=5432
    if [ -n "${CLINIC_PG_PORT:-}" ]; then listen=127.0.0.1; port=$CLINIC_PG_PORT; fi
    as_pg "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=$listen -p $port -k $dir -c max_connections=200 -c fsync=on" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    url postgres ;;
  stop)
    if [ -f "$data/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
    fi ;;
  url) url "${3:-postgres}" ;;
  replica)
    primary=${3:-}
    [ -d "$primary" ] || { echo "pg-cluster: replica needs the primary's DIR" >&2; exit 2; }
    primary=$(cd "$primary" && pwd)
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
    if [ -f "$data/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null
    fi
    rm -rf "$data"
    # -R: standby.signal + primary_conninfo (the primary's socket); -X stream: WAL during the copy.
    as_pg "$bin/pg_basebackup" -h "$primary" -p "${CLINIC_PG_PORT:-5432}" -U postgres -D "$data" -R -X stream \
      --checkpoint=fast --no-sync >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
    port=5432
    if [ -n "${CLINIC_PG_PORT:-}" ]; then port=$CLINIC_PG_PORT; fi
    as_pg "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -p $port -k $dir -c max_connections=200 -c hot_standby=on" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    url postgres ;;
  *) echo "usage: $0 start|stop|url|replica DIR [DB|PRIMARY_DIR]" >&2; exit 2 ;;
esac
