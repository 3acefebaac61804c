#!/usr/bin/env bash
# Knowledge-base search benchmark (docs/modules/kennisbank.md): 100,000 generated Dutch
# items indexed through the module's repository, then search latency p50/p95/p99 per
# query. Needs a Release build with -DWK_BENCH=ON (make bench does both).
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${ITEMS:-100000}
RUNS=${RUNS:-200}
bin=${WIJKKADER_BENCH_KNOWLEDGE:-$PWD/build/bench_knowledge}
db=$(mktemp -u "${TMPDIR:-/tmp}/wijkkader-bench-knowledge.XXXXXX.db")
trap 'rm -f "$db" "$db-wal" "$db-shm"' EXIT
mkdir -p bench/results
"$bin" --items "$ITEMS" --runs "$RUNS" --database "$db" | tee "bench/results/knowledge-$(date -u +%Y%m%dT%H%M%SZ).txt"
