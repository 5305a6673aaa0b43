# hoptac — see README.md. `make run` and `make test` work on a fresh Debian 12 machine.
.PHONY: run test build bench load soak fuzz deps format format-check clean

RELEASE := build/release
CI_BUILD := build/ci
CMAKE_COMMON := -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON

# Release binary at build/release/hoptac.
build:
	@scripts/install-deps.sh build
	@cmake -S . -B $(RELEASE) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Release -DHOPTAC_TESTS=OFF -DHOPTAC_BENCH=OFF >/dev/null
	@cmake --build $(RELEASE) --target hoptac

# Builds and starts the server on http://127.0.0.1:8080 with the embedded SQLite database.
# The first start loads demo data the size of the country (scale 1, a few seconds); later
# starts find entities in the registry and leave it alone.
run: build
	@$(RELEASE)/hoptac demo --scale 1 --if-empty
	@echo "hoptac: starting on http://127.0.0.1:8080 (the public portal: http://127.0.0.1:8080/ ; the staff application: http://127.0.0.1:8080/app/ ; database var/hoptac.db). Stop with Ctrl-C."
	@echo "hoptac: sign in as 'admin'. The first start prints its password once, below; if you lost it:"
	@echo "        build/release/hoptac user reset-password admin"
	@$(RELEASE)/hoptac serve --listen 127.0.0.1:8080

# Builds everything with -Werror, checks formatting and the OpenAPI document, runs every test
# (the storage, integration and reliability suites on SQLite and on a private PostgreSQL; the
# fuzz harnesses, built with clang under build/ci/fuzz, 20 s each). Two tests run at once
# (ctest -j2: the 2-core CI machine sat half idle while one suite waited on PostgreSQL or
# Chromium); those that use both cores by themselves (Vitest, the fuzz build and run) say so
# with PROCESSORS 2 and run alone.
test:
	@scripts/install-deps.sh test
	@cmake -S . -B $(CI_BUILD) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHOPTAC_WERROR=ON -DHOPTAC_BENCH=OFF >/dev/null
	@cmake --build $(CI_BUILD)
	@scripts/format.sh check
	@scripts/lint-openapi.sh
	@ctest --test-dir $(CI_BUILD) --output-on-failure --timeout 900 -j2

# kill -9 soak: SOAK_TRIALS (default 100) trials of each reliability scenario on SQLite and on
# a private PostgreSQL, then the counts (tests/reliability/README.md).
SOAK_TRIALS ?= 100
soak:
	@scripts/install-deps.sh test
	@cmake -S . -B $(CI_BUILD) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHOPTAC_WERROR=ON -DHOPTAC_BENCH=OFF >/dev/null
	@cmake --build $(CI_BUILD) --target hoptac_reliability_tests
	@tests/reliability/soak.sh $(CI_BUILD) $(SOAK_TRIALS)

# The libFuzzer harnesses (tests/fuzz/README.md), SECONDS each (default 600), two at a time.
SECONDS ?= 600
fuzz:
	@scripts/install-deps.sh test
	@tests/fuzz/fuzz.sh build $(CI_BUILD)/fuzz
	@tests/fuzz/fuzz.sh run $(CI_BUILD)/fuzz $(SECONDS)

bench:
	@scripts/install-deps.sh bench
	@cmake -S . -B $(RELEASE) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Release -DHOPTAC_TESTS=OFF -DHOPTAC_BENCH=ON >/dev/null
	@cmake --build $(RELEASE)
	@bench/run.sh $(RELEASE)

# Mixed load (bench/load.sh): 200 connections × 60 s of reads and writes with wrk against the
# release binary, on SQLite and on a private PostgreSQL; results in build/release/bench/load.md.
load: build
	@scripts/install-deps.sh bench
	@bench/load.sh $(RELEASE)

format:
	@scripts/format.sh fix

format-check:
	@scripts/format.sh check

clean:
	rm -rf build
