#!/usr/bin/env bash
# Receipts benchmark (docs/modules/kassabonnen.md): a large organisation's data —
# 100,000 cases with 600,000 cost lines in one programme, 20 groups, a status history per
# case — then hyperfine times, over real HTTP (with the server's own durations from its
# access log):
#   - GET /api/v1/receipts/summary?programme=…&reference_date=2017-12-31
#   - GET /api/v1/reports/2017?format=json  (the whole report, receipts chapter included)
# One store after the other, each on a fresh database: SQLite in a temporary folder,
# PostgreSQL in a fresh database of a throw-away server (scripts/with-postgres.sh) unless
# WIJKKADER_TEST_PG_ADMIN_URL names a server to use (bench/two-stores.sh). The data are the
# same on both (generated from a series, no randomness) and written with SQL behind the
# server's back; SQLite gets no ANALYZE (production never runs it, docs/decisions/0007),
# PostgreSQL a VACUUM ANALYZE (what autovacuum would do).
#
#   STORE=sqlite|postgres|both (default both)   CASES (default 100000)
#   LINES_PER_CASE (default 6)   RUNS (default 20)   WIJKKADER_BIN (default build/wijkkader)
#   KEEP_WORK=1
#
# Prints a summary per store and writes bench/results/receipts-<store>-<time>.json; with
# `both`, then one line per endpoint with PostgreSQL/SQLite of the medians and the p95s.
# Needs: make bench (hyperfine, sqlite3, curl), PostgreSQL (scripts/bootstrap.sh test) and a
# Release build.
set -euo pipefail
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$0")/.."
CASES=${CASES:-100000}
LINES_PER_CASE=${LINES_PER_CASE:-6}
RUNS=${RUNS:-20}
export CASES LINES_PER_CASE RUNS
bench=receipts
# shellcheck source=bench/two-stores.sh
. bench/two-stores.sh
stores_dispatch
stores_setup

echo "== receipts on $STORE: $CASES cases, $((CASES * LINES_PER_CASE)) lines, $RUNS runs, $bin_given"

# The schema and the demo organisation (its teams, lists of values) from the binary.
start_server --demo
password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
echo "$password" | "$bin" user add --database "$database" --org smd --email bench-dir@smd.example --name Bench \
  --role director --password-stdin >/dev/null
stop_server

org=$(val "SELECT id FROM organisations WHERE slug = 'smd'")
# The demo's 9 teams, 17 cost categories and 5 payers, in the order they were made.
read -ra teams <<<"$(ids "SELECT id FROM teams WHERE org_id = $org ORDER BY id")"
read -ra categories <<<"$(ids "SELECT id FROM value_lists WHERE org_id = $org AND list = 'cost_category' ORDER BY id")"
read -ra payers <<<"$(ids "SELECT id FROM value_lists WHERE org_id = $org AND list = 'payer' ORDER BY id")"
if [ "${#teams[@]}" -lt 9 ] || [ "${#categories[@]}" -lt 17 ] || [ "${#payers[@]}" -lt 5 ]; then
  echo "receipts: the demo organisation lacks teams, cost categories or payers" >&2; exit 1
fi
teams=("${teams[@]:0:9}") categories=("${categories[@]:0:17}") payers=("${payers[@]:0:5}")

echo "generating $CASES cases with $((CASES * LINES_PER_CASE)) lines (SQL behind the server's back) …"
started=$(now)
run_sql <<SQL
BEGIN;
INSERT INTO programmes (org_id, slug, name, description, start_date, team_id, active, created_at)
  VALUES ($org, 'bench', 'Benchmarkprogramma', '', '2015-01-01', NULL, 1, 0);
$(series 20)
INSERT INTO programme_groups (org_id, programme_id, name)
  SELECT $org, (SELECT id FROM programmes WHERE org_id = $org AND slug = 'bench'), 'Groep ' || $(pad n 2) FROM g;
COMMIT;
SQL
programme=$(val "SELECT id FROM programmes WHERE org_id = $org AND slug = 'bench'")
read -ra groups <<<"$(ids "SELECT id FROM programme_groups WHERE org_id = $org AND programme_id = $programme ORDER BY name")"

# Case n (1..CASES): B-<n>, team and group in turn, a third each still running, finished
# and as good as finished (since 2017-06-01).
run_sql <<SQL
BEGIN;
$(series "$CASES")
INSERT INTO cases (org_id, reference, team_id, programme_id, group_id, owner_user_id, start_date, plan, status,
                   created_at, updated_at)
  SELECT $org, 'B-' || $(pad n 6), $(pick n "${teams[@]}"), $programme, $(pick n "${groups[@]}"), NULL,
         '2016-01-01', '', CASE n % 3 WHEN 0 THEN 'lopend' WHEN 1 THEN 'afgerond' ELSE 'zo_goed_als_afgerond' END,
         0, 0
  FROM g;
