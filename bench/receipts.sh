#!/usr/bin/env bash
# Receipts benchmark (docs/modules/kassabonnen.md): a large organisation's data —
# 100,000 cases with 600,000 cost lines in one programme, 20 groups, a status history per
# case — then hyperfine times, over real HTTP on the SQLite store:
#   - GET /api/v1/receipts/summary?programme=…&reference_date=2017-12-31
#   - GET /api/v1/reports/2017?format=json  (the whole report, receipts chapter included)
# Needs: make bench (hyperfine, sqlite3) and a Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-100000}
LINES_PER_CASE=${LINES_PER_CASE:-6}
RUNS=${RUNS:-10}
bin=${WIJKKADER_BIN:-$PWD/build/wijkkader}
work=$(mktemp -d "${TMPDIR:-/tmp}/wijkkader-bench-receipts.XXXXXX")
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  [ -n "${KEEP_DB:-}" ] && cp "$db" "$KEEP_DB"
  rm -rf "$work"
}
trap cleanup EXIT
db="$work/bench.db"

# The schema and the demo organisation (its teams, lists of values) from the binary.
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
"$bin" serve --database "$db" --demo --port "$port" --bind 127.0.0.1 >/dev/null 2>"$work/server.log" &
pid=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
echo "$password" | "$bin" user add --database "$db" --org smd --email bench-dir@smd.example --name Bench \
  --role director --password-stdin >/dev/null
kill "$pid"; wait "$pid" || true; pid=

echo "generating $CASES cases with $((CASES * LINES_PER_CASE)) lines …"
start=$(date +%s)
sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
BEGIN;
INSERT INTO programmes (org_id, slug, name, description, start_date, team_id, active, created_at)
  VALUES (1, 'bench', 'Benchmarkprogramma', '', '2015-01-01', NULL, 1, 0);
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 20)
INSERT INTO programme_groups (org_id, programme_id, name)
  SELECT 1, (SELECT id FROM programmes WHERE slug = 'bench'), 'Groep ' || printf('%02d', n) FROM g;
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < $CASES)
INSERT INTO cases (org_id, reference, team_id, programme_id, group_id, owner_user_id, start_date, plan, status,
                   created_at, updated_at)
  SELECT 1, 'B-' || printf('%06d', n), 1 + (n % 9), (SELECT id FROM programmes WHERE slug = 'bench'),
         (SELECT MIN(id) FROM programme_groups) + (n % 20), NULL, '2016-01-01', '',
         CASE n % 3 WHEN 0 THEN 'lopend' WHEN 1 THEN 'afgerond' ELSE 'zo_goed_als_afgerond' END, 0, 0
  FROM c;
INSERT INTO case_status_history (org_id, case_id, status, effective_date, recorded_at, recorded_by)
  SELECT 1, id, 'lopend', '2016-01-01', 0, NULL FROM cases WHERE programme_id = (SELECT id FROM programmes WHERE slug = 'bench');
INSERT INTO case_status_history (org_id, case_id, status, effective_date, recorded_at, recorded_by)
  SELECT 1, id, status, '2017-06-01', 1, NULL FROM cases
  WHERE programme_id = (SELECT id FROM programmes WHERE slug = 'bench') AND status <> 'lopend';
WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < $LINES_PER_CASE - 1)
INSERT INTO cost_lines (org_id, case_id, side, category_id, payer_id, description, amount_cents, position)
  SELECT 1, c.id, CASE WHEN k.n % 2 = 0 THEN 'oud' ELSE 'nieuw' END,
         (SELECT MIN(id) FROM value_lists WHERE list = 'cost_category') + ((c.id + k.n) % 17),
         (SELECT MIN(id) FROM value_lists WHERE list = 'payer') + ((c.id + k.n) % 5),
         'regel', 10000 + ((c.id * 7919 + k.n * 104729) % 500000), k.n + 1
  FROM cases c CROSS JOIN k WHERE c.programme_id = (SELECT id FROM programmes WHERE slug = 'bench');
COMMIT;
ANALYZE;
SQL
echo "generated in $(( $(date +%s) - start )) s: $(sqlite3 "$db" 'SELECT COUNT(*) FROM cases') cases, $(sqlite3 "$db" 'SELECT COUNT(*) FROM cost_lines') lines"

"$bin" serve --database "$db" --port "$port" --bind 127.0.0.1 >/dev/null 2>"$work/server.log" &
pid=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
cookie=$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench-dir@smd.example\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/v1/session" |
  sed -n 's/^Set-Cookie: \(wk_session=[^;]*\).*/\1/p')
programme=$(sqlite3 "$db" "SELECT id FROM programmes WHERE slug = 'bench'")
summary="http://127.0.0.1:$port/api/v1/receipts/summary?programme=$programme&reference_date=2017-12-31"
report="http://127.0.0.1:$port/api/v1/reports/2017?format=json"
curl -fsS -H "Cookie: $cookie" "$summary" -o "$work/summary.json"; echo "summary: $(wc -c <"$work/summary.json") bytes"

mkdir -p bench/results
out=bench/results/receipts-$(date -u +%Y%m%dT%H%M%SZ)
hyperfine --warmup 1 --runs "$RUNS" --export-json "$out.json" \
  -n summary "curl -fsS -o /dev/null -H 'Cookie: $cookie' '$summary'" \
  -n report-json "curl -fsS -o /dev/null -H 'Cookie: $cookie' '$report'"
python3 - "$out.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{r["command"]:12s} median {r["median"]*1000:8.1f} ms  (min {r["min"]*1000:.1f}, max {r["max"]*1000:.1f}, {len(r["times"])} runs)')
PY
