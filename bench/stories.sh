#!/usr/bin/env bash
# Vertelpunt benchmark (docs/modules/vertelpunt.md): a large organisation's five years of
# listening — 1,000,000 signified stories (2022–2026, ~1.5 archetypes each) — then, over
# real HTTP:
#   - hyperfine: GET /api/v1/stories/stats for a year with the year before as comparison,
#     unfiltered and filtered by team and teller kind; the annual report as JSON (its
#     Kwaliteit chapter computes the same figures); each with the server's own durations
#     from its access log;
#   - wrk, 64 connections: POST /api/v1/public/{org}/stories (the resident's form), each
#     request from another address (X-Forwarded-For, server started with --trust-proxy) so
#     the rate limit lets them through; afterwards the server is killed with SIGKILL and
#     every acknowledged (202) story must be in the database.
# One store after the other, each on a fresh database: SQLite in a temporary folder,
# PostgreSQL in a fresh database of a throw-away server (scripts/with-postgres.sh) unless
# WIJKKADER_TEST_PG_ADMIN_URL names a server to use (bench/two-stores.sh). The stories are
# the same on both (generated from a series, no randomness) and written with SQL behind the
# server's back; SQLite gets no ANALYZE (production never runs it, docs/decisions/0007),
# PostgreSQL a VACUUM ANALYZE (what autovacuum would do).
#
#   STORE=sqlite|postgres|both (default both)   STORIES (default 1000000)   RUNS (default 20)
#   DURATION (wrk, default 10s)   WIJKKADER_BIN (default build/wijkkader)   KEEP_WORK=1
#
# Prints a summary per store and writes bench/results/stories-<store>-<time>.json; with
# `both`, then one line per endpoint with PostgreSQL/SQLite of the medians and the p95s.
# Needs: make bench (hyperfine, wrk, sqlite3, curl), PostgreSQL (scripts/bootstrap.sh test)
# and a Release build.
set -euo pipefail
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$0")/.."
STORIES=${STORIES:-1000000}
RUNS=${RUNS:-20}
DURATION=${DURATION:-10s}
export STORIES RUNS DURATION
bench=stories
# shellcheck source=bench/two-stores.sh
. bench/two-stores.sh
stores_dispatch
stores_setup

echo "== stories on $STORE: $STORIES stories, $RUNS runs, $bin_given"

# The schema and the demo organisation (teams, signifier lists) from the binary.
start_server --trust-proxy --demo
password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
echo "$password" | "$bin" user add --database "$database" --org smd --email bench-kw@smd.example --name Bench \
  --role quality --password-stdin >/dev/null
stop_server

org=$(val "SELECT id FROM organisations WHERE slug = 'smd'")
# The demo's 9 teams, 12 topics, 5 valuations and 5 archetypes, in the order they were made.
read -ra teams <<<"$(ids "SELECT id FROM teams WHERE org_id = $org ORDER BY id")"
read -ra topics <<<"$(ids "SELECT id FROM value_lists WHERE org_id = $org AND list = 'story_topic' ORDER BY id")"
read -ra valuations <<<"$(ids "SELECT id FROM value_lists WHERE org_id = $org AND list = 'story_valuation' ORDER BY id")"
read -ra archetypes <<<"$(ids "SELECT id FROM value_lists WHERE org_id = $org AND list = 'story_archetype' ORDER BY id")"
if [ "${#teams[@]}" -lt 9 ] || [ "${#topics[@]}" -lt 12 ] || [ "${#valuations[@]}" -lt 5 ] || [ "${#archetypes[@]}" -lt 5 ]; then
  echo "stories: the demo organisation lacks teams or signifier values" >&2; exit 1
fi
teams=("${teams[@]:0:9}") topics=("${topics[@]:0:12}") valuations=("${valuations[@]:0:5}")
archetypes=("${archetypes[@]:0:5}")

# Story n (1..STORIES): its date spread over 2022–2026 ((n * 7919) mod 1826 days), every
# tenth told by a chain partner, every tenth plus one by a resident through the public form.
echo "generating $STORIES stories (SQL behind the server's back) …"
started=$(now)
run_sql <<SQL
BEGIN;
$(series "$STORIES")
INSERT INTO stories (org_id, title, text, story_date, teller_kind, team_id, topic_id, valuation_id, signed_by,
                     status, source, created_at)
  SELECT $org, 'Verhaal ' || n, 'Een kort verhaal over wat er gebeurde in de wijk, nummer ' || n || '.',
         $(day "(n * 7919) % 1826"),
         CASE WHEN n % 10 = 0 THEN 'ketenpartner' WHEN n % 10 = 1 THEN 'inwoner' ELSE 'medewerker' END,
         $(pick n "${teams[@]}"), $(pick "n * 31" "${topics[@]}"), $(pick "n * 17" "${valuations[@]}"), NULL,
         'published', CASE WHEN n % 10 = 1 THEN 'public' ELSE 'staff' END, 0
  FROM g;
