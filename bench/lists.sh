#!/usr/bin/env bash
# List endpoints at scale (issue 15; docs/performance.md): ROWS stories, cases, knowledge
# items, audit entries and users (the users in an organisation of their own, so that the
# other lists do not load them as names) and ROWS/10 sense-making sessions, then over real
# HTTP with the Release server, for every list:
#   GET /api/v1/stories, /cases, /sensemaking-sessions, /knowledge, /audit, /users
#   - first page (limit=50), a deep page (offset=9000; on the audit log, whose pages go by
#     `before`, the page that starts at the same place), the page after three pages walked
#     by the list's cursor (next_cursor, or next_before on the audit log) when it has one,
#     and a filtered page — each timed by hyperfine with curl (curl's own start included;
#     the `healthz` row is that floor);
#   - wrk -t2 -c16 --latency on the first page of stories and of cases.
# One store after the other, each on a fresh database: SQLite in a temporary folder,
# PostgreSQL in a fresh database of a throw-away server (scripts/with-postgres.sh) unless
# WIJKKADER_TEST_PG_ADMIN_URL names a server to use. The rows are written with SQL behind
# the server's back; SQLite gets no ANALYZE (production never runs it, docs/decisions/0007),
# PostgreSQL a VACUUM ANALYZE (what autovacuum would do).
#
#   STORE=sqlite|postgres|both (default both)   ROWS (default 1000000)   RUNS (default 20)
#   WIJKKADER_BIN (default build/wijkkader; copied first, so a rebuild meanwhile does not
#   change the server under test)   SESSIONS (default ROWS/10)   WRK_DURATION (10s)
#   KEEP_WORK=1 keeps the temporary folder (database, server log, raw results).
#
# Prints a markdown table per store and writes bench/results/lists-<store>-<time>.json
# (medians and p95 in ms, p95 by nearest rank over hyperfine's times).
# Needs: make bench (hyperfine, wrk, sqlite3, curl), PostgreSQL (scripts/bootstrap.sh test)
# and a Release build.
set -euo pipefail
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$0")/.."
STORE=${STORE:-both}
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-20}
SESSIONS=${SESSIONS:-$(( ROWS / 10 > 0 ? ROWS / 10 : 1 ))}
WRK_DURATION=${WRK_DURATION:-10s}
export ROWS RUNS SESSIONS WRK_DURATION

case "$STORE" in
  both)
    STORE=sqlite "$self"
    STORE=postgres "$self"
    exit 0 ;;
  sqlite) ;;
  postgres)
    if [ -z "${WIJKKADER_TEST_PG_ADMIN_URL:-}" ]; then
      exec scripts/with-postgres.sh env STORE=postgres "$self"
    fi ;;
  *) echo "lists: STORE must be sqlite, postgres or both" >&2; exit 2 ;;
esac

bin_given=${WIJKKADER_BIN:-$PWD/build/wijkkader}
[ "${bin_given#/}" != "$bin_given" ] || bin_given=$PWD/$bin_given
work=$(mktemp -d "${TMPDIR:-/tmp}/wijkkader-bench-lists.XXXXXX")
pid=
pg_db=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  if [ -n "$pg_db" ] && [ -z "${KEEP_WORK:-}" ]; then
    psql -X -q -d "$WIJKKADER_TEST_PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  if [ -n "${KEEP_WORK:-}" ]; then echo "lists: kept $work${pg_db:+ and database $pg_db}" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# The binary under test, copied (another build may replace it while this runs).
for _ in $(seq 1 60); do [ -x "$bin_given" ] && break; sleep 5; done
[ -x "$bin_given" ] || { echo "lists: no server binary at $bin_given" >&2; exit 2; }
cp "$bin_given" "$work/wijkkader"
bin=$work/wijkkader
if grep -q __asan_init "$bin"; then echo "lists: warning: $bin_given is a sanitizer build, not Release" >&2; fi

if [ "$STORE" = sqlite ]; then
  db="$work/bench.db"
  database=$db
else
  pg_db="wk_lists_$$_$(date +%s)"
  psql -X -q -v ON_ERROR_STOP=1 -d "$WIJKKADER_TEST_PG_ADMIN_URL" -c "CREATE DATABASE $pg_db" >/dev/null
  database="${WIJKKADER_TEST_PG_ADMIN_URL%/*}/$pg_db"
