# Sourced by bench/stories.sh and bench/receipts.sh: one benchmark on SQLite, on PostgreSQL
# or on both, the way bench/lists.sh runs its lists. The script sets `bench` (its name) and
# `self` (its own path), exports its settings, changes to the repository's root, sources
# this file and calls
#   stores_dispatch   STORE=sqlite|postgres|both (default both). `both` runs the script once
#                     per store (SQLite first), then prints the PostgreSQL/SQLite ratios of
#                     every measured endpoint; `postgres` re-executes it under
#                     scripts/with-postgres.sh unless WIJKKADER_TEST_PG_ADMIN_URL names a
#                     server, on which it creates a fresh database.
#   stores_setup      the work folder, the copied binary, the database, clean-up on exit.
# and then has: run_sql (a script from stdin), val (one value), the dialect's pieces
# series / day / pad / pick, ids, start_server / stop_server, login, measure (hyperfine with
# the server's own durations), fact (a line of the result) and stores_report (the store's
# summary and bench/results/<bench>-<store>-<time>.json).
#
#   WIJKKADER_BIN (default build/wijkkader; copied first, so a rebuild meanwhile does not
#   change the server under test)   KEEP_WORK=1 keeps the temporary folder and the
#   PostgreSQL database (useful with a server of one's own, see scripts/with-postgres.sh).
# shellcheck shell=bash disable=SC2154  # bench and self: set by the script that sources this

stores_dispatch() {
  STORE=${STORE:-both}
  # One time stamp for the results of both stores, so that the comparison finds its pair.
  BENCH_TAG=${BENCH_TAG:-$(date -u +%Y%m%dT%H%M%SZ)}
  export BENCH_TAG
  case "$STORE" in
    both)
      STORE=sqlite "$self"
      STORE=postgres "$self"
      stores_compare
      exit 0 ;;
    sqlite) ;;
    postgres)
      if [ -z "${WIJKKADER_TEST_PG_ADMIN_URL:-}" ]; then
        exec scripts/with-postgres.sh env STORE=postgres "$self"
      fi ;;
    *) echo "$bench: STORE must be sqlite, postgres or both" >&2; exit 2 ;;
  esac
}

stores_cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; fi
  if [ -n "$pg_db" ] && [ -z "${KEEP_WORK:-}" ]; then
    psql -X -q -d "$WIJKKADER_TEST_PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  if [ -n "${KEEP_WORK:-}" ]; then echo "$bench: kept $work${pg_db:+ and database $pg_db}" >&2; else rm -rf "$work"; fi
}

stores_setup() {
  bin_given=${WIJKKADER_BIN:-$PWD/build/wijkkader}
  [ "${bin_given#/}" != "$bin_given" ] || bin_given=$PWD/$bin_given
  work=$(mktemp -d "${TMPDIR:-/tmp}/wijkkader-bench-$bench.XXXXXX")
  pid=
  pg_db=
  trap stores_cleanup EXIT
  for _ in $(seq 1 60); do [ -x "$bin_given" ] && break; sleep 5; done
  [ -x "$bin_given" ] || { echo "$bench: no server binary at $bin_given" >&2; exit 2; }
  cp "$bin_given" "$work/wijkkader"
  bin=$work/wijkkader
  if grep -q __asan_init "$bin"; then echo "$bench: warning: $bin_given is a sanitizer build, not Release" >&2; fi
  if [ "$STORE" = sqlite ]; then
    db="$work/bench.db"
    database=$db
  else
    pg_db="wk_${bench}_$$_$(date +%s)"
    psql -X -q -v ON_ERROR_STOP=1 -d "$WIJKKADER_TEST_PG_ADMIN_URL" -c "CREATE DATABASE $pg_db" >/dev/null
    database="${WIJKKADER_TEST_PG_ADMIN_URL%/*}/$pg_db"
  fi
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  : >"$work/facts.tsv"
}

# SQL on the store: `run_sql` a script from stdin, `val` one value (columns joined by |).
run_sql() {
  # (a larger page cache for the fill's own connection only: the server keeps its own)
  if [ "$STORE" = sqlite ]; then { echo 'PRAGMA cache_size = -262144;'; cat; } | sqlite3 -bail "$db" >/dev/null
  else psql -X -q -v ON_ERROR_STOP=1 -d "$database" >/dev/null; fi
}
val() {
  if [ "$STORE" = sqlite ]; then sqlite3 "$db" "$1"
  else psql -X -qAt -v ON_ERROR_STOP=1 -d "$database" -c "$1"; fi
}
ids() { val "$1" | tr '\n' ' '; }
# The dialect's pieces: the numbers FROM..TO as g(n) (FROM defaults to 1), a date N days
# after 2022-01-01, N zero-padded to WIDTH.
series() {
  if [ "$STORE" = sqlite ]; then echo "WITH RECURSIVE g(n) AS (SELECT ${2:-1} UNION ALL SELECT n + 1 FROM g WHERE n < $1)"
  else echo "WITH g(n) AS (SELECT generate_series(${2:-1}::bigint, $1))"; fi
}
day() {
  if [ "$STORE" = sqlite ]; then echo "date('2022-01-01', '+' || ($1) || ' days')"
  else echo "to_char(DATE '2022-01-01' + ($1)::int, 'YYYY-MM-DD')"; fi
}
pad() {
  if [ "$STORE" = sqlite ]; then echo "printf('%0$2d', $1)"
  else echo "lpad(($1)::text, $2, '0')"; fi
}
# pick EXPR V0 V1 …: the value at EXPR modulo the number of values (ids of the database).
pick() {
  local expr=$1; shift
  local out="CASE ($expr) % $# " i=0
  for v in "$@"; do out+="WHEN $i THEN $v "; i=$((i + 1)); done
  echo "${out}END"
}

