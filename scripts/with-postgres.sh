#!/usr/bin/env bash
# Runs a command next to a throw-away PostgreSQL server.
#
#   scripts/with-postgres.sh CMD [ARGS...]
#
# Starts a private PostgreSQL (the newest one in /usr/lib/postgresql/*/bin) in a fresh
# temporary folder, listening only on 127.0.0.1 on a free port, creates the database
# `wijkkader_test`, exports
#   WIJKKADER_TEST_PG_URL        postgresql://<user>@127.0.0.1:<port>/wijkkader_test
#   WIJKKADER_TEST_PG_ADMIN_URL  postgresql://<user>@127.0.0.1:<port>/postgres
#                                (for tests that create a fresh database per server)
# runs CMD, and always stops the server and removes the folder afterwards. The exit
# code is CMD's.
#
# PostgreSQL refuses to run as root, so when started as root the server runs as the
# system user `wkpgtest` (created on first use); CMD itself still runs as the caller.
# Authentication is `trust`: only for tests, on loopback only.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "with-postgres: no PostgreSQL server found in /usr/lib/postgresql/*/bin" \
       "(install the Debian package 'postgresql', e.g. scripts/bootstrap.sh test)" >&2
  exit 2
fi

pg_user=$(id -un)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  pg_user=wkpgtest
  if ! id -u "$pg_user" >/dev/null 2>&1; then
    useradd -r -M -d /nonexistent -s /usr/sbin/nologin "$pg_user"
  fi
  as_pg=(runuser -u "$pg_user" --)
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/wijkkader-pg.XXXXXX")
data="$dir/data"
log="$dir/postgres.log"
[ "$(id -u)" -eq 0 ] && chown "$pg_user" "$dir"
chmod 700 "$dir"

started=0
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [ "$started" -eq 1 ]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 \
      || true
  fi
  rm -rf "$dir"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

"${as_pg[@]}" "$pg_bin/initdb" -D "$data" -U "$pg_user" --auth=trust -E UTF8 \
  --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
  echo "with-postgres: initdb failed:" >&2
  cat "$dir/initdb.log" >&2
  exit 2
}

port_is_free() {
  # bash's /dev/tcp: a successful connect means somebody is listening already.
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Pick a port by trying: a random one in 20000-59999 that nobody listens on and on
# which our server actually starts (another process may grab it in between).
for attempt in $(seq 1 20); do
  port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
  port_is_free "$port" || continue
  if "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
       -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=300 -c fsync=off -c full_page_writes=off" \
       start >/dev/null 2>&1; then
    started=1
    break
  fi
done
if [ "$started" -ne 1 ]; then
  echo "with-postgres: could not start PostgreSQL:" >&2
  cat "$log" >&2 2>/dev/null || true
  exit 2
fi

psql_bin=$(command -v psql || echo "$pg_bin/psql")
"$psql_bin" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$pg_user" -d postgres \
  -c 'CREATE DATABASE wijkkader_test' >/dev/null

export WIJKKADER_TEST_PG_URL="postgresql://$pg_user@127.0.0.1:$port/wijkkader_test"
export WIJKKADER_TEST_PG_ADMIN_URL="postgresql://$pg_user@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$pg_bin/postgres" -V | awk '{print $3}') on 127.0.0.1:$port" \
     "(user $pg_user, data in $data)" >&2

set +e
"$@"
rc=$?
set -e
exit "$rc"