fi

# SQL on the store: `run_sql` a script from stdin, `val` one value.
run_sql() {
  # (a larger page cache for the fill's own connection only: the server keeps its own)
  if [ "$STORE" = sqlite ]; then { echo 'PRAGMA cache_size = -262144;'; cat; } | sqlite3 -bail "$db" >/dev/null
  else psql -X -q -v ON_ERROR_STOP=1 -d "$database" >/dev/null; fi
}
val() {
  if [ "$STORE" = sqlite ]; then sqlite3 "$db" "$1"
  else psql -X -qAt -v ON_ERROR_STOP=1 -d "$database" -c "$1"; fi
}
# The dialect's pieces: the numbers 1..N as g(n), a date N days after 2022-01-01, n padded.
if [ "$STORE" = sqlite ]; then
  series() { echo "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < $1)"; }
  day() { echo "date('2022-01-01', '+' || ($1) || ' days')"; }
  pad() { echo "printf('%0$2d', $1)"; }
else
  series() { echo "WITH g(n) AS (SELECT generate_series(1::bigint, $1))"; }
  day() { echo "to_char(DATE '2022-01-01' + ($1)::int, 'YYYY-MM-DD')"; }
  pad() { echo "lpad(($1)::text, $2, '0')"; }
fi
# pick EXPR V0 V1 …: the value at EXPR modulo the number of values (ids of the database).
pick() {
  local expr=$1; shift
  local out="CASE ($expr) % $# " i=0
  for v in "$@"; do out+="WHEN $i THEN $v "; i=$((i + 1)); done
  echo "${out}END"
}

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
start_server() {
  "$bin" serve --database "$database" --port "$port" --bind 127.0.0.1 "$@" >/dev/null 2>>"$work/server.log" &
  pid=$!
  for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "lists: the server did not start:" >&2; tail -20 "$work/server.log" >&2; exit 1
}
stop_server() { kill "$pid"; wait "$pid" || true; pid=; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}'; }

echo "== lists on $STORE: $ROWS rows, $SESSIONS sessions, $RUNS runs, $bin_given"

# The schema and the demo organisation from the binary, a user who may read every list,
# and an organisation for the users with its administrator.
start_server --demo
password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
echo "$password" | "$bin" user add --database "$database" --org smd --email bench-lists@smd.example \
  --name "Bench Lijsten" --role quality --role director --role admin --password-stdin >/dev/null
"$bin" org add --database "$database" --name "Bench gebruikers" --slug benchusers >/dev/null
echo "$password" | "$bin" user add --database "$database" --org benchusers --email bench-admin@benchusers.example \
  --name "Bench Beheer" --role admin --password-stdin >/dev/null
stop_server

org=$(val "SELECT id FROM organisations WHERE slug = 'smd'")
uorg=$(val "SELECT id FROM organisations WHERE slug = 'benchusers'")
me=$(val "SELECT id FROM users WHERE email = 'bench-lists@smd.example'")
ids() { val "$1" | tr '\n' ' '; }
read -ra teams <<<"$(ids "SELECT id FROM teams WHERE org_id = $org ORDER BY id")"
read -ra topics <<<"$(ids "SELECT id FROM value_lists WHERE org_id = $org AND list = 'story_topic' ORDER BY id")"
read -ra valuations <<<"$(ids "SELECT id FROM value_lists WHERE org_id = $org AND list = 'story_valuation' ORDER BY id")"
read -ra archetypes <<<"$(ids "SELECT id FROM value_lists WHERE org_id = $org AND list = 'story_archetype' ORDER BY id")"
read -ra actors <<<"$(ids "SELECT id FROM users WHERE org_id = $org ORDER BY id")"
if [ "${#teams[@]}" -lt 3 ] || [ "${#topics[@]}" -eq 0 ] || [ "${#valuations[@]}" -eq 0 ] || [ "${#archetypes[@]}" -eq 0 ]; then
  echo "lists: the demo organisation lacks teams or signifier lists" >&2; exit 1
fi
ms0=1640995200000  # 2022-01-01