start_server() {
  "$bin" serve --database "$database" --port "$port" --bind 127.0.0.1 "$@" >/dev/null 2>>"$work/server.log" &
  pid=$!
  for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "$bench: the server did not start:" >&2; tail -20 "$work/server.log" >&2; exit 1
}
stop_server() { kill "$pid"; wait "$pid" || true; pid=; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}'; }

# login EMAIL PASSWORD: the session in $jar.
login() {
  jar=$work/cookies.txt
  curl -fsS -c "$jar" -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" "http://127.0.0.1:$port/api/v1/session"
  grep -q wk_session "$jar" || { echo "$bench: log-in as $1 failed" >&2; exit 1; }
}

# fact KEY VALUE: one line of the result (counts, fill times, fingerprints).
fact() { printf '%s\t%s\n' "$1" "$2" >>"$work/facts.tsv"; }

# measure NAME URL: hyperfine on one GET (no shell: curl's start is in the figure), and the
# server's own durations of the timed requests from its access log (duration_ms; the
# warm-up request left out).
measure() {
  local name=$1 url=$2 before
  # (the machine may be shared: its 1-minute load average when the timing starts)
  fact "load at $name" "$(cut -d' ' -f1 /proc/loadavg)"
  sleep 0.2; before=$(wc -l <"$work/server.log")
  hyperfine -N --style basic --warmup 1 --runs "$RUNS" --export-json "$work/h-$name.json" \
    -n "$name" "curl -fsS -o /dev/null -b $jar '$url'" | grep -E '^(Benchmark|  Time|  Range)'
  sleep 0.2
  tail -n +"$((before + 1))" "$work/server.log" | grep '"event":"request"' | tail -n "$RUNS" \
    | sed -n 's/.*"duration_ms":\([0-9.]*\).*/\1/p' >"$work/s-$name.txt"
  echo "$name" >>"$work/measured.txt"
}

# stores_report TITLE: the store's summary, and its results as
# bench/results/<bench>-<store>-<BENCH_TAG>.json (medians and p95 in ms, p95 by nearest
# rank). wrk runs the script saved as $work/wrk-<name>.txt are read too: requests/s and
# latency (p50/p95/p99 from a "LATENCY_US p50 p95 p99" line its Lua script prints).
stores_report() {
  mkdir -p bench/results
  local out=bench/results/$bench-$STORE-$BENCH_TAG.json
  python3 - "$work" "$out" "$bench" "$STORE" "$1" "$RUNS" "$bin_given" "$(sha256sum "$bin" | cut -c1-16)" \
    "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src migrations || echo '+changes')" <<'PY'
import glob, json, math, os, re, statistics, sys
work, out, bench, store, title, runs, binary, bin_sha, commit = sys.argv[1:]

def p95(times):
    t = sorted(times)
    return t[max(0, math.ceil(0.95 * len(t)) - 1)]

endpoints = {}
for name in open(os.path.join(work, "measured.txt")).read().split():
    r = json.load(open(os.path.join(work, f"h-{name}.json")))["results"][0]
    e = {"median_ms": round(r["median"] * 1000, 2), "p95_ms": round(p95(r["times"]) * 1000, 2),
         "mean_ms": round(r["mean"] * 1000, 2), "min_ms": round(r["min"] * 1000, 2),
         "max_ms": round(r["max"] * 1000, 2), "runs": len(r["times"])}
    server = [float(x) for x in open(os.path.join(work, f"s-{name}.txt")).read().split()]
    if server:
        e["server"] = {"median_ms": round(statistics.median(server), 2), "p95_ms": round(p95(server), 2),
                       "requests": len(server)}
    endpoints[name] = e

wrk = {}
unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}
for path in sorted(glob.glob(os.path.join(work, "wrk-*.txt"))):
    name = os.path.basename(path)[4:-4]
    text = open(path).read()
    w = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if m: w["requests_per_s"] = float(m.group(1))
    m = re.search(r"^\s+(\d+) requests in", text, re.M)
    if m: w["requests"] = int(m.group(1))
    m = re.search(r"^LATENCY_US (\d+) (\d+) (\d+)", text, re.M)
    if m:
        w["p50_ms"], w["p95_ms"], w["p99_ms"] = (round(int(x) / 1000, 3) for x in m.groups())
    else:
        for pct in ["50", "99"]:
            m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
            if m: w[f"p{pct}_ms"] = round(float(m.group(1)) * unit[m.group(2)], 3)
    wrk[name] = w

