#!/usr/bin/env bash
# Registry at scale: loads demo data (hoptac demo --scale S --seed 1) into a fresh SQLite database and a
# private PostgreSQL (tests/pg/pg_start.sh, loopback only), then runs hoptac_registry_bench on both:
# index build and memory, statistics through the API vs the same questions in SQL, search and list
# latency, and what the index update adds to a write.
# Usage: bench/registry_bench.sh BUILD_DIR [SCALE]   (default scale 10 ≈ 1 M entities)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build/release}"
SCALE="${2:-${BENCH_SCALE:-10}}"
OUT="$BUILD/bench"
mkdir -p "$OUT"
work=$(mktemp -d)
pg_dir="$work/pg"
cleanup() { tests/pg/pg_stop.sh "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

echo "== Registry at scale $SCALE: loading demo data into SQLite"
/usr/bin/time -f "demo load (SQLite): %e s, peak RSS %M KB" "$BUILD/hoptac" demo --scale "$SCALE" --seed 1 \
  --db "sqlite:$work/registry.db" 2>&1 >/dev/null | grep -v '^{' || true
ls -la "$work/registry.db" | awk '{printf "SQLite file: %.0f MB\n", $5/1048576}'
pg_args=()
if tests/pg/pg_start.sh "$pg_dir" >/dev/null 2>&1; then
  url=$(cat "$pg_dir/url")
  echo "== loading the same demo data into PostgreSQL"
  /usr/bin/time -f "demo load (PostgreSQL): %e s" "$BUILD/hoptac" demo --scale "$SCALE" --seed 1 --db "$url" \
    2>&1 >/dev/null | grep -v '^{' || true
  psql "$url" -qc "VACUUM ANALYZE" >/dev/null 2>&1 || true
  pg_args=(--pg "$url")
else
  echo "registry bench: PostgreSQL did not start; SQLite only" >&2
fi
"$BUILD/bench/hoptac_registry_bench" --sqlite "$work/registry.db" "${pg_args[@]}" --rounds "${BENCH_ROUNDS:-7}" \
  | tee "$OUT/registry.md"
