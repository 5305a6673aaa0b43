#!/usr/bin/env bash
# Import benchmark (issue 4): `hoptac import entities` of a 1,000,000-row canonical CSV
# into a fresh SQLite database, against `sqlite3 .import` of the same file into a plain
# table with no validation, no indexes and no audit, measured in this one script.
# Medians of ROUNDS runs (default 3). Talks to no server; files under BUILD_DIR/bench.
# Usage: bench/import_bench.sh BUILD_DIR [ROWS]     Results: BUILD_DIR/bench/import.md
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build/release}"
ROWS="${2:-${BENCH_IMPORT_ROWS:-1000000}}"
ROUNDS="${BENCH_ROUNDS:-3}"
OUT="$BUILD/bench"
mkdir -p "$OUT"
HOPTAC="$BUILD/hoptac"
command -v sqlite3 >/dev/null || { echo "import_bench: sqlite3 is missing (apt-get install sqlite3)" >&2; exit 1; }
[ -x "$HOPTAC" ] || { echo "import_bench: $HOPTAC is missing; build it first" >&2; exit 1; }

csv="$OUT/entities-$ROWS.csv"
if [ ! -s "$csv" ] || [ bench/gen_entities.py -nt "$csv" ]; then
  echo "== generating $ROWS entities into $csv"
  python3 bench/gen_entities.py "$ROWS" "$csv" 1
fi
bytes=$(stat -L -c %s "$csv")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
seconds() { python3 -c 'import time; print(f"{time.perf_counter():.6f}")'; }

# The same rows written by SQLite alone, from the plain table: entities with their indexes and one
# audit row each (JSON built by printf), no parsing or validation. The floor of the writes themselves.
# With `nojson`: the same rows with audit rows whose after_json is NULL (the floor of any per-entity audit).
floor_sql() {
  local after="printf('{\"id\":%d,\"kind\":\"%s\",\"name\":\"%s\",\"province_code\":\"%s\",\"current_province_code\":\"%s\",\"commune_code\":null,\"sector\":\"%s\",\"status\":\"active\",\"founded_on\":\"%s\",\"registration_code\":\"%s\",\"tax_code\":\"\",\"province_as_of\":\"%s\",\"address\":\"%s\",\"women_managed\":false,\"youth\":false,\"chair_name\":\"%s\",\"chair_sex\":\"%s\",\"chair_birth_year\":%d,\"phone\":\"%s\",\"email\":\"%s\",\"union_id\":null,\"union_registration_code\":null,\"created_at_ms\":1,\"updated_at_ms\":1}',
    id, kind, name, province_code, current_province_code, sector, founded_on, registration_code, province_as_of,
    address, chair_name, chair_sex, chair_birth_year, phone, email)"
  [ "${1:-}" = nojson ] && after=NULL
  cat <<SQL
ATTACH 'PLAIN' AS p;
BEGIN;
INSERT INTO entities (kind, name, name_folded, registration_code, tax_code, province_code, province_as_of,
  current_province_code, commune_code, address, sector, founded_on, women_managed, youth, chair_name, chair_sex,
  chair_birth_year, phone, email, union_id, updated_at_ms, created_at_ms, change_seq)
SELECT kind, name, lower(name), registration_code, '', province_code, founded_on, province_code, commune_code,
  address, sector, founded_on, women_managed = 'true', youth = 'true', chair_name, chair_sex, chair_birth_year, phone,
  email, NULL, 1, 1, 1 FROM p.plain;
INSERT INTO audit_log (at_ms, actor_user_id, actor_name, address, action, object_type, object_id, province_code,
  before_json, after_json)
SELECT 1, NULL, 'cli:bench', 'cli', 'entity.import', 'entity', id, current_province_code, NULL,
  $after
FROM entities;
COMMIT;
SQL
}

