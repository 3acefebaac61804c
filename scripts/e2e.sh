#!/usr/bin/env bash
# Browser tests against the real server: a fresh SQLite database with the demo
# organisation, an admin made with the CLI, headless Chromium driven by playwright-core.
# Beside it, a second server as `make run` starts it (--demo --demo-data) for the
# first-hour test, which logs in with the demo log-in the server printed.
# Also checks that the servers stop cleanly (exit 0) on SIGTERM afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${WIJKKADER_BIN:-$PWD/build/wijkkader}
dir=$(mktemp -d "${TMPDIR:-/tmp}/wijkkader-e2e.XXXXXX")
pid=
first_pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  [ -n "$first_pid" ] && kill "$first_pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
wait_ready() {
  for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:$1/readyz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}
port=$(free_port)
first_port=$(free_port)
export WIJKKADER_ADMIN_EMAIL=admin@e2e.example
export WIJKKADER_ADMIN_PASSWORD="e2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

"$bin" serve --database "$dir/e2e.db" --demo --port "$port" --bind 127.0.0.1 --web-root web/dist \
  >"$dir/server.out" 2>"$dir/server.log" &
pid=$!
# The demo's content is made at the first start: ready only when it is there.
mkdir -p "$dir/first"
"$bin" serve --database "$dir/first/wijkkader.db" --demo --demo-data --port "$first_port" --bind 127.0.0.1 \
  --web-root web/dist >"$dir/first/server.out" 2>"$dir/first/server.log" &
first_pid=$!
wait_ready "$port"
wait_ready "$first_port" || { echo "e2e: the demo server did not start:" >&2; tail -20 "$dir/first/server.log" >&2; }
echo "$WIJKKADER_ADMIN_PASSWORD" | "$bin" user add --database "$dir/e2e.db" --org smd \
  --email "$WIJKKADER_ADMIN_EMAIL" --name "E2E Beheerder" --role admin --password-stdin >/dev/null

status=0
# Arguments: test files to run instead of all of them (scripts/e2e.sh tests/e2e/stories.test.mjs).
[ $# -gt 0 ] || set -- tests/e2e/
WIJKKADER_URL="http://127.0.0.1:$port" WIJKKADER_FIRST_HOUR_URL="http://127.0.0.1:$first_port" \
  WIJKKADER_FIRST_HOUR_LOGIN="$dir/first/demo-login.txt" node --test --test-concurrency=1 "$@" || status=$?

kill -TERM "$first_pid"
wait "$first_pid" || { echo "e2e: the demo server did not stop cleanly on SIGTERM" >&2; status=1; }
first_pid=
kill -TERM "$pid"
if ! wait "$pid"; then
  echo "e2e: the server did not stop cleanly on SIGTERM; its log:" >&2
  tail -50 "$dir/server.log" >&2
  status=1
fi
pid=
[ "$status" -eq 0 ] || { echo "e2e: server log tail:" >&2; tail -30 "$dir/server.log" >&2; }
exit "$status"
