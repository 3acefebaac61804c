#!/usr/bin/env bash
# Knowledge-base search benchmark (docs/modules/kennisbank.md): 100,000 generated Dutch
# items indexed through the module's repository, then search latency p50/p95/p99 per
# query, on SQLite (a file) and on PostgreSQL (a throw-away server, scripts/with-postgres.sh;
# filling takes about 4 minutes there). Needs a Release build with -DWK_BENCH=ON (make bench
# does both).
#
#   STORE=sqlite|postgres|both (default both)   ITEMS (100000)   RUNS (200)
set -euo pipefail
cd "$(dirname "$0")/.."
STORE=${STORE:-both}
ITEMS=${ITEMS:-100000}
RUNS=${RUNS:-200}
export ITEMS RUNS
bin=${WIJKKADER_BENCH_KNOWLEDGE:-$PWD/build/bench_knowledge}
mkdir -p bench/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
case "$STORE" in
  both)
    STORE=sqlite "$0"
    STORE=postgres "$0"
    ;;
  sqlite)
    db=$(mktemp -u "${TMPDIR:-/tmp}/wijkkader-bench-knowledge.XXXXXX.db")
    trap 'rm -f "$db" "$db-wal" "$db-shm"' EXIT
    "$bin" --items "$ITEMS" --runs "$RUNS" --database "$db" | tee "bench/results/knowledge-sqlite-$stamp.txt"
    ;;
  postgres)
    scripts/with-postgres.sh bash -c '"$0" --items "$ITEMS" --runs "$RUNS" --database "$WIJKKADER_TEST_PG_URL"' \
      "$bin" | tee "bench/results/knowledge-postgres-$stamp.txt"
    ;;
  *) echo "knowledge: STORE must be sqlite, postgres or both" >&2; exit 2 ;;
esac
