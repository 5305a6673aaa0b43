#!/usr/bin/env bash
# make soak: the reliability suite (README.md) with many trials of each scenario, on SQLite
# and on a private PostgreSQL (tests/pg/pg_start.sh), then its counts.
#
#   tests/reliability/soak.sh BUILD_DIR [TRIALS]     (TRIALS: default 100, or SOAK_TRIALS)
#
# The full output of each backend is kept in BUILD_DIR/soak-<backend>.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $# -ge 1 ]] || { echo "usage: $0 BUILD_DIR [TRIALS]" >&2; exit 2; }
BUILD=$1
TRIALS=${2:-${SOAK_TRIALS:-100}}
binary="$BUILD/tests/hoptac_reliability_tests"
[[ -x "$binary" ]] || { echo "soak: $binary is missing; build it first" >&2; exit 1; }

work=$(mktemp -d /tmp/hoptac-soak-XXXXXX)
trap 'tests/pg/pg_stop.sh "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
tests/pg/pg_start.sh "$work/pg" >/dev/null

status=0
started=$(date +%s)
for backend in sqlite postgres; do
  echo "== soak: $TRIALS trials of each scenario on $backend"
  log="$BUILD/soak-$backend.log"
  if ! HOPTAC_TEST_BACKEND=$backend HOPTAC_TEST_PG_DIR="$work/pg" "$binary" --trials "$TRIALS" >"$log" 2>&1; then
    status=1
    grep -E 'Failure|FAILED' -A3 "$log" | head -40 || true
  fi
  grep '^\[reliability\] seed' "$log" || true
done
echo
echo "== soak: counts ($TRIALS trials per scenario, $(($(date +%s) - started)) s, $(nproc) cores)"
for backend in sqlite postgres; do
  grep -E '^\[reliability\] (sqlite|postgresql),' "$BUILD/soak-$backend.log" | sed 's/^\[reliability\] //'
done
[[ $status -eq 0 ]] && echo "soak: passed" || echo "soak: FAILED (logs: $BUILD/soak-*.log)"
exit $status
