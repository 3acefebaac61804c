#!/usr/bin/env bash
# Vertelpunt benchmark (docs/modules/vertelpunt.md): a large organisation's five years of
# listening — 1,000,000 signified stories (2022–2026, ~1.5 archetypes each) — then, over
# real HTTP on the SQLite store:
#   - hyperfine: GET /api/v1/stories/stats for a year with the year before as comparison,
#     unfiltered and filtered by team and teller kind; the annual report as JSON (its
#     Kwaliteit chapter computes the same figures);
#   - wrk, 64 connections: POST /api/v1/public/{org}/stories (the resident's form), each
#     request from another address (X-Forwarded-For, server started with --trust-proxy) so
#     the rate limit lets them through; afterwards the server is killed with SIGKILL and
#     every acknowledged (202) story must be in the database.
# Needs: make bench (hyperfine, wrk, sqlite3) and a Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
STORIES=${STORIES:-1000000}
RUNS=${RUNS:-10}
DURATION=${DURATION:-10s}
bin=${WIJKKADER_BIN:-$PWD/build/wijkkader}
work=$(mktemp -d "${TMPDIR:-/tmp}/wijkkader-bench-stories.XXXXXX")
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  [ -n "${KEEP_DB:-}" ] && cp "$db" "$KEEP_DB"
  rm -rf "$work"
}
trap cleanup EXIT
db="$work/bench.db"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
start_server() {
  "$bin" serve --database "$db" --port "$port" --bind 127.0.0.1 --trust-proxy "$@" >/dev/null 2>"$work/server.log" &
  pid=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
}

# The schema and the demo organisation (teams, signifier lists) from the binary.
start_server --demo
password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
echo "$password" | "$bin" user add --database "$db" --org smd --email bench-kw@smd.example --name Bench \
  --role quality --password-stdin >/dev/null
kill "$pid"; wait "$pid" || true; pid=

echo "generating $STORIES stories …"
started=$(date +%s)
sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
BEGIN;
CREATE TEMP TABLE v AS SELECT
  (SELECT MIN(id) FROM value_lists WHERE list = 'story_topic') AS topic,
  (SELECT MIN(id) FROM value_lists WHERE list = 'story_valuation') AS valuation,
  (SELECT MIN(id) FROM value_lists WHERE list = 'story_archetype') AS archetype,
  (SELECT MIN(id) FROM teams) AS team;
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < $STORIES)
INSERT INTO stories (org_id, title, text, story_date, teller_kind, team_id, topic_id, valuation_id, signed_by,
                     status, source, created_at)
  SELECT 1, 'Verhaal ' || n, 'Een kort verhaal over wat er gebeurde in de wijk, nummer ' || n || '.',
         date('2022-01-01', '+' || ((n * 7919) % 1826) || ' days'),
         CASE WHEN n % 10 = 0 THEN 'ketenpartner' WHEN n % 10 = 1 THEN 'inwoner' ELSE 'medewerker' END,
         v.team + (n % 9), v.topic + ((n * 31) % 12), v.valuation + ((n * 17) % 5), NULL,
         'published', CASE WHEN n % 10 = 1 THEN 'public' ELSE 'staff' END, 0
  FROM g, v;
INSERT INTO story_archetypes (org_id, story_id, archetype_id, status, story_date, team_id, teller_kind)
  SELECT 1, s.id, v.archetype + (s.id % 5), s.status, s.story_date, s.team_id, s.teller_kind FROM stories s, v;
INSERT INTO story_archetypes (org_id, story_id, archetype_id, status, story_date, team_id, teller_kind)
  SELECT 1, s.id, v.archetype + ((s.id + 2) % 5), s.status, s.story_date, s.team_id, s.teller_kind
  FROM stories s, v WHERE s.id % 2 = 0;
COMMIT;
ANALYZE;
SQL
echo "generated in $(( $(date +%s) - started )) s: $(sqlite3 "$db" 'SELECT COUNT(*) FROM stories') stories," \
  "$(sqlite3 "$db" 'SELECT COUNT(*) FROM story_archetypes') archetype choices"

start_server
cookie=$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench-kw@smd.example\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/v1/session" |
  sed -n 's/^Set-Cookie: \(wk_session=[^;]*\).*/\1/p')
team=$(sqlite3 "$db" 'SELECT MIN(id) + 2 FROM teams')
base="http://127.0.0.1:$port/api/v1"
year="from=2025-01-01&to=2025-12-31&compare_from=2024-01-01&compare_to=2024-12-31"
stats="$base/stories/stats?$year"
filtered="$base/stories/stats?$year&team=$team&teller=medewerker"
report="$base/reports/2025?format=json"
curl -fsS -H "Cookie: $cookie" "$stats" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("stats: 2025", d["period"]["count"], "stories, 2024", d["comparison"]["count"])'
curl -fsS -H "Cookie: $cookie" "$filtered" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("filtered: 2025", d["period"]["count"], "stories")'

mkdir -p bench/results
out=bench/results/stories-$(date -u +%Y%m%dT%H%M%SZ)
hyperfine --warmup 1 --runs "$RUNS" --export-json "$out.json" \
  -n stats-year "curl -fsS -o /dev/null -H 'Cookie: $cookie' '$stats'" \
  -n stats-filtered "curl -fsS -o /dev/null -H 'Cookie: $cookie' '$filtered'" \
  -n report-json "curl -fsS -o /dev/null -H 'Cookie: $cookie' '$report'"
python3 - "$out.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{r["command"]:15s} median {r["median"]*1000:8.1f} ms  (min {r["min"]*1000:.1f}, max {r["max"]*1000:.1f}, {len(r["times"])} runs)')
PY

# Public submissions: every request from its own address, counted by status.
before=$(sqlite3 "$db" "SELECT COUNT(*) FROM stories WHERE status = 'pending'")
topic=$(sqlite3 "$db" "SELECT MIN(id) FROM value_lists WHERE list = 'story_topic'")
cat >"$work/public.lua" <<LUA
local threads = {}
local counter = 0
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  accepted = 0
  refused = 0
  n = 0
end
function request()
  n = n + 1
  local ip = string.format("10.%d.%d.%d", id, math.floor(n / 250) % 250, n % 250)
  local body = '{"title":"Bench","text":"Een verhaal van een bewoner over de wijk.","topic_id":$topic,"website":""}'
  return wrk.format("POST", "/api/v1/public/smd/stories",
    {["Content-Type"] = "application/json", ["X-Forwarded-For"] = ip}, body)
end
function response(status, headers, body)
  if status == 202 then accepted = accepted + 1 else refused = refused + 1 end
end
function done(summary, latency, requests)
  local a, r = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("accepted")
    r = r + t:get("refused")
  end
  io.write(string.format("ACCEPTED %d REFUSED %d\n", a, r))
end
LUA
wrk -t2 -c64 -d"$DURATION" --latency -s "$work/public.lua" "http://127.0.0.1:$port" | tee "$out-public.txt"
kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=
accepted=$(sed -n 's/^ACCEPTED \([0-9]*\).*/\1/p' "$out-public.txt")
stored=$(( $(sqlite3 "$db" "SELECT COUNT(*) FROM stories WHERE status = 'pending'") - before ))
echo "acknowledged $accepted, in the database after SIGKILL $stored" | tee -a "$out-public.txt"
[ "$stored" -ge "$accepted" ] || { echo "LOST acknowledged stories" >&2; exit 1; }
