#!/usr/bin/env bash
# Demo data and exports at the country's size (scale 1) and ten times it (scale 10,
# about a million entities), on SQLite: time and peak memory (GNU time -v) of
#   - hoptac demo --scale 1 and --scale 10 (targets: ≤ 15 s and ≤ 3 min), rows and database size;
#   - XLSX exports: ~100 k rows (scale 1) and ~1 M rows (scale 10; target ≤ 15 s, ≤ 200 MB),
#     and CSV exports of a million entities and of ten million sets of figures, to show that
#     memory stays flat whatever the row count.
# An XLSX sheet holds 1,048,575 data rows and scale 10 has 1,063,300 entities, so the
# million-row XLSX export takes the entities founded before the 2025 reform (about 990 k).
# Usage: bench/export_bench.sh BUILD_DIR [RESULTS_FILE]   (EXPORT_BENCH_SCALE=10 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build/release}"
OUT="${2:-$BUILD/bench/export.md}"
BIG="${EXPORT_BENCH_SCALE:-10}"
BIN="$BUILD/hoptac"
mkdir -p "$(dirname "$OUT")"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export HOPTAC_LANG=en

# run LABEL CMD… : runs under GNU time -v; sets SECS (wall), CPU (user + system, all
# threads), RSS_MB and keeps stdout in $data/out.txt. On a shared machine the wall time
# depends on the load; CPU time much less.
run() {
  local label="$1"; shift
  /usr/bin/time -v "$@" >"$data/out.txt" 2>"$data/time.txt" || { cat "$data/time.txt" >&2; echo "bench: $label failed" >&2; exit 1; }
  SECS=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; printf "%.1f", s}' "$data/time.txt")
  RSS_MB=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$data/time.txt")
  CPU=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.1f", s}' "$data/time.txt")
  echo "$label: ${SECS} s, CPU ${CPU} s, peak RSS ${RSS_MB} MB — $(tail -1 "$data/out.txt")"
}
count() { sqlite3 "$1" "SELECT COUNT(*) FROM $2"; }
mib() { python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1])/2**20:.0f}')" "$1"; }
exported() { sed -n 's/^Exported \([0-9]*\) rows.*/\1/p' "$data/out.txt"; }

echo "== Demo data and exports (SQLite, scale 1 and $BIG)"
run "demo --scale 1" "$BIN" demo --scale 1 --db "sqlite:$data/s1.db"
d1_s=$SECS d1_c=$CPU d1_m=$RSS_MB
d1_rows="$(count "$data/s1.db" entities) entities, $(count "$data/s1.db" entity_events) events, $(count "$data/s1.db" entity_figures) figures"
d1_size=$(mib "$data/s1.db")
run "demo --scale $BIG" "$BIN" demo --scale "$BIG" --db "sqlite:$data/s10.db"
d10_s=$SECS d10_c=$CPU d10_m=$RSS_MB
d10_rows="$(count "$data/s10.db" entities) entities, $(count "$data/s10.db" entity_events) events, $(count "$data/s10.db" entity_figures) figures"
d10_size=$(mib "$data/s10.db")

# The API: a server on the scale-1 database streams a 100 k-row XLSX and a 1 M-row CSV;
# its peak memory (VmHWM) against its memory at start shows the downloads do not grow it.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
HOPTAC_ADMIN_PASSWORD='Bench-export-pass-7' "$BIN" serve --db "sqlite:$data/s1.db" --listen "127.0.0.1:$port" \
  --no-access-log >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 500); do curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.02; done
curl -fs -c "$data/jar" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"Bench-export-pass-7"}' "http://127.0.0.1:$port/api/v1/session" >/dev/null
# The sign-in's argon2id hash takes 64 MiB: reset the peak (clear_refs 5) after it.
echo 5 > "/proc/$server/clear_refs" 2>/dev/null || true
rss_start=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$server/status")
api_x_s=$(curl -fs -b "$data/jar" -o "$data/api.xlsx" -w '%{time_total}' \
  "http://127.0.0.1:$port/api/v1/exports/entities?format=xlsx")
