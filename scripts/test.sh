#!/usr/bin/env bash
# Every test, in order of speed: the sources' formatting, unit (C++ and web), API over
# HTTP on SQLite, then on a throw-away PostgreSQL server (unit store tests and API tests
# again), then the browser tests in headless Chromium. Expects `make build-test web` to
# have run (make test does).
set -euo pipefail
cd "$(dirname "$0")/.."
export WIJKKADER_BIN="$PWD/build-test/wijkkader"
[ -x "$WIJKKADER_BIN" ] || { echo "test: $WIJKKADER_BIN is missing; run make test" >&2; exit 2; }
# Leak reports would come from libraries' process-lifetime caches; ASan still checks
# every memory access.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

section() { printf '\n=== %s ===\n' "$*"; }

section "Formatting (clang-format on C++, Prettier on the web app)"
scripts/format.sh --check
(cd web && npm run --silent format:check)

section "Web unit tests (Vitest)"
(cd web && npm run --silent test)

section "C++ unit tests (SQLite; PostgreSQL store tests follow below)"
ctest --test-dir build-test --output-on-failure -j 2

section "API tests over HTTP: SQLite"
WIJKKADER_TEST_STORE=sqlite node --test --test-concurrency=2 tests/api/

section "PostgreSQL: store unit tests and API tests"
scripts/with-postgres.sh bash -c '
  set -euo pipefail
  # Every unit test that needs the server has Postgres or postgres in its name
  # (Stores/StoreTest.*/postgres, Postgres.*, SearchReplicaOnPostgres.*); ctest above
  # skipped them. (SearchReplicaOnPostgres ran nowhere while this filter said
  # "*postgres*:Postgres*".)
  build-test/unit_tests --gtest_filter="*ostgres*"
  WIJKKADER_TEST_STORE=postgres node --test --test-concurrency=2 tests/api/
'

section "Browser tests (headless Chromium)"
scripts/e2e.sh

section "All tests passed"
