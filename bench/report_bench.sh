#!/usr/bin/env bash
# Periodic reporting benchmark (issue 14): a report's prefill and the completeness of a form over
# every entity, through the API of `hoptac serve` holding the demo data at REPORT_SCALE (default 1,
# ≈ 106 k entities) in SQLite, each against the statistics calls that compute the same numbers on
# the same server in the same run (bench/report_bench.py). Talks to 127.0.0.1 only.
# Usage: bench/report_bench.sh BUILD_DIR      Results: BUILD_DIR/bench/report.md
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build/release}"
SCALE="${REPORT_SCALE:-1}"
OUT="$BUILD/bench"
mkdir -p "$OUT"
HOPTAC="$(cd "$BUILD" && pwd)/hoptac"
[ -x "$HOPTAC" ] || { echo "report_bench: $HOPTAC is missing; build it first" >&2; exit 1; }
work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

url="sqlite:$work/report.db"
echo "== demo data at scale $SCALE"
"$HOPTAC" demo --scale "$SCALE" --db "$url" >"$work/demo.out" 2>&1 || { cat "$work/demo.out" >&2; exit 1; }
port=$(free_port)
password="report-bench-$RANDOM$RANDOM"
HOPTAC_ADMIN_PASSWORD="$password" "$HOPTAC" serve --db "$url" --listen "127.0.0.1:$port" --no-access-log \
  >"$work/serve.out" 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
{
  echo "### Reporting through the API (bench/report_bench.sh, $(date -u +%F), scale $SCALE, SQLite)"
  echo
  echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  python3 bench/report_bench.py "$port" "$password" "$HOPTAC" "$url"
  echo
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/report.md"
