#!/usr/bin/env bash
# Soak test (make soak; docs/operations.md, "Soak test"): the Release server under load
# and abuse, on SQLite and then on a throw-away PostgreSQL (scripts/with-postgres.sh).
# Each check is a script in tests/soak/ that prints one line per verdict,
#   PASS kill-9 sqlite: 5 rounds × 64 writers, 31,234 acknowledged, 0 missing, …
#   FAIL sigterm sqlite: … 147 sent without an answer …
# and this script ends with a count and exits non-zero when anything failed or a check
# ended without a verdict. Not part of make test; about 5 minutes on two cores.
#
#   scripts/soak.sh                  every check on both stores
#   SOAK_STORES=sqlite SOAK_CHECKS="kill-9 sigterm" scripts/soak.sh
#
# Sizes (defaults): SOAK_ROUNDS (5) kill -9 rounds, SOAK_SIGTERM_ROUNDS (5), SOAK_WRITERS
# (64) writers at once from SOAK_WRITER_ADDRESSES (8) loopback addresses,
# SOAK_WRITE_SECONDS (8) of load before each kill/signal/backup/restart,
# SOAK_IDLE_CONNECTIONS (1024), SOAK_ANSWER_WITHIN_MS (2000),
# SOAK_PG_RECOVER_SECONDS (10), SOAK_CHECK_TIMEOUT (300) seconds per check script.
# WIJKKADER_BIN: the binary (default build/wijkkader, the Release build).
set -uo pipefail
cd "$(dirname "$0")/.."

checks=${SOAK_CHECKS:-raw-http idle-flood kill-9 sigterm backup pg-restart}
stores=${SOAK_STORES:-sqlite postgres}
check_timeout=${SOAK_CHECK_TIMEOUT:-300}
export WIJKKADER_BIN=${WIJKKADER_BIN:-$PWD/build/wijkkader}
[ -x "$WIJKKADER_BIN" ] || { echo "soak: $WIJKKADER_BIN is missing; run make soak" >&2; exit 2; }

# 1,024 idle connections and 64 writers, client and server: more than the common soft
# limit of 1,024 open files.
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 8192 ]; then
  ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fi

# Runs every check that applies to one store; prints the verdict lines and, per check,
# a line `time CHECK STORE SECONDS` on fd 3 (for the summary).
run_store() {
  local store=$1 rc=0 check out code started
  out=$(mktemp "${TMPDIR:-/tmp}/wijkkader-soak.XXXXXX")
  for check in $checks; do
    [ "$check" = pg-restart ] && [ "$store" != postgres ] && continue
    if [ ! -f "tests/soak/$check.mjs" ]; then
      echo "FAIL $check $store: there is no tests/soak/$check.mjs"
      rc=1
      continue
    fi
    started=$(date +%s)
    WIJKKADER_TEST_STORE=$store timeout --foreground -k 10 "$check_timeout" node "tests/soak/$check.mjs" | tee "$out"
    code=${PIPESTATUS[0]}
    if [ "$code" -ne 0 ]; then
      rc=1
      if [ "$code" -eq 124 ]; then
        echo "FAIL $check $store: did not finish within $check_timeout s (SOAK_CHECK_TIMEOUT)"
      elif ! grep -q '^FAIL' "$out"; then
        echo "FAIL $check $store: ended with exit code $code without a verdict"
      fi
    fi
    echo "time $check $store $(( $(date +%s) - started ))" >&3
  done
  rm -f "$out"
  return "$rc"
}

# Inside scripts/with-postgres.sh: only the PostgreSQL checks.
if [ "${1:-}" = --store ]; then
  run_store "$2"
  exit $?
fi

started=$(date +%s)
results=$(mktemp "${TMPDIR:-/tmp}/wijkkader-soak-results.XXXXXX")
times=$(mktemp "${TMPDIR:-/tmp}/wijkkader-soak-times.XXXXXX")
trap 'rm -f "$results" "$times"' EXIT
failed=0
kind=
cache=$(dirname "$WIJKKADER_BIN")/CMakeCache.txt
[ -f "$cache" ] && kind=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$cache")
echo "soak: $WIJKKADER_BIN (${kind:-unknown build type}, built $(date -r "$WIJKKADER_BIN" '+%F %H:%M'));" \
     "checks: $checks; stores: $stores"
[ -z "$kind" ] || [ "$kind" = Release ] || echo "soak: warning: a $kind build; the figures are meant for Release" >&2
for store in $stores; do
  echo "--- $store"
  case "$store" in
    sqlite) run_store sqlite 3>>"$times" | tee -a "$results"; code=${PIPESTATUS[0]} ;;
    postgres)
      scripts/with-postgres.sh "$0" --store postgres 3>>"$times" | tee -a "$results"
      code=${PIPESTATUS[0]}
      if [ "$code" -ne 0 ] && ! grep -q '^FAIL .* postgres:' "$results"; then
        echo "FAIL postgres: scripts/with-postgres.sh ended with exit code $code" | tee -a "$results"
      fi ;;
    *) echo "FAIL $store: unknown store (sqlite, postgres)" | tee -a "$results"; code=1 ;;
  esac
  [ "$code" -eq 0 ] || failed=1
done

pass=$(grep -c '^PASS' "$results")
fail=$(grep -c '^FAIL' "$results")
skip=$(grep -c '^SKIP' "$results")
took=$(( $(date +%s) - started ))
echo "--- times: $(awk '{printf "%s%s %s %d s", (NR>1?", ":""), $2, $3, $4}' "$times")"
echo "soak: $pass passed, $fail failed$([ "$skip" -gt 0 ] && echo ", $skip skipped") in $((took / 60)) min $((took % 60)) s"
[ "$fail" -eq 0 ] && [ "$failed" -eq 0 ]
