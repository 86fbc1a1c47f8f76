#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on loopback for the tests (installing Debian's postgresql first when it is
# missing) and prints the connection string of its administrative database, which tests/run.sh exports as
# OVERSIGHT_TEST_POSTGRES: every store suite then creates a database of its own on it. The server's files live
# under artifacts/postgres; `tests/start-postgres.sh stop` stops it. Tests run it without fsync (nothing there needs to
# survive a power cut); `tests/start-postgres.sh durable` keeps the server's default durability, for load runs whose
# figures are compared with SQLite's. OVERSIGHT_TEST_POSTGRES_PORT runs a second server beside the tests' one.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${OVERSIGHT_TEST_POSTGRES_PORT:-55432}"
data="$root/artifacts/postgres${OVERSIGHT_TEST_POSTGRES_PORT:+-$port}"
password="oversight-tests"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "start-postgres: need root (or sudo) to run: $*" >&2; return 1; fi
}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
  echo "start-postgres: apt-get install postgresql" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# The server refuses to run as root: as root it runs as Debian's postgres user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_server() {
  if [ -f "$data/cluster/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$data/cluster" -m fast stop >/dev/null 2>&1 || true
  fi
}

if [ "${1:-}" = "stop" ]; then
  stop_server
  exit 0
fi

durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${1:-}" = "durable" ] && durability=""

stop_server
rm -rf "$data"
mkdir -p "$data"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
echo "$password" > "$data/pwfile"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data/pwfile"
as_owner "$bin/initdb" -D "$data/cluster" -U oversight --pwfile="$data/pwfile" --auth=scram-sha-256 \
  --encoding=UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1 || { cat "$data/initdb.log" >&2; exit 1; }
# The port can be held for a moment by a client connection that the kernel gave it as its source port (it lies in
# the ephemeral range): a bind refused for that reason is tried again a few times before the start is given up.
for attempt in 1 2 3 4 5; do
  if as_owner "$bin/pg_ctl" -D "$data/cluster" -l "$data/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c max_connections=300 $durability" >/dev/null; then
    break
  fi
  if [ "$attempt" -eq 5 ] || ! grep -q "Address already in use" "$data/server.log"; then
    cat "$data/server.log" >&2
    exit 1
  fi
  echo "start-postgres: port $port in use, trying again (attempt $attempt of 5)" >&2
  sleep 3
done
echo "Host=127.0.0.1;Port=$port;Username=oversight;Password=$password;Database=postgres"