ours=(); plain=(); peak=(); floor=(); bare=()
for r in $(seq 1 "$ROUNDS"); do
  rm -f "$work"/*.db*
  # A fresh database with the schema and reference data (not timed: what `hoptac serve` does on first start).
  "$HOPTAC" migrate --db "sqlite:$work/hoptac.db" >/dev/null 2>&1
  start=$(seconds)
  /usr/bin/time -f "%M" -o "$work/mem" "$HOPTAC" import entities "$csv" --db "sqlite:$work/hoptac.db" \
    >"$work/import.out" 2>"$work/import.err"
  end=$(seconds)
  grep -q "Written to the database\|Đã ghi vào cơ sở dữ liệu" "$work/import.out" || {
    cat "$work/import.out" "$work/import.err" >&2; echo "import_bench: the import did not commit" >&2; exit 1; }
  ours+=("$(python3 -c "print(f'{$end-$start:.2f}')")")
  peak+=("$(awk '{printf "%.0f", $1/1024}' "$work/mem")")
  start=$(seconds)
  sqlite3 "$work/plain.db" -cmd ".mode csv" ".import $csv plain"
  end=$(seconds)
  plain+=("$(python3 -c "print(f'{$end-$start:.2f}')")")
  "$HOPTAC" migrate --db "sqlite:$work/floor.db" >/dev/null 2>&1
  start=$(seconds)
  floor_sql | sed "s|PLAIN|$work/plain.db|" | sqlite3 "$work/floor.db"
  end=$(seconds)
  floor+=("$(python3 -c "print(f'{$end-$start:.2f}')")")
  rm -f "$work"/floor.db*
  "$HOPTAC" migrate --db "sqlite:$work/floor.db" >/dev/null 2>&1
  start=$(seconds)
  floor_sql nojson | sed "s|PLAIN|$work/plain.db|" | sqlite3 "$work/floor.db"
  end=$(seconds)
  bare+=("$(python3 -c "print(f'{$end-$start:.2f}')")")
  echo "round $r: hoptac import ${ours[-1]} s (peak ${peak[-1]} MiB), sqlite3 .import ${plain[-1]} s," \
    "the same writes in SQL ${floor[-1]} s (${bare[-1]} s with audit rows without JSON)"
done
rows_in_db=$(sqlite3 "$work/hoptac.db" "SELECT COUNT(*) FROM entities")
audit_rows=$(sqlite3 "$work/hoptac.db" "SELECT COUNT(*) FROM audit_log WHERE action = 'entity.import'")
events=$(sqlite3 "$work/hoptac.db" "SELECT COUNT(*) FROM entity_events")
db_mib=$(du -m "$work/hoptac.db" | cut -f1)
o=$(printf '%s\n' "${ours[@]}" | median)
p=$(printf '%s\n' "${plain[@]}" | median)
m=$(printf '%s\n' "${peak[@]}" | median)
f=$(printf '%s\n' "${floor[@]}" | median)
b=$(printf '%s\n' "${bare[@]}" | median)
bare_ratio=$(python3 -c "print(f'{$b/$p:.1f}')")
floor_ratio=$(python3 -c "print(f'{$f/$p:.1f}')")
rate=$(python3 -c "print(f'{$ROWS/$o:,.0f}')")
ratio=$(python3 -c "print(f'{$o/$p:.1f}')")
{
  echo "## Import — $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "$ROWS canonical entity rows ($((bytes / 1048576)) MiB of CSV), fresh SQLite database; medians of $ROUNDS runs."
  echo
  echo "| measure | median | runs |"
  echo "|---|---|---|"
  echo "| \`hoptac import entities\`, s | $o | ${ours[*]} |"
  echo "| rows per second | $rate | target ≥ 100,000 |"
  echo "| \`sqlite3 .import\` into a plain table, s | $p | ${plain[*]} |"
  echo "| **ratio to sqlite3 .import** | **$ratio×** | target ≤ 3× |"
  echo "| the same writes in plain SQL (entities with their indexes, one audit row each; no parsing or validation), s | $f | ${floor[*]}; $floor_ratio× sqlite3 .import |"
  echo "| the same, with audit rows that hold no JSON at all (after_json NULL), s | $b | ${bare[*]}; $bare_ratio× sqlite3 .import |"
  echo "| peak memory of the import, MiB | $m | ${peak[*]} |"
  echo "| written | $rows_in_db entities, $events status events, $audit_rows audit rows, database $db_mib MiB | |"
} > "$OUT/import.md"
cat "$OUT/import.md"
