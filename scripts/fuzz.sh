#!/usr/bin/env bash
# Fuzzing (make fuzz; docs/operations.md, "Fuzzing"): runs each libFuzzer harness of
# tests/fuzz/ for FUZZ_SECONDS on a copy of its seed corpus (tests/fuzz/corpus/<name>/,
# which stays as committed), with its dictionary, and prints one line per harness:
#   PASS csv: 600 s, 1,234,567 runs (2,057/s), cov 812, ft 3,410, corpus 10 → 245, peak RSS 61 MB
#   FAIL markdown: crash after 37 s, 81,234 runs: <the sanitizer's or the check's message>
#        input: build-fuzz/fuzz/markdown/artifacts/crash-3f2a…
#        again: build-fuzz/fuzz_markdown build-fuzz/fuzz/markdown/artifacts/crash-3f2a…
# and exits non-zero when any harness failed (a crash, a sanitizer report, a broken
# check, a timeout, running out of memory, a leak). The inputs that failed are kept.
# Not part of make test. One process at a time, one core.
#
#   scripts/fuzz.sh                              every harness, 600 s each
#   FUZZ_SECONDS=60 FUZZ_TARGETS="csv query" scripts/fuzz.sh
#
# FUZZ_SECONDS (600) per harness; FUZZ_TARGETS (json_body csv markdown query);
# FUZZ_TIMEOUT (10) seconds for one input before it counts as a failure (a parser that
# takes that long on 64 KiB is a denial of service); FUZZ_RSS_MB (2048) memory limit;
# FUZZ_BUILD (build-fuzz) where the harnesses are; FUZZ_WORK (FUZZ_BUILD/fuzz) where the
# corpora grow, logs are written and failing inputs are kept.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

seconds=${FUZZ_SECONDS:-600}
targets=${FUZZ_TARGETS:-json_body csv markdown query}
input_timeout=${FUZZ_TIMEOUT:-10}
rss_mb=${FUZZ_RSS_MB:-2048}
build=${FUZZ_BUILD:-build-fuzz}
work=${FUZZ_WORK:-$build/fuzz}

# The largest input per harness: a request target fits the server's 16 KiB of header;
# bodies, files and Markdown get 64 KiB (their limits are higher, but longer inputs
# mostly make each run slower).
max_len() {
  case $1 in
    query) echo 16384 ;;
    *) echo 65536 ;;
  esac
}

# 1234567 → 1,234,567
thousands() {
  local n=$1
  while [[ $n =~ ^([0-9]+)([0-9]{3})(.*)$ ]]; do n="${BASH_REMATCH[1]},${BASH_REMATCH[2]}${BASH_REMATCH[3]}"; done
  echo "$n"
}

# The value of libFuzzer's final `stat::NAME: VALUE` line, or empty.
stat() { sed -n "s/^stat::$1: *\([0-9]*\).*/\1/p" "$2" | tail -n 1; }

run_one() {
  local name=$1
  local bin="$build/fuzz_$name" dir="$work/$name"
  if [ ! -x "$bin" ]; then
    echo "FAIL $name: $bin is missing; make fuzz builds it"
    return 1
  fi
  if [ ! -d "tests/fuzz/corpus/$name" ]; then
    echo "FAIL $name: there is no tests/fuzz/corpus/$name/"
    return 1
  fi
  # A fresh copy of the seeds each run; failing inputs of earlier runs stay in artifacts/.
  rm -rf "$dir/corpus"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  cp tests/fuzz/corpus/"$name"/* "$dir/corpus/"
  local seeds
  seeds=$(find "$dir/corpus" -type f | wc -l)

  local args=(-max_total_time="$seconds" -max_len="$(max_len "$name")" -timeout="$input_timeout"
              -rss_limit_mb="$rss_mb" -print_final_stats=1 -artifact_prefix="$dir/artifacts/")
  [ -f "tests/fuzz/$name.dict" ] && args+=(-dict="tests/fuzz/$name.dict")

  local started code elapsed
  started=$(date +%s)
  "$bin" "${args[@]}" "$dir/corpus" >"$dir/log" 2>&1
  code=$?
  elapsed=$(($(date +%s) - started))

  local runs per_second peak cov ft corpus
  runs=$(stat number_of_executed_units "$dir/log")
  [ -n "$runs" ] || runs=$(grep -oE '^#[0-9]+' "$dir/log" | tail -n 1 | tr -d '#')
  per_second=$(stat average_exec_per_sec "$dir/log")
  peak=$(stat peak_rss_mb "$dir/log")
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$dir/log" | tail -n 1)
  ft=${cov##* }
  cov=$(echo "$cov" | sed -n 's/^cov: \([0-9]*\).*/\1/p')
  corpus=$(find "$dir/corpus" -type f | wc -l)

  if [ "$code" -eq 0 ]; then
    echo "PASS $name: $elapsed s, $(thousands "${runs:-?}") runs ($(thousands "${per_second:-?}")/s)," \
      "cov $(thousands "${cov:-?}"), ft $(thousands "${ft:-?}"), corpus $seeds → $corpus, peak RSS ${peak:-?} MB"
    return 0
  fi

  # What went wrong: our own check's line, else the sanitizer's or libFuzzer's summary.
  local why input
  why=$(grep -m 1 -E '^fuzz: invariant broken|^terminate called' "$dir/log" ||
        grep -m 1 -E '^SUMMARY: ' "$dir/log" ||
        grep -m 1 -E 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer)|runtime error:' "$dir/log" ||
        echo "exit code $code")
  input=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$dir/log" | tail -n 1)
  echo "FAIL $name: failed after $elapsed s, $(thousands "${runs:-?}") runs: $why"
  if [ -n "$input" ]; then
    echo "       input: $input"
    echo "       again: $bin $input"
  else
    echo "       no input was written; the end of $dir/log:"
    tail -n 5 "$dir/log" | sed 's/^/       /'
  fi
  echo "       log:   $dir/log"
  return 1
}

passed=0
failed=0
all_started=$(date +%s)
for name in $targets; do
  if run_one "$name"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
total=$(($(date +%s) - all_started))
echo "fuzz: $passed passed, $failed failed in $((total / 60)) min $((total % 60)) s ($seconds s each)"
[ "$failed" -eq 0 ]
