#!/usr/bin/env bash
# Browser tests against the real server: a fresh SQLite database with the demo
# organisation, an admin made with the CLI, headless Chromium driven by playwright-core.
# Also checks that the server stops cleanly (exit 0) on SIGTERM afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${WIJKKADER_BIN:-$PWD/build/wijkkader}
dir=$(mktemp -d "${TMPDIR:-/tmp}/wijkkader-e2e.XXXXXX")
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
export WIJKKADER_ADMIN_EMAIL=admin@e2e.example
export WIJKKADER_ADMIN_PASSWORD="e2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

"$bin" serve --database "$dir/e2e.db" --demo --port "$port" --bind 127.0.0.1 --web-root web/dist \
  >"$dir/server.out" 2>"$dir/server.log" &
pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
echo "$WIJKKADER_ADMIN_PASSWORD" | "$bin" user add --database "$dir/e2e.db" --org smd \
  --email "$WIJKKADER_ADMIN_EMAIL" --name "E2E Beheerder" --role admin --password-stdin >/dev/null

status=0
# Arguments: test files to run instead of all of them (scripts/e2e.sh tests/e2e/stories.test.mjs).
[ $# -gt 0 ] || set -- tests/e2e/
WIJKKADER_URL="http://127.0.0.1:$port" node --test --test-concurrency=1 "$@" || status=$?

kill -TERM "$pid"
if ! wait "$pid"; then
  echo "e2e: the server did not stop cleanly on SIGTERM; its log:" >&2
  tail -50 "$dir/server.log" >&2
  status=1
fi
pid=
[ "$status" -eq 0 ] || { echo "e2e: server log tail:" >&2; tail -30 "$dir/server.log" >&2; }
exit "$status"