: >"$work/fill.tsv"
fill() {  # NAME [COUNT-SQL] <SQL
  local name=$1 started count='' took; started=$(now)
  run_sql
  took=$(secs "$started")
  [ -z "${2:-}" ] || count=$(val "$2")
  printf '%s\t%s\t%s\n' "$name" "$took" "$count" >>"$work/fill.tsv"
  printf '  %-10s %7s s%s\n' "$name" "$took" "${count:+  $count rows}"
}
echo "filling (SQL behind the server's back) …"
fill_started=$(now)

# Stories as bench/stories.sh makes them (2022–2026, ~1.5 archetypes each), 2% pending
# (public, not yet moderated).
fill stories "SELECT COUNT(*) FROM stories WHERE org_id = $org" <<SQL
BEGIN;
$(series "$ROWS")
INSERT INTO stories (org_id, title, text, story_date, teller_kind, team_id, topic_id, valuation_id, signed_by,
                     status, source, created_at)
  SELECT $org, 'Verhaal ' || n, 'Een kort verhaal over wat er gebeurde in de wijk, nummer ' || n || '.',
         $(day "(n * 7919) % 1826"),
         CASE WHEN n % 50 = 0 THEN 'inwoner' WHEN n % 10 = 0 THEN 'ketenpartner' WHEN n % 10 = 1 THEN 'inwoner'
              ELSE 'medewerker' END,
         CASE WHEN n % 50 = 0 THEN NULL ELSE $(pick n "${teams[@]}") END,
         $(pick "n * 31" "${topics[@]}"), $(pick "n * 17" "${valuations[@]}"), NULL,
         CASE WHEN n % 50 = 0 THEN 'pending' ELSE 'published' END,
         CASE WHEN n % 50 = 0 OR n % 10 = 1 THEN 'public' ELSE 'staff' END,
         $ms0 + n * 1000
  FROM g;
INSERT INTO story_archetypes (org_id, story_id, archetype_id, status, story_date, team_id, teller_kind)
  SELECT org_id, id, $(pick id "${archetypes[@]}"), status, story_date, team_id, teller_kind FROM stories WHERE org_id = $org;
INSERT INTO story_archetypes (org_id, story_id, archetype_id, status, story_date, team_id, teller_kind)
  SELECT org_id, id, $(pick "id + 2" "${archetypes[@]}"), status, story_date, team_id, teller_kind FROM stories
  WHERE org_id = $org AND id % 2 = 0;
COMMIT;
SQL

# Cases in two programmes, one small (every 1000th case), teams spread.
fill cases "SELECT COUNT(*) FROM cases WHERE org_id = $org" <<SQL
BEGIN;
INSERT INTO programmes (org_id, slug, name, description, start_date, team_id, active, created_at)
  VALUES ($org, 'lijsten-groot', 'Lijsten: groot programma', '', '2016-01-01', NULL, 1, $ms0),
         ($org, 'lijsten-klein', 'Lijsten: klein programma', '', '2016-01-01', NULL, 1, $ms0);
$(series "$ROWS")
INSERT INTO cases (org_id, reference, team_id, programme_id, group_id, owner_user_id, start_date, plan, status,
                   created_at, updated_at)
  SELECT $org, 'L-' || $(pad n 7), $(pick "n * 7" "${teams[@]}"),
         CASE WHEN n % 1000 = 0 THEN (SELECT id FROM programmes WHERE org_id = $org AND slug = 'lijsten-klein')
              ELSE (SELECT id FROM programmes WHERE org_id = $org AND slug = 'lijsten-groot') END,
         NULL, NULL, $(day "n % 1826"), '',
         CASE n % 3 WHEN 0 THEN 'lopend' WHEN 1 THEN 'afgerond' ELSE 'zo_goed_als_afgerond' END,
         $ms0 + n * 1000, $ms0 + n * 1000
  FROM g;
COMMIT;
SQL
small=$(val "SELECT id FROM programmes WHERE org_id = $org AND slug = 'lijsten-klein'")

