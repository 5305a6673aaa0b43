#!/usr/bin/env bash
# Import benchmark (issues 4 and 12): `hoptac import entities` of a 1,000,000-row canonical
# CSV into a fresh database, measured in this one script against references run on the same
# file at the same time:
#   SQLite: `sqlite3 .import` of the file into a plain table (no validation, no indexes), and the
#           floor: the same writes done by SQLite alone from that table (entities with their
#           indexes, the status events, one imports row; nothing parsed or validated);
#           then the dry run and the re-import of the same file over the loaded database
#           (every row unchanged).
#   PostgreSQL (a private server, tests/pg/pg_start.sh: loopback, fsync off; skipped with a
#           note when it cannot start): the import into a fresh schema, `\copy` of the file into
#           a plain table, and the same floor in SQL.
# Medians of ROUNDS runs (default 3). Files under BUILD_DIR/bench.
# Usage: bench/import_bench.sh BUILD_DIR [ROWS]     Results: BUILD_DIR/bench/import.md
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build/release}"
ROWS="${2:-${BENCH_IMPORT_ROWS:-1000000}}"
ROUNDS="${BENCH_ROUNDS:-3}"
OUT="$BUILD/bench"
mkdir -p "$OUT"
HOPTAC="$(cd "$BUILD" && pwd)/hoptac"
command -v sqlite3 >/dev/null || { echo "import_bench: sqlite3 is missing (apt-get install sqlite3)" >&2; exit 1; }
[ -x "$HOPTAC" ] || { echo "import_bench: $HOPTAC is missing; build it first" >&2; exit 1; }

csv="$OUT/entities-$ROWS.csv"
if [ ! -s "$csv" ] || [ bench/gen_entities.py -nt "$csv" ]; then
  echo "== generating $ROWS entities into $csv"
  python3 bench/gen_entities.py "$ROWS" "$csv" 1
fi
bytes=$(stat -L -c %s "$csv")