COMMIT;
SQL
# Case n is the row with id first + n - 1 (one INSERT numbers its rows in order on both
# stores; checked).
first=$(val "SELECT MIN(id) FROM cases WHERE org_id = $org AND programme_id = $programme")
n="(c.id - $first + 1)"
misnumbered=$(val "SELECT COUNT(*) FROM cases c WHERE c.org_id = $org AND c.programme_id = $programme
  AND c.reference <> 'B-' || $(pad "$n" 6)")
[ "$misnumbered" = 0 ] || { echo "receipts: $misnumbered cases out of order" >&2; exit 1; }
k_values=$(seq -s ', ' -f '(%g)' 0 $((LINES_PER_CASE - 1)))
run_sql <<SQL
BEGIN;
INSERT INTO case_status_history (org_id, case_id, status, effective_date, recorded_at, recorded_by)
  SELECT org_id, id, 'lopend', '2016-01-01', 0, NULL FROM cases WHERE org_id = $org AND programme_id = $programme;
INSERT INTO case_status_history (org_id, case_id, status, effective_date, recorded_at, recorded_by)
  SELECT org_id, id, status, '2017-06-01', 1, NULL FROM cases
  WHERE org_id = $org AND programme_id = $programme AND status <> 'lopend';
WITH k(n) AS (VALUES $k_values)
INSERT INTO cost_lines (org_id, case_id, side, category_id, payer_id, description, amount_cents, position)
  SELECT c.org_id, c.id, CASE WHEN k.n % 2 = 0 THEN 'oud' ELSE 'nieuw' END,
         $(pick "$n + k.n" "${categories[@]}"), $(pick "$n + k.n" "${payers[@]}"),
         'regel', 10000 + (($n * 7919 + k.n * 104729) % 500000), k.n + 1
  FROM cases c CROSS JOIN k WHERE c.org_id = $org AND c.programme_id = $programme;
COMMIT;
SQL
if [ "$STORE" = postgres ]; then run_sql <<<"VACUUM ANALYZE;"; fi
fact "fill s" "$(secs "$started")"
fact cases "$(val "SELECT COUNT(*) FROM cases WHERE org_id = $org AND programme_id = $programme")"
fact "cost lines" "$(val "SELECT COUNT(*) FROM cost_lines WHERE org_id = $org")"
# The same data on both stores: fingerprints by case number (the teams', groups' and lists'
# ids are the same: both databases were made by the same demo code and this script).
fact "data cases" "$(val "SELECT COUNT(*), SUM($n % 1009 * (c.team_id + 3 * c.group_id)),
    SUM(CASE c.status WHEN 'lopend' THEN 1 WHEN 'afgerond' THEN 100 ELSE 10000 END)
  FROM cases c WHERE c.org_id = $org AND c.programme_id = $programme")"
fact "data status history" "$(val "SELECT COUNT(*), SUM((h.case_id - $first + 1) % 1009
    * (CAST(REPLACE(h.effective_date, '-', '') AS INTEGER) % 997 + LENGTH(h.status)))
  FROM case_status_history h WHERE h.org_id = $org")"
fact "data cost lines" "$(val "SELECT COUNT(*), SUM(l.amount_cents),
    SUM((l.case_id - $first + 1) % 1009 * (l.category_id + 7 * l.payer_id + 31 * l.position + LENGTH(l.side)))
  FROM cost_lines l WHERE l.org_id = $org")"
echo "generated in $(secs "$started") s: $(grep -E '^(cases|cost lines)	' "$work/facts.tsv" | tr '\t\n' ' ')"

start_server
login bench-dir@smd.example "$password"
summary="http://127.0.0.1:$port/api/v1/receipts/summary?programme=$programme&reference_date=2017-12-31"
report="http://127.0.0.1:$port/api/v1/reports/2017?format=json"
curl -fsS -b "$jar" "$summary" -o "$work/summary.json"
echo "summary: $(wc -c <"$work/summary.json") bytes"
fact "answer summary" "$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), sort_keys=True))' \
  "$work/summary.json" | sha256sum | cut -c1-16)"
curl -fsS -b "$jar" -o /dev/null "$report"

measure summary "$summary"
measure report-json "$report"
stop_server

stores_report "$CASES cases, $((CASES * LINES_PER_CASE)) cost lines, $RUNS runs"