# Sense-making sessions: 4% open (half of them with a saved filter, whose stories the list
# counts on every request: a team's quarter), the rest closed; four stored stories for every
# session that keeps its stories (hand-picked, or closed).
first_story=$(val "SELECT MIN(id) FROM stories WHERE org_id = $org")
fill sessions "SELECT COUNT(*) FROM sensemaking_sessions WHERE org_id = $org" <<SQL
BEGIN;
$(series "$SESSIONS")
INSERT INTO sensemaking_sessions (org_id, title, session_date, facilitator_id, other_participants, notes, selection,
                                  story_filter, status, conclusion, closed_at, closed_by, created_at, updated_at)
  SELECT $org, 'Sessie ' || n, $(day "(n * 7919) % 1826"), $me, '', '',
         CASE WHEN n % 2 = 0 THEN 'filter' ELSE 'hand_picked' END,
         CASE WHEN n % 2 = 0 THEN '{"from":"2025-01-01","to":"2025-03-31","team":' || ($(pick n "${teams[@]}")) || '}' END,
         CASE WHEN n % 25 IN (0, 1) THEN 'open' ELSE 'closed' END,
         CASE WHEN n % 25 IN (0, 1) THEN NULL ELSE 'Wat we zagen en wat we gaan doen.' END,
         CASE WHEN n % 25 IN (0, 1) THEN NULL ELSE $ms0 + n * 60000 END,
         CASE WHEN n % 25 IN (0, 1) THEN NULL ELSE $me END,
         $ms0 + n * 60000, $ms0 + n * 60000
  FROM g;
WITH k(k) AS (VALUES (0), (1), (2), (3))
INSERT INTO sensemaking_stories (org_id, session_id, story_id)
  SELECT s.org_id, s.id, $first_story + ((s.id * 4 + k.k) * 7919) % $ROWS FROM sensemaking_sessions s, k
  WHERE s.org_id = $org AND NOT (s.status = 'open' AND s.selection = 'filter')
  ON CONFLICT DO NOTHING;
COMMIT;
SQL

# Knowledge items with one version each (the list reads the shown version): 95% published,
# 5% a first draft; four categories.
fill knowledge "SELECT COUNT(*) FROM knowledge_items WHERE org_id = $org" <<SQL
BEGIN;
$(series "$ROWS")
INSERT INTO knowledge_items (org_id, category, status, owner_id, published_version, draft_version, review_by,
                             created_by, created_at, updated_at)
  SELECT $org, $(pick n "'methodiek'" "'document'" "'procedure'" "'richtlijn'"),
         CASE WHEN n % 20 = 0 THEN 'concept' ELSE 'gepubliceerd' END, $me,
         CASE WHEN n % 20 = 0 THEN NULL ELSE 1 END, CASE WHEN n % 20 = 0 THEN 1 END,
         CASE WHEN n % 20 = 0 THEN NULL ELSE $(day "730 + n % 1500") END,
         $me, $ms0 + n * 1000, $ms0 + ((n * 7919) % $ROWS) * 60000
  FROM g;
INSERT INTO knowledge_versions (org_id, item_id, version, status, category, title, body, tags, author_id, created_at,
                                updated_at, submitted_at, reviewed_by, reviewed_at, review_remark)
  SELECT org_id, id, 1, CASE status WHEN 'concept' THEN 'concept' ELSE 'gepubliceerd' END, category,
         'Werkwijze ' || id, 'Een korte beschrijving van werkwijze nummer ' || id || '.', '["lijsten"]', owner_id,
         created_at, updated_at, NULL,
         CASE WHEN status = 'concept' THEN NULL ELSE owner_id END,
         CASE WHEN status = 'concept' THEN NULL ELSE updated_at END, NULL
  FROM knowledge_items WHERE org_id = $org;
COMMIT;
SQL

# The audit log: one entry every 2.5 minutes from 2022 on, by the organisation's people in
# turn (the bench user among them). Append-only: inserts are all it allows.
fill audit "SELECT COUNT(*) FROM audit_log WHERE org_id = $org" <<SQL
BEGIN;
$(series "$ROWS")
INSERT INTO audit_log (org_id, at, actor_user_id, action, entity, entity_id, before_json, after_json)
  SELECT $org, $ms0 + n * 150000, $(pick n "${actors[@]}"), CASE WHEN n % 5 = 0 THEN 'create' ELSE 'update' END,
         'case', CAST(n AS TEXT), NULL, '{"reference":"L-' || $(pad n 7) || '"}'
  FROM g;