work=$(mktemp -d)
pg_dir="$work/pg"
cleanup() { tests/pg/pg_stop.sh "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
seconds() { python3 -c 'import time; print(f"{time.perf_counter():.6f}")'; }
elapsed() { python3 -c "print(f'{$2-$1:.2f}')"; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
committed() {  # output file: the import committed
  grep -q "Written to the database\|Đã ghi vào cơ sở dữ liệu\|Nothing changed\|Không có gì thay đổi" "$1" || {
    cat "$1" "$work/import.err" >&2; echo "import_bench: the import did not commit" >&2; exit 1; }
}

# The same writes done by the database alone, from the plain table `plain` (the file as text):
# the entities with their indexes, the status events of the stopped and dissolved rows, one row of
# imports. Nothing parsed or validated. $1: sqlite (the plain table ATTACHed as p) or postgres.
floor_sql() {
  local src="p.plain" lower="lower(name)" yes="'true'" row="rowid + 1"
  if [ "$1" = postgres ]; then src="plain"; row="row_number() OVER () + 1"; fi
  local bool_w="women_managed = $yes" bool_y="youth = $yes"
  if [ "$1" = postgres ]; then bool_w="(women_managed = $yes)::int"; bool_y="(youth = $yes)::int"; fi
  [ "$1" = sqlite ] && echo "ATTACH 'PLAIN' AS p;"
  cat <<SQL
BEGIN;
INSERT INTO imports (at_ms, actor_user_id, actor_name, address, type, file_name, file_sha256, file_size)
VALUES (1, NULL, 'cli:bench', 'cli', 'entities', 'bench.csv', 'x', 1);
INSERT INTO entities (kind, name, name_folded, registration_code, tax_code, province_code, province_as_of,
  current_province_code, commune_code, address, sector, founded_on, women_managed, youth, chair_name, chair_sex,
  chair_birth_year, phone, email, union_id, updated_at_ms, created_at_ms, change_seq, import_id, import_row)
SELECT kind, name, $lower, registration_code, '', province_code, founded_on, province_code,
  COALESCE(commune_code, ''), COALESCE(address, ''), sector, founded_on, $bool_w, $bool_y, COALESCE(chair_name, ''),
  chair_sex, CAST(chair_birth_year AS INTEGER), COALESCE(phone, ''), COALESCE(email, ''), NULL, 1, 1, 1, 1, $row
FROM $src;
INSERT INTO entity_events (entity_id, date, type, note, converted_to)
SELECT e.id, pl.status_since, pl.status, '', NULL
FROM $src pl JOIN entities e ON e.registration_code = pl.registration_code WHERE pl.status <> 'active';
COMMIT;
SQL
}

# PostgreSQL's floor with what the import does for a load that at least doubles the table
# (registry/import/import_entities.cpp, PostgresBulkLoad): the secondary indexes of entities,
# the uniqueness of registration_code and entity_events' foreign key dropped first and added
# back at the end, in the same transaction. The plain floor keeps them all up row by row.
floor_bulk_sql() {
  echo "BEGIN;"
  echo "ALTER TABLE entities DROP CONSTRAINT entities_registration_code_key;"
  echo "ALTER TABLE entity_events DROP CONSTRAINT entity_events_entity_id_fkey;"
  echo "DROP INDEX entities_province, entities_current_province, entities_change_seq;"
  floor_sql postgres | grep -v '^BEGIN;$\|^COMMIT;$'
  echo "ALTER TABLE entities ADD CONSTRAINT entities_registration_code_key UNIQUE (registration_code);"
  echo "CREATE INDEX entities_province ON entities (province_code);"
  echo "CREATE INDEX entities_current_province ON entities (current_province_code);"
  echo "CREATE INDEX entities_change_seq ON entities (change_seq);"
  echo "ALTER TABLE entity_events ADD CONSTRAINT entity_events_entity_id_fkey FOREIGN KEY (entity_id) REFERENCES entities (id);"
  echo "COMMIT;"
}

ours=(); plain=(); peak=(); floor=(); dry=(); again=()
for r in $(seq 1 "$ROUNDS"); do
  rm -rf "$work"/*.db* "$work/imports"
  # A fresh database with the schema and reference data (not timed: what `hoptac serve` does on first start).
  "$HOPTAC" migrate --db "sqlite:$work/hoptac.db" >/dev/null 2>&1
  start=$(seconds)
  /usr/bin/time -f "%M" -o "$work/mem" "$HOPTAC" import entities "$csv" --db "sqlite:$work/hoptac.db" \
    >"$work/import.out" 2>"$work/import.err"
  end=$(seconds)
  committed "$work/import.out"
  ours+=("$(elapsed "$start" "$end")")
  peak+=("$(awk '{printf "%.0f", $1/1024}' "$work/mem")")
  start=$(seconds)
  "$HOPTAC" import entities "$csv" --db "sqlite:$work/hoptac.db" --dry-run >"$work/dry.out" 2>"$work/import.err"
  end=$(seconds)
  dry+=("$(elapsed "$start" "$end")")
  start=$(seconds)
  "$HOPTAC" import entities "$csv" --db "sqlite:$work/hoptac.db" >"$work/again.out" 2>"$work/import.err"
  end=$(seconds)
  committed "$work/again.out"
  again+=("$(elapsed "$start" "$end")")
  start=$(seconds)
  sqlite3 "$work/plain.db" -cmd ".mode csv" ".import $csv plain"
  end=$(seconds)
  plain+=("$(elapsed "$start" "$end")")
  "$HOPTAC" migrate --db "sqlite:$work/floor.db" >/dev/null 2>&1
  start=$(seconds)
  floor_sql sqlite | sed "s|PLAIN|$work/plain.db|" | sqlite3 "$work/floor.db"
  end=$(seconds)
  floor+=("$(elapsed "$start" "$end")")
  echo "round $r (load $(cut -d' ' -f1-3 /proc/loadavg)): hoptac import ${ours[-1]} s (peak ${peak[-1]} MiB)," \
    "sqlite3 .import ${plain[-1]} s, the same writes in SQL ${floor[-1]} s; over the loaded database:" \
    "dry run ${dry[-1]} s, re-import ${again[-1]} s"
done
rows_in_db=$(sqlite3 "$work/hoptac.db" "SELECT COUNT(*) FROM entities")
audit_rows=$(sqlite3 "$work/hoptac.db" "SELECT COUNT(*) FROM audit_log WHERE action LIKE '%import%'")
events=$(sqlite3 "$work/hoptac.db" "SELECT COUNT(*) FROM entity_events")
db_mib=$(du -m "$work/hoptac.db" | cut -f1)
grep -q "không đổi 1\.000\.000\|1,000,000 unchanged" "$work/again.out" ||
  echo "import_bench: warning: the re-import did not find every row unchanged" >&2

# PostgreSQL: the same file into a fresh schema each round.
pg_ours=(); pg_plain=(); pg_floor=(); pg_floor_bulk=(); pg_peak=(); pg_note=""
if command -v psql >/dev/null && tests/pg/pg_start.sh "$pg_dir" >"$work/pg.out" 2>&1; then
  url=$(cat "$pg_dir/url")
  pg_version=$(psql "$url" -tAc "SHOW server_version")
  for r in $(seq 1 "$ROUNDS"); do
    psql "$url" -qc "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null 2>&1
    "$HOPTAC" migrate --db "$url" >/dev/null 2>&1
    start=$(seconds)
    /usr/bin/time -f "%M" -o "$work/mem" "$HOPTAC" import entities "$csv" --db "$url" \
      >"$work/import.out" 2>"$work/import.err"
    end=$(seconds)
    committed "$work/import.out"
    pg_ours+=("$(elapsed "$start" "$end")")
    pg_peak+=("$(awk '{printf "%.0f", $1/1024}' "$work/mem")")
    psql "$url" -qc "CREATE TABLE plain (registration_code TEXT, kind TEXT, name TEXT,
      province_code TEXT, commune_code TEXT, address TEXT, sector TEXT, founded_on TEXT, status TEXT,
      status_since TEXT, women_managed TEXT, youth TEXT, chair_name TEXT, chair_sex TEXT, chair_birth_year TEXT,
      phone TEXT, email TEXT, union_registration_code TEXT)" >/dev/null
    start=$(seconds)
    psql "$url" -qc "\\copy plain FROM '$csv' WITH (FORMAT csv, HEADER true)"
    end=$(seconds)
    pg_plain+=("$(elapsed "$start" "$end")")
    # The floor into the same tables, emptied (their indexes stay).
    psql "$url" -qc "TRUNCATE entities, entity_events, imports RESTART IDENTITY CASCADE" >/dev/null 2>&1
    psql "$url" -qc "VACUUM ANALYZE plain" >/dev/null
    start=$(seconds)
    floor_sql postgres | psql "$url" -q -v ON_ERROR_STOP=1 >/dev/null
    end=$(seconds)
    pg_floor+=("$(elapsed "$start" "$end")")
    psql "$url" -qc "TRUNCATE entities, entity_events, imports RESTART IDENTITY CASCADE" >/dev/null 2>&1
    start=$(seconds)
    floor_bulk_sql | psql "$url" -q -v ON_ERROR_STOP=1 >/dev/null
    end=$(seconds)
    pg_floor_bulk+=("$(elapsed "$start" "$end")")
    echo "round $r (load $(cut -d' ' -f1-3 /proc/loadavg)): PostgreSQL: hoptac import ${pg_ours[-1]} s" \
      "(peak ${pg_peak[-1]} MiB), \\copy ${pg_plain[-1]} s, the same writes in SQL ${pg_floor[-1]} s," \
      "with indexes and constraints rebuilt ${pg_floor_bulk[-1]} s"
  done
else
  pg_note="PostgreSQL did not start (see tests/pg/pg_start.sh): not measured."
  echo "import_bench: $pg_note" >&2
fi

o=$(printf '%s\n' "${ours[@]}" | median)
p=$(printf '%s\n' "${plain[@]}" | median)
m=$(printf '%s\n' "${peak[@]}" | median)
f=$(printf '%s\n' "${floor[@]}" | median)
d=$(printf '%s\n' "${dry[@]}" | median)
a=$(printf '%s\n' "${again[@]}" | median)
rate=$(python3 -c "print(f'{$ROWS/$o:,.0f}')")
{
  echo "## Import — $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "$ROWS canonical entity rows ($((bytes / 1048576)) MiB of CSV); medians of $ROUNDS runs;" \
    "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| SQLite | median | runs |"
  echo "|---|---|---|"
  echo "| \`hoptac import entities\`, fresh database, s | $o | ${ours[*]} |"
  echo "| rows per second | $rate | target ≥ 100,000 |"
  echo "| \`sqlite3 .import\` into a plain table, s | $p | ${plain[*]} |"
  echo "| **ratio to sqlite3 .import** | **$(ratio "$o" "$p")×** | target ≤ 3× |"
  echo "| floor: the same writes in plain SQL (entities with their indexes, status events, one imports row), s | $f | ${floor[*]}; $(ratio "$f" "$p")× sqlite3 .import; import / floor $(ratio "$o" "$f")× |"
  echo "| dry run of the same file over the loaded database, s | $d | ${dry[*]} |"
  echo "| re-import (every row unchanged), s | $a | ${again[*]}; **$(ratio "$a" "$d")× the dry run** (target ≤ 1.5×) |"
  echo "| peak memory of the import, MiB | $m | ${peak[*]} |"
  echo "| written | $rows_in_db entities, $events status events, $audit_rows audit rows (two imports), database $db_mib MiB | |"
  echo
  if [ -n "$pg_note" ]; then
    echo "$pg_note"
  else
    po=$(printf '%s\n' "${pg_ours[@]}" | median)
    pp=$(printf '%s\n' "${pg_plain[@]}" | median)
    pf=$(printf '%s\n' "${pg_floor[@]}" | median)
    pb=$(printf '%s\n' "${pg_floor_bulk[@]}" | median)
    pm=$(printf '%s\n' "${pg_peak[@]}" | median)
    echo "| PostgreSQL $pg_version (private server, fsync off) | median | runs |"
    echo "|---|---|---|"
    echo "| \`hoptac import entities\`, fresh schema, s | $po | ${pg_ours[*]} |"
    echo "| rows per second | $(python3 -c "print(f'{$ROWS/$po:,.0f}')") | target ≥ 100,000 |"
    echo "| \`\\copy\` of the file into a plain table, s | $pp | ${pg_plain[*]}; import / \\copy $(ratio "$po" "$pp")× |"
    echo "| floor: the same writes in plain SQL, s | $pf | ${pg_floor[*]}; import / floor $(ratio "$po" "$pf")× |"
    echo "| floor with the import's bulk path (indexes and constraints rebuilt at the end), s | $pb | ${pg_floor_bulk[*]}; import / this floor $(ratio "$po" "$pb")× |"
    echo "| peak memory of the import, MiB | $pm | ${pg_peak[*]} |"
  fi
} > "$OUT/import.md"
cat "$OUT/import.md"