api_x_mb=$(mib "$data/api.xlsx")
api_f_s=$(curl -fs -b "$data/jar" -o "$data/api.csv" -D "$data/api.headers" -w '%{time_total}' \
  "http://127.0.0.1:$port/api/v1/exports/figures")
api_f_n=$(awk -F': ' 'tolower($1)=="x-export-rows" {print $2+0}' "$data/api.headers")
api_f_mb=$(mib "$data/api.csv")
rss_peak=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$server/status")
api_x_s=$(printf '%.1f' "$api_x_s") api_f_s=$(printf '%.1f' "$api_f_s")
kill "$server"; wait "$server" 2>/dev/null || true
rm -f "$data/api.csv" "$data/api.xlsx"
echo "API: server RSS ${rss_start} MB at start, peak ${rss_peak} MB after a ${api_x_mb} MiB XLSX (${api_x_s} s) and ${api_f_n} figure rows as CSV (${api_f_mb} MiB, ${api_f_s} s)"

run "export entities xlsx, scale 1" "$BIN" export entities "$data/e1.xlsx" --db "sqlite:$data/s1.db"
x1_s=$SECS x1_c=$CPU x1_m=$RSS_MB x1_n=$(exported) x1_size=$(mib "$data/e1.xlsx")
run "export entities xlsx, scale $BIG, founded before 2025-07-01" \
  "$BIN" export entities "$data/e10.xlsx" --founded-to 2025-06-30 --db "sqlite:$data/s10.db"
x10_s=$SECS x10_c=$CPU x10_m=$RSS_MB x10_n=$(exported) x10_size=$(mib "$data/e10.xlsx")
run "export entities csv, scale $BIG" "$BIN" export entities "$data/e10.csv" --db "sqlite:$data/s10.db"
c10_s=$SECS c10_c=$CPU c10_m=$RSS_MB c10_n=$(exported) c10_size=$(mib "$data/e10.csv")
rm -f "$data/e10.csv"
run "export figures csv, scale $BIG" "$BIN" export figures "$data/f10.csv" --db "sqlite:$data/s10.db"
f10_s=$SECS f10_c=$CPU f10_m=$RSS_MB f10_n=$(exported) f10_size=$(mib "$data/f10.csv")

{
  echo "## Demo data and exports — $(date -u +%Y-%m-%d) on $(nproc) cores, SQLite, load average $(cut -d' ' -f1 /proc/loadavg) at the end"
  echo
  echo "| measure | wall time | CPU time | peak RSS | detail |"
  echo "|---|---|---|---|---|"
  echo "| \`demo --scale 1\` | ${d1_s} s | ${d1_c} s | ${d1_m} MB | ${d1_rows}; database ${d1_size} MiB; target ≤ 15 s |"
  echo "| \`demo --scale $BIG\` | ${d10_s} s | ${d10_c} s | ${d10_m} MB | ${d10_rows}; database ${d10_size} MiB; target ≤ 180 s |"
  echo "| XLSX export, scale 1 | ${x1_s} s | ${x1_c} s | ${x1_m} MB | ${x1_n} rows × 18 columns, ${x1_size} MiB |"
  echo "| **XLSX export, scale $BIG** | **${x10_s} s** | ${x10_c} s | **${x10_m} MB** | ${x10_n} rows × 18 columns (founded before 2025-07-01), ${x10_size} MiB; target ≤ 15 s, ≤ 200 MB |"
  echo "| CSV export of the entities, scale $BIG | ${c10_s} s | ${c10_c} s | ${c10_m} MB | ${c10_n} rows, ${c10_size} MiB |"
  echo "| API: \`GET /api/v1/exports/entities?format=xlsx\`, scale 1 | ${api_x_s} s | | server peak ${rss_peak} MB (${rss_start} MB at start) | ${api_x_mb} MiB, streamed from a temporary file |"
  echo "| API: \`GET /api/v1/exports/figures\` (CSV), scale 1 | ${api_f_s} s | | (same server) | ${api_f_n} rows, ${api_f_mb} MiB |"
  echo "| CSV export of the figures, scale $BIG | ${f10_s} s | ${f10_c} s | ${f10_m} MB | ${f10_n} rows × 13 columns, ${f10_size} MiB |"
} > "$OUT"
cat "$OUT"
