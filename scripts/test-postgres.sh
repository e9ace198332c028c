#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the tests of the shared state (issue: two instances, one
# PostgreSQL), from Debian's postgresql package (scripts/install-test-deps.sh installs it).
#   scripts/test-postgres.sh start   initialises (first time) and starts it; prints the JDBC URL
#   scripts/test-postgres.sh stop    stops it
# PostgreSQL refuses to run as root: as root the server runs as the package's `postgres` user (runuser), with its
# data in a folder that user owns. Port: PGTEST_PORT (55432); data: PGTEST_DIR (/tmp/outbound-sync-pg-<port>).
# Database outbound_sync_test, user outbound / password outbound; the superuser postgres / password postgres
# (tests make a database each with it). Connections over TCP check passwords (scram-sha-256), as a real server
# does; loopback only.
set -euo pipefail
port=${PGTEST_PORT:-55432}
dir=${PGTEST_DIR:-/tmp/outbound-sync-pg-$port}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "PostgreSQL's server is not installed (no /usr/lib/postgresql/*/bin/pg_ctl)." >&2
  echo "Fix: bash scripts/install-test-deps.sh (as root: apt-get install -y postgresql)" >&2
  exit 1
fi

as_server=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "Running as root and there is no 'postgres' user to run the server as (PostgreSQL refuses root)." >&2
    echo "Fix: apt-get install -y postgresql (it creates the user), or run the tests as another user." >&2
    exit 1
  fi
  as_server=(runuser -u postgres --)
fi

case "${1:-start}" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ ${#as_server[@]} -eq 0 ] || chown postgres:postgres "$dir"
      chmod 700 "$dir"
      printf 'postgres\n' >"$dir.pw"
      [ ${#as_server[@]} -eq 0 ] || chown postgres:postgres "$dir.pw"
      "${as_server[@]}" "$bin/initdb" -D "$dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --pwfile="$dir.pw" --encoding=UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 \
        || { cat "$dir.initdb.log" >&2; exit 1; }
    fi
    if ! "${as_server[@]}" "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      "${as_server[@]}" "$bin/pg_ctl" -D "$dir" -w -t 60 -l "$dir/server.log" \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200 -c fsync=off" start >/dev/null \
        || { tail -20 "$dir/server.log" >&2; exit 1; }
    fi
    psql=(env PGPASSWORD=postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
    if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname = 'outbound'")" != "1" ]; then
      "${psql[@]}" -c "create role outbound login password 'outbound'"
    fi
    if [ "$("${psql[@]}" -c "select 1 from pg_database where datname = 'outbound_sync_test'")" != "1" ]; then
      "${psql[@]}" -c "create database outbound_sync_test owner outbound"
    fi
    echo "jdbc:postgresql://127.0.0.1:$port/outbound_sync_test"
    ;;
  stop)
    if [ -f "$dir/PG_VERSION" ]; then
      "${as_server[@]}" "$bin/pg_ctl" -D "$dir" -w -m fast stop >/dev/null 2>&1 || true
    fi
    ;;
  *)
    echo "usage: scripts/test-postgres.sh start|stop" >&2
    exit 2
    ;;
esac