COMMIT;
SQL

# Users in their own organisation, one role each, 5% inactive (they cannot log in).
fill users "SELECT COUNT(*) FROM users WHERE org_id = $uorg" <<SQL
BEGIN;
$(series "$ROWS")
INSERT INTO users (org_id, email, name, password_hash, active, created_at, last_login_at)
  SELECT $uorg, 'gebruiker' || n || '@benchusers.example', 'Gebruiker ' || $(pad n 7), '!',
         CASE WHEN n % 20 = 0 THEN 0 ELSE 1 END, $ms0 + n * 1000, NULL
  FROM g;
INSERT INTO user_roles (org_id, user_id, role)
  SELECT org_id, id, CASE id % 3 WHEN 0 THEN 'coach' WHEN 1 THEN 'team_manager' ELSE 'quality' END
  FROM users WHERE org_id = $uorg AND email LIKE 'gebruiker%';
COMMIT;
SQL

if [ "$STORE" = postgres ]; then
  fill analyze <<<"VACUUM ANALYZE;"
fi
echo "filled in $(secs "$fill_started") s"

# Measure.
start_server
base="http://127.0.0.1:$port/api/v1"
login() {  # email jar
  curl -fsS -c "$2" -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$password\"}" "$base/session"
  grep -q wk_session "$2" || { echo "lists: log-in as $1 failed" >&2; exit 1; }
}
jar=$work/cookies.txt
ujar=$work/cookies-users.txt
login bench-lists@smd.example "$jar"
login bench-admin@benchusers.example "$ujar"

# get URL JAR OUT: the answer must be 200; its size in $bytes.
bytes=0
get() {
  local code
  read -r code bytes < <(curl -sS -o "$3" -w '%{http_code} %{size_download}\n' -b "$2" "$1")
  if [ "$code" != 200 ]; then
    echo "lists: GET $1 answered $code:" >&2; head -c 2000 "$3" >&2; echo >&2; exit 1
  fi
}
field() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2]); print("" if v is None else json.dumps(v) if isinstance(v,bool) else v)' "$1" "$2"; }
items() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$1"; }

team=${teams[2]}
audit_deep=$(val "SELECT id FROM audit_log WHERE org_id = $org ORDER BY at DESC, id DESC LIMIT 1 OFFSET 8999")
: >"$work/pages.tsv"
# measure LIST KIND URL JAR RUNS: hyperfine on one page (no shell: curl's start is in the
# figure, the `healthz` row shows how much), and the server's own durations of the timed
# requests from its access log (duration_ms; the warm-up requests left out).
measure() {
  local name=$1 kind=$2 url=$3 cookies=$4 runs=$5 before
  sleep 0.2; before=$(wc -l <"$work/server.log")
  hyperfine -N --style basic --warmup 3 --runs "$runs" --export-json "$work/h-$name-$kind.json" \
    -n "$name $kind" "curl -fsS -o /dev/null -b $cookies '$url'" | grep -E '^(Benchmark|  Time|  Range)'
  sleep 0.2
  tail -n +"$((before + 1))" "$work/server.log" | grep '"event":"request"' | tail -n "$runs" \
    | sed -n 's/.*"duration_ms":\([0-9.]*\).*/\1/p' >"$work/s-$name-$kind.txt"
}

