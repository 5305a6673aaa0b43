#!/usr/bin/env bash
# make load: LOAD_CONNECTIONS (200) connections for LOAD_DURATION (60s) of mixed reads and
# writes (bench/load.lua: lists, entities, statistics, search; LOAD_WRITE_PERCENT, default 15,
# of POST and PATCH with an API token) against `hoptac serve` with demo data at LOAD_SCALE
# (1: about 106,000 entities), on a SQLite file and on a private PostgreSQL
# (tests/pg/pg_start.sh: loopback, fsync off). LOAD_ROUNDS (3) rounds per backend on the same
# server; medians of req/s and p99, totals of 4xx, 5xx and socket errors, the server's peak RSS
# (VmHWM: start-up, index and the load). wrk runs LOAD_THREADS (2) threads on the same machine
# as the server. Talks to 127.0.0.1 only.
# Usage: bench/load.sh BUILD_DIR      Results: BUILD_DIR/bench/load.md
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build/release}"
SCALE="${LOAD_SCALE:-1}"
CONNECTIONS="${LOAD_CONNECTIONS:-200}"
DURATION="${LOAD_DURATION:-60s}"
ROUNDS="${LOAD_ROUNDS:-3}"
THREADS="${LOAD_THREADS:-2}"
WRITES="${LOAD_WRITE_PERCENT:-15}"
OUT="$BUILD/bench"
mkdir -p "$OUT"
HOPTAC="$(cd "$BUILD" && pwd)/hoptac"
PASSWORD='Load-bench-pass-5521'
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "load: $tool is missing (scripts/install-deps.sh bench)" >&2; exit 1; }
done
[ -x "$HOPTAC" ] || { echo "load: $HOPTAC is missing; build it first" >&2; exit 1; }

work=$(mktemp -d)
pg_dir="$work/pg"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  tests/pg/pg_stop.sh "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() {
  for _ in $(seq 1 1500); do curl -fs -o /dev/null "$1" && return 0; sleep 0.02; done
  echo "load: $1 did not answer" >&2; return 1
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { grep -o "$1=[0-9.]*" "$2" | head -1 | cut -d= -f2; }

ulimit -n 4096 2>/dev/null || true
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
run_backend() {  # name url
  local name=$1 url=$2 port base token total started
  echo "== $name: demo data at scale $SCALE"
  started=$(date +%s)
  "$HOPTAC" demo --scale "$SCALE" --db "$url" >"$work/demo-$name.out" 2>&1 || { cat "$work/demo-$name.out" >&2; exit 1; }
  echo "   loaded in $(($(date +%s) - started)) s: $(tail -1 "$work/demo-$name.out")"
  port=$(free_port)
  base="http://127.0.0.1:$port"
  # As `make run` serves: access log on (to a file here), default threads.
  HOPTAC_ADMIN_PASSWORD="$PASSWORD" "$HOPTAC" serve --db "$url" --listen "127.0.0.1:$port" \
    >"$work/serve-$name.out" 2>"$work/serve-$name.log" &
  server=$!
  wait_http "$base/healthz"
  curl -fs -c "$work/jar" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$base/api/v1/session" >"$work/session.json"
  csrf=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$work/session.json")
  token=$(curl -fs -b "$work/jar" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
    -d '{"name":"load"}' "$base/api/v1/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  total=$(curl -fs "$base/api/v1/entities?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
  local rps=() p99=() p50=() s4=0 s5=0 sock=0 reqs=0
  for r in $(seq 1 "$ROUNDS"); do
    HOPTAC_TOKEN="$token" HOPTAC_MAX_ID="$total" HOPTAC_WRITE_PERCENT="$WRITES" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s \
      -s bench/load.lua "$base" >"$work/wrk-$name-$r.txt" 2>&1
    local line="$work/wrk-$name-$r.txt"
    rps+=("$(awk '/Requests\/sec/ {print $2}' "$line")")
    p99+=("$(field p99_ms "$line")")
    p50+=("$(field p50_ms "$line")")
    s4=$((s4 + $(field 4xx "$line")))
    s5=$((s5 + $(field 5xx "$line")))
    reqs=$((reqs + $(awk '/requests in/ {print $1}' "$line")))
    local socket
    socket=$(awk -F'[ ,]+' '/Socket errors/ {print $5+$7+$9+$11}' "$line")
    sock=$((sock + ${socket:-0}))
    echo "   round $r: ${rps[-1]} req/s, p50 ${p50[-1]} ms, p99 ${p99[-1]} ms, $(grep -o '4xx=[0-9]* 5xx=[0-9]*' "$line"), socket errors ${socket:-0}"
    grep '^LOAD' "$line" | sed 's/^/     /'
  done
  local hwm rss
  hwm=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$server/status")
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$server/status")
  kill "$server"
  wait "$server" || true
  server=""
  rows+=("| $name | $total | $(printf '%s\n' "${rps[@]}" | median) | $(printf '%s\n' "${p50[@]}" | median) | $(printf '%s\n' "${p99[@]}" | median) | $reqs | $s5 | $s4 | $sock | $hwm ($rss at the end) | ${rps[*]} |")
}

run_backend sqlite "sqlite:$work/load.db"
tests/pg/pg_start.sh "$pg_dir" >/dev/null
run_backend postgresql "$(cat "$pg_dir/url")"

{
  echo "## make load — $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average at the start: $load_before, at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, bench/load.lua ($WRITES % writes: POST and PATCH 2:1 with an API token; reads anonymous: list, get, stats, search 30:25:15:15), $ROUNDS rounds per backend, demo data at scale $SCALE; wrk and the server share the machine."
  echo
  echo "| backend | entities at start | req/s (median) | p50 ms (median) | p99 ms (median) | requests | 5xx | 4xx | socket errors | peak RSS MiB | req/s per round |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} >"$OUT/load.md"
echo
cat "$OUT/load.md"