facts = {}
for line in open(os.path.join(work, "facts.tsv")):
    k, v = line.rstrip("\n").split("\t", 1)
    facts[k] = v

result = {"bench": bench, "store": store, "title": title, "runs": int(runs), "binary": binary,
          "binary_sha256": bin_sha, "commit": commit, "facts": facts, "endpoints": endpoints, "wrk": wrk}
json.dump(result, open(out, "w"), indent=2)

f = lambda v: f"{v:.2f}" if v < 1 else f"{v:.1f}"
print(f"\n### {bench} on {store}: {title}\n")
print("| request | hyperfine (curl) median / p95 ms | min / max ms | server median / p95 ms |")
print("|---|---:|---:|---:|")
for name, e in endpoints.items():
    s = e.get("server")
    print(f'| {name} | {f(e["median_ms"])} / {f(e["p95_ms"])} | {f(e["min_ms"])} / {f(e["max_ms"])} | '
          f'{f(s["median_ms"]) + " / " + f(s["p95_ms"]) if s else "—"} |')
if wrk:
    print("\n| wrk | req/s | p50 ms | p95 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|")
    for name, w in wrk.items():
        print(f'| {name} | {w.get("requests_per_s", 0):,.0f} | {w.get("p50_ms", "")} | {w.get("p95_ms", "")} | {w.get("p99_ms", "")} |')
print("\n" + ", ".join(f"{k} {v}" for k, v in facts.items() if not k.startswith("answer ")))
print(f"results: {out}")
PY
}

# After `both`: the two result files of this BENCH_TAG side by side, one line per endpoint
# with PostgreSQL/SQLite of the medians and of the p95s (hyperfine over curl; the server's
# own durations in brackets), and whether the two stores held the same data and answered
# the same.
stores_compare() {
  python3 - "bench/results/$bench-sqlite-$BENCH_TAG.json" "bench/results/$bench-postgres-$BENCH_TAG.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
ratio = lambda x, y: f"{y / x:5.2f}x" if x and y else "   —  "
flag = lambda *r: "  <-- over 2x" if any(x and y and y / x > 2 for x, y in r) else ""
print(f"\n### {a['bench']}: PostgreSQL / SQLite ({a['title']}; {sys.argv[1]}, {sys.argv[2]})\n")
for name, s in a["endpoints"].items():
    p = b["endpoints"].get(name)
    if not p: continue
    ss, ps = s.get("server", {}), p.get("server", {})
    print(f'{name:22s} median {ratio(s["median_ms"], p["median_ms"])}  p95 {ratio(s["p95_ms"], p["p95_ms"])}'
          f'   ({s["median_ms"]:.1f} -> {p["median_ms"]:.1f} ms, p95 {s["p95_ms"]:.1f} -> {p["p95_ms"]:.1f} ms;'
          f' server median {ratio(ss.get("median_ms"), ps.get("median_ms")).strip()},'
          f' p95 {ratio(ss.get("p95_ms"), ps.get("p95_ms")).strip()})'
          + flag((s["median_ms"], p["median_ms"]), (s["p95_ms"], p["p95_ms"])))
for name, s in a["wrk"].items():
    p = b["wrk"].get(name)
    if not p: continue
    print(f'{"wrk " + name:22s} median {ratio(s.get("p50_ms"), p.get("p50_ms"))}  p95 {ratio(s.get("p95_ms"), p.get("p95_ms"))}'
          f'   (latency {s.get("p50_ms")} -> {p.get("p50_ms")} ms, p95 {s.get("p95_ms")} -> {p.get("p95_ms")} ms;'
          f' requests/s {s.get("requests_per_s", 0):,.0f} -> {p.get("requests_per_s", 0):,.0f},'
          f' {ratio(s.get("requests_per_s"), p.get("requests_per_s")).strip()})'
          + flag((s.get("p50_ms"), p.get("p50_ms")), (s.get("p95_ms"), p.get("p95_ms"))))
same = [k for k in a["facts"] if (k.startswith("data ") or k.startswith("answer ")) and a["facts"][k] == b["facts"].get(k)]
differ = [k for k in a["facts"] if (k.startswith("data ") or k.startswith("answer ")) and a["facts"][k] != b["facts"].get(k)]
print(f"\nsame on both stores: {', '.join(same) or 'nothing'}" + (f"; DIFFERENT: {', '.join(differ)}" if differ else ""))
PY
}