# list NAME PATH FILTER JAR: checks every page (200, and what it holds), then times each.
list() {
  local name=$1 path=$2 filter=$3 cookies=$4 runs=$RUNS
  local first="$base$path?limit=50" page="$work/page.json"
  get "$first" "$cookies" "$page"
  local total exact n cursor_key='' first_bytes=$bytes
  total=$(field "$page" total); exact=$(field "$page" total_exact); n=$(items "$page")
  local -a pages=(first "$first")
  printf '%s\tfirst\t%s\t%s\t%s\t%s\t%s\n' "$name" "$first" "$n" "$total" "$exact" "$first_bytes" >>"$work/pages.tsv"
  if python3 -c 'import json,sys; sys.exit(0 if "next_cursor" in json.load(open(sys.argv[1])) else 1)' "$page"; then
    cursor_key=next_cursor
  elif python3 -c 'import json,sys; sys.exit(0 if "next_before" in json.load(open(sys.argv[1])) else 1)' "$page"; then
    cursor_key=next_before
  fi
  # The deep page: offset 9000 (or the last page of a shorter list); by position on the audit log.
  local deep=
  if [ "$name" = audit ]; then
    [ -n "$audit_deep" ] && deep="$first&before=$audit_deep"
  else
    local offset=9000
    [ -n "$total" ] && [ "$total" -lt 9050 ] && offset=$(( total > 50 ? total - 50 : 0 ))
    deep="$first&offset=$offset"
  fi
  if [ -n "$deep" ]; then
    get "$deep" "$cookies" "$page"
    printf '%s\tdeep\t%s\t%s\t\t\n' "$name" "$deep" "$(items "$page")" >>"$work/pages.tsv"
    pages+=(deep "$deep")
  fi
  # The cursor page: three pages walked, the fourth timed.
  if [ -n "$cursor_key" ]; then
    local param=cursor url=$first c=''
    [ "$cursor_key" = next_before ] && param=before
    get "$first" "$cookies" "$page"
    for _ in 1 2 3; do
      c=$(field "$page" "$cursor_key")
      [ -n "$c" ] || break
      url="$first&$param=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$c")"
      get "$url" "$cookies" "$page"
    done
    if [ -n "$c" ]; then
      printf '%s\tcursor\t%s\t%s\t\t\n' "$name" "$url" "$(items "$page")" >>"$work/pages.tsv"
      pages+=(cursor "$url")
    fi
  fi
  if [ -n "$filter" ]; then
    local filtered="$first&$filter"
    get "$filtered" "$cookies" "$page"
    printf '%s\tfiltered\t%s\t%s\t%s\t%s\n' "$name" "$filtered" "$(items "$page")" "$(field "$page" total)" \
      "$(field "$page" total_exact)" >>"$work/pages.tsv"
    pages+=(filtered "$filtered")
  fi
  echo "-- $name ($n items, $first_bytes bytes on the first page; total ${total:-n/a}${exact:+, exact $exact})"
  local i
  for ((i = 0; i < ${#pages[@]}; i += 2)); do measure "$name" "${pages[i]}" "${pages[i + 1]}" "$cookies" "$runs"; done
}

get "http://127.0.0.1:$port/healthz" "$jar" "$work/page.json"
printf 'healthz\tfirst\thttp://127.0.0.1:%s/healthz\t0\t\t\n' "$port" >>"$work/pages.tsv"
measure healthz first "http://127.0.0.1:$port/healthz" "$jar" "$RUNS"
list stories /stories "team=$team&teller=inwoner" "$jar"
list cases /cases "programme=$small" "$jar"
list sessions /sensemaking-sessions "status=open" "$jar"
list knowledge /knowledge "category=richtlijn" "$jar"
list audit /audit "actor=$me" "$jar"
list users /users "q=gebruiker%200012" "$ujar"

# wrk: the first page of stories and of cases under 16 connections.
token=$(awk '$6 == "wk_session" {print $7}' "$jar")
for name in stories cases; do
  echo "-- wrk $name"
  wrk -t2 -c16 -d"$WRK_DURATION" --latency -H "Cookie: wk_session=$token" "$base/$name?limit=50" \
    | tee "$work/wrk-$name.txt"
  if grep -q 'Non-2xx' "$work/wrk-$name.txt"; then echo "lists: wrk $name had non-2xx answers" >&2; exit 1; fi
done
stop_server

mkdir -p bench/results
out=bench/results/lists-$STORE-$(date -u +%Y%m%dT%H%M%SZ).json
python3 - "$work" "$out" "$STORE" "$ROWS" "$SESSIONS" "$RUNS" "$bin_given" "$(sha256sum "$bin" | cut -c1-16)" \
  "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src migrations || echo '+changes')" <<'PY'
import json, math, os, re, statistics, sys
work, out, store, rows, sessions, runs, binary, bin_sha, commit = sys.argv[1:]

def p95(times):
    t = sorted(times)
    return t[max(0, math.ceil(0.95 * len(t)) - 1)]

def stats(r):
    return {"median_ms": round(r["median"] * 1000, 2), "p95_ms": round(p95(r["times"]) * 1000, 2),
            "mean_ms": round(r["mean"] * 1000, 2), "min_ms": round(r["min"] * 1000, 2),
            "max_ms": round(r["max"] * 1000, 2), "runs": len(r["times"])}

fill = {}
for line in open(os.path.join(work, "fill.tsv")):
    name, took, count = line.rstrip("\n").split("\t")
    fill[name] = {"seconds": float(took), "rows": int(count or 0)}

lists = {}
order = ["stories", "cases", "sessions", "knowledge", "audit", "users"]
for line in open(os.path.join(work, "pages.tsv")):
    name, kind, url, n, total, exact, size = (line.rstrip("\n").split("\t") + [""])[:7]
    page = {"url": re.sub(r"^http://[^/]+", "", url), "items": int(n)}
    if size: page["bytes"] = int(size)
    if total: page["total"] = int(total)
    if exact: page["total_exact"] = exact == "true"
    lists.setdefault(name, {})[kind] = page
for name, pages in lists.items():
    for kind, page in pages.items():
        path = os.path.join(work, f"h-{name}-{kind}.json")
        if os.path.exists(path):
            page.update(stats(json.load(open(path))["results"][0]))
        path = os.path.join(work, f"s-{name}-{kind}.txt")
        if os.path.exists(path):
            server = [float(x) / 1000 for x in open(path).read().split()]
            if server:
                page["server"] = {"median_ms": round(statistics.median(server) * 1000, 2),
                                  "p95_ms": round(p95(server) * 1000, 2), "requests": len(server)}

wrk = {}
unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}
for name in ["stories", "cases"]:
    path = os.path.join(work, f"wrk-{name}.txt")
    if not os.path.exists(path): continue
    text = open(path).read()
    w = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if m: w["requests_per_s"] = float(m.group(1))
    for pct in ["50", "75", "90", "99"]:
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        if m: w[f"p{pct}_ms"] = round(float(m.group(1)) * unit[m.group(2)], 3)
    wrk[name] = w

result = {"store": store, "rows": int(rows), "sessions": int(sessions), "runs": int(runs), "binary": binary,
          "binary_sha256": bin_sha, "commit": commit, "fill": fill, "lists": lists, "wrk": wrk}
json.dump(result, open(out, "w"), indent=2)

def cell(page, server=False):
    if server: page = (page or {}).get("server")
    if not page or "median_ms" not in page: return "—"
    f = lambda v: f"{v:.2f}" if v < 1 else f"{v:.1f}"
    return f'{f(page["median_ms"])} / {f(page["p95_ms"])}'

def table(server):
    print("| list | first page | deep page | cursor page (4th) | filtered | total (first page) | total_exact |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name in ["healthz"] + order:
        l = lists.get(name, {})
        first, deep = l.get("first"), l.get("deep")
        deep_label = ""
        if deep and "median_ms" in deep:
            m = re.search(r"(offset|before)=(\d+)", deep.get("url", ""))
            if m: deep_label = f" ({m.group(1)} {m.group(2)})"
        total = first.get("total") if first else None
        exact = first.get("total_exact") if first else None
        label = {"healthz": "`/healthz`"}.get(name, name)
        print(f'| {label} | {cell(first, server)} | {cell(deep, server)}{deep_label} | '
              f'{cell(l.get("cursor"), server)} | {cell(l.get("filtered"), server)} | '
              f'{"" if total is None else f"{total:,}"} | {"" if exact is None else str(exact).lower()} |')

print(f"\n### {store}: {int(rows):,} rows ({int(sessions):,} sessions), {runs} runs\n")
print("hyperfine, curl per request (its start included: see `/healthz`), median / p95 ms:\n")
table(False)
print("\nthe same requests as the server logged them (duration_ms), median / p95 ms:\n")
table(True)
if wrk:
    print("\n| wrk -t2 -c16, first page | req/s | p50 ms | p90 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|")
    for name, w in wrk.items():
        print(f'| {name} | {w.get("requests_per_s", 0):,.0f} | {w.get("p50_ms", "")} | {w.get("p90_ms", "")} | {w.get("p99_ms", "")} |')
print("\nfill: " + ", ".join(f'{k} {v["seconds"]:.1f} s' for k, v in fill.items()))
print(f"results: {out}")
PY
