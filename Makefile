# Wijkkader — the two commands a newcomer needs (see README.md):
#   make run    install what is missing, build, start on http://localhost:8080 with demo data
#   make test   the same set-up, then every test (unit, API on SQLite and PostgreSQL, browser)
# Thin on purpose: the work is in scripts/.

JOBS ?= 2
PORT ?= 8080
DATABASE ?= var/wijkkader.db
FUZZ_SECONDS ?= 600

.PHONY: run test build build-test web bench soak fuzz fmt clean

run: build web
	./build/wijkkader serve --port $(PORT) --database $(DATABASE) --demo --demo-data

build:
	scripts/bootstrap.sh run
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build build -j $(JOBS)

web:
	scripts/bootstrap.sh run
	cd web && npm run build

# The test build: sanitizers (ASan+UBSan), warnings as errors, unit tests.
build-test:
	scripts/bootstrap.sh test
	cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Debug -DWK_TESTS=ON -DWK_SANITIZE=ON -DWK_WERROR=ON
	cmake --build build-test -j $(JOBS)

test: build-test web
	scripts/test.sh

bench:
	scripts/bootstrap.sh bench
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DWK_BENCH=ON
	cmake --build build -j $(JOBS)
	bench/run.sh
	bench/receipts.sh
	bench/stories.sh
	bench/knowledge.sh
	bench/lists.sh

# The Release server under load and abuse on SQLite and a throw-away PostgreSQL: kill -9
# and SIGTERM under 64 writers, backup and restore under load, a PostgreSQL restart, an
# idle-connection flood, malformed HTTP (docs/operations.md, "Soak test"). Not part of
# make test; about 5 minutes.
soak:
	scripts/bootstrap.sh test
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build build -j $(JOBS)
	scripts/soak.sh

# libFuzzer on the parsers: the JSON body reader, the CSV import, the Markdown renderer
# and the request target's query readers (tests/fuzz/; docs/operations.md, "Fuzzing").
# A clang build of its own in build-fuzz (only the harnesses), then each harness for
# FUZZ_SECONDS on a copy of its seed corpus; a crash keeps its input and fails the run.
# Not part of make test; four harnesses × 10 minutes on one core.
fuzz:
	scripts/bootstrap.sh fuzz
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DWK_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build-fuzz -j $(JOBS) --target fuzzers
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

fmt:
	scripts/format.sh
	cd web && npm run --silent format

clean:
	rm -rf build build-test web/dist