COMMIT;
SQL
# Story n is the row with id first + n - 1 (one INSERT numbers its rows in order on both
# stores; checked): one archetype for each, a second for every even n.
first=$(val "SELECT MIN(id) FROM stories WHERE org_id = $org AND title = 'Verhaal 1'")
n="(id - $first + 1)"
misnumbered=$(val "SELECT COUNT(*) FROM stories WHERE org_id = $org AND id >= $first AND title <> 'Verhaal ' || $n")
[ "$misnumbered" = 0 ] || { echo "stories: $misnumbered stories out of order" >&2; exit 1; }
run_sql <<SQL
BEGIN;
INSERT INTO story_archetypes (org_id, story_id, archetype_id, status, story_date, team_id, teller_kind)
  SELECT org_id, id, $(pick "$n" "${archetypes[@]}"), status, story_date, team_id, teller_kind
  FROM stories WHERE org_id = $org AND id >= $first;
INSERT INTO story_archetypes (org_id, story_id, archetype_id, status, story_date, team_id, teller_kind)
  SELECT org_id, id, $(pick "$n + 2" "${archetypes[@]}"), status, story_date, team_id, teller_kind
  FROM stories WHERE org_id = $org AND id >= $first AND $n % 2 = 0;
COMMIT;
SQL
if [ "$STORE" = postgres ]; then run_sql <<<"VACUUM ANALYZE;"; fi
fact "fill s" "$(secs "$started")"
fact stories "$(val "SELECT COUNT(*) FROM stories WHERE org_id = $org")"
fact "archetype choices" "$(val "SELECT COUNT(*) FROM story_archetypes WHERE org_id = $org")"
# The same data on both stores: a fingerprint of every story's fields by its number (the
# teams' and lists' ids are the same: both databases were made by the same demo code).
fact "data stories" "$(val "SELECT COUNT(*), SUM(LENGTH(title) + LENGTH(text)),
    SUM($n % 1009 * (team_id + 3 * topic_id + 7 * valuation_id)),
    SUM($n % 1013 * (CAST(REPLACE(story_date, '-', '') AS INTEGER) % 997)),
    SUM(CASE teller_kind WHEN 'inwoner' THEN 1 WHEN 'ketenpartner' THEN 100 ELSE 10000 END),
    SUM(CASE source WHEN 'public' THEN 1 ELSE 0 END), MIN(story_date), MAX(story_date)
  FROM stories WHERE org_id = $org")"
fact "data archetypes" "$(val "SELECT COUNT(*), SUM((story_id - $first + 1) % 1009 * archetype_id)
  FROM story_archetypes WHERE org_id = $org")"
echo "generated in $(secs "$started") s: $(grep -E '^(stories|archetype choices)	' "$work/facts.tsv" | tr '\t\n' ' ')"

start_server --trust-proxy
login bench-kw@smd.example "$password"
base="http://127.0.0.1:$port/api/v1"
year="from=2025-01-01&to=2025-12-31&compare_from=2024-01-01&compare_to=2024-12-31"
stats="$base/stories/stats?$year"
filtered="$base/stories/stats?$year&team=${teams[2]}&teller=medewerker"
report="$base/reports/2025?format=json"
# The answers themselves, kept as the store's fingerprint of what it computed.
for what in stats filtered; do
  curl -fsS -b "$jar" "${!what}" -o "$work/$what.json"
  fact "answer $what" "$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), sort_keys=True))' \
    "$work/$what.json" | sha256sum | cut -c1-16)"
done
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("stats: 2025", d["period"]["count"], "stories, 2024", d["comparison"]["count"])' "$work/stats.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("filtered: 2025", d["period"]["count"], "stories")' "$work/filtered.json"
curl -fsS -b "$jar" -o /dev/null "$report"

measure stats-year "$stats"
measure stats-filtered "$filtered"
measure report-json "$report"

# Public submissions: every request from its own address, counted by status.
before=$(val "SELECT COUNT(*) FROM stories WHERE org_id = $org AND status = 'pending'")
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
  local body = '{"title":"Bench","text":"Een verhaal van een bewoner over de wijk.","topic_id":${topics[0]},"website":""}'
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
  io.write(string.format("LATENCY_US %d %d %d\n", latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
LUA
wrk -t2 -c64 -d"$DURATION" --latency -s "$work/public.lua" "http://127.0.0.1:$port" | tee "$work/wrk-public-post.txt"
kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=
accepted=$(sed -n 's/^ACCEPTED \([0-9]*\).*/\1/p' "$work/wrk-public-post.txt")
stored=$(( $(val "SELECT COUNT(*) FROM stories WHERE org_id = $org AND status = 'pending'") - before ))
echo "acknowledged $accepted, in the database after SIGKILL $stored"
fact "public acknowledged" "$accepted"
fact "public stored after SIGKILL" "$stored"
[ "$stored" -ge "$accepted" ] || { echo "LOST acknowledged stories" >&2; exit 1; }

stores_report "$STORIES stories, $RUNS runs, wrk -t2 -c64 -d$DURATION"
