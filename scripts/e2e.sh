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

# The lists of more than 10,000 rows (the stories, cases, knowledge-base and users tests) in
# an organisation of their own, `groot`, so that the demo organisation the other tests use
# stays small: made before the server starts (the CLI migrates the database; --demo then
# adds the demo organisation beside it), its rows written with SQL behind the server's back
# (as bench/lists.sh does). Its user, an administrator and quality officer, sees them all.
# What the tests expect of these rows is in tests/e2e/lib.mjs (BIG).
export WIJKKADER_E2E_BIG_EMAIL=groot@e2e.example
export WIJKKADER_E2E_BIG_NAME="Groot Beheerder"
export WIJKKADER_E2E_BIG_PASSWORD="$WIJKKADER_ADMIN_PASSWORD"
big_started=$(date +%s%N)
"$bin" org add --database "$dir/e2e.db" --name "Grote lijsten (e2e)" --slug groot --district Centrum >/dev/null
echo "$WIJKKADER_E2E_BIG_PASSWORD" | "$bin" user add --database "$dir/e2e.db" --org groot \
  --email "$WIJKKADER_E2E_BIG_EMAIL" --name "$WIJKKADER_E2E_BIG_NAME" --role admin --role quality --password-stdin >/dev/null
sqlite3 -bail "$dir/e2e.db" >/dev/null <<'SQL'
BEGIN;
CREATE TEMP TABLE k AS
  SELECT o.id AS org, (SELECT id FROM users WHERE org_id = o.id) AS me,
         (SELECT MIN(id) FROM districts WHERE org_id = o.id) AS district, NULL AS team, 1514764800000 AS at
  FROM organisations o WHERE o.slug = 'groot';
INSERT INTO teams (org_id, district_id, name, active, created_at) SELECT org, district, 'Team Groot', 1, at FROM k;
UPDATE k SET team = (SELECT id FROM teams WHERE org_id = k.org);
-- 10,060 users "Veel 00001" … "Veel 10060", coaches (with its own user, a full page of 50 from offset 10,000).
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 10060)
INSERT INTO users (org_id, email, name, password_hash, active, created_at)
  SELECT org, 'veel' || n || '@groot.example', 'Veel ' || printf('%05d', n), '!', 1, at + n FROM g, k;
INSERT INTO user_roles (org_id, user_id, role)
  SELECT org_id, id, 'coach' FROM users WHERE org_id = (SELECT org FROM k) AND id <> (SELECT me FROM k);
-- 10,030 published knowledge-base items "Veel 00001" …, tagged "veel".
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 10030)
INSERT INTO knowledge_items (org_id, category, status, owner_id, published_version, draft_version, review_by,
                             created_by, created_at, updated_at)
  SELECT org, 'methodiek', 'gepubliceerd', me, 1, NULL, '2030-01-01', me, at + n, at + n FROM g, k;
INSERT INTO knowledge_versions (org_id, item_id, version, status, category, title, body, tags, author_id,
                                created_at, updated_at, reviewed_by, reviewed_at)
  SELECT i.org_id, i.id, 1, 'gepubliceerd', i.category, 'Veel ' || printf('%05d', i.created_at - k.at), 'Een werkwijze.',
         '["veel"]', i.owner_id, i.created_at, i.updated_at, i.owner_id, i.updated_at
  FROM knowledge_items i, k WHERE i.org_id = k.org;
INSERT INTO knowledge_tags (org_id, item_id, tag) SELECT org_id, id, 'veel' FROM knowledge_items WHERE org_id = (SELECT org FROM k);
-- 10,060 running cases VEEL-00001 … VEEL-10060 in the programme `veel`.
INSERT INTO programmes (org_id, slug, name, description, start_date, team_id, active, created_at)
  SELECT org, 'veel', 'Veel casussen', 'Lange lijst', '2017-01-01', NULL, 1, at FROM k;
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 10060)
INSERT INTO cases (org_id, reference, team_id, programme_id, start_date, plan, status, created_at, updated_at)
  SELECT org, 'VEEL-' || printf('%05d', n), team, (SELECT id FROM programmes WHERE org_id = k.org), '2018-01-01', '',
         'lopend', at + n, at + n FROM g, k;
-- 10,120 staff stories "Veel 1" … "Veel 10120", all on 2018-06-01, in that order of id.
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 10120)
INSERT INTO stories (org_id, title, text, story_date, teller_kind, team_id, topic_id, valuation_id, status, source,
                     created_at)
  SELECT org, 'Veel ' || n, 'Een verhaal.', '2018-06-01', 'medewerker', team,
         (SELECT MIN(id) FROM value_lists WHERE org_id = k.org AND list = 'story_topic'),
         (SELECT MIN(id) FROM value_lists WHERE org_id = k.org AND list = 'story_valuation'), 'published', 'staff', at + n
  FROM g, k;
COMMIT;
SQL
echo "e2e: the big lists (organisation groot) made in $(( ($(date +%s%N) - big_started) / 1000000 )) ms"

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
