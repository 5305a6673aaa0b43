#!/usr/bin/env bash
# HTTP throughput of one or more hoptac binaries against the Beast hello ceiling in its
# three modes (bench/hello_server.cpp: shared, per-thread, lean), in alternating rounds
# (every server once per round) so that machine noise hits all alike.
# GET /api/v1/admin-units?level=province, wrk -t2 -c64, access log on (to /dev/null, as
# in bench/run.sh), 2 I/O threads everywhere. Prints each round with the load average,
# the medians and the ratios to each ceiling.
# Usage: bench/http_ab.sh HELLO_SERVER HOPTAC [HOPTAC ...]
#        BENCH_ROUNDS (default 3), BENCH_DURATION (default 10s)
set -euo pipefail
HELLO="$1"; shift
BINARIES=("$@")
ROUNDS="${BENCH_ROUNDS:-3}"
DURATION="${BENCH_DURATION:-10s}"
dir=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() {
  for _ in $(seq 1 500); do curl -fs -o /dev/null "$1" && return 0; sleep 0.02; done
  echo "bench: $1 did not answer" >&2; return 1
}
rps() { wrk -t2 -c64 -d"$DURATION" "$1" | awk '/Requests\/sec/ {print $2}'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

names=(hello_shared hello_per_thread hello_lean); urls=()
for mode in shared per-thread lean; do
  port=$(free_port)
  "$HELLO" "$port" 2 "$mode" &
  pids+=($!)
  wait_http "http://127.0.0.1:$port/"
  urls+=("http://127.0.0.1:$port/")
done
for i in "${!BINARIES[@]}"; do
  port=$(free_port)
  "${BINARIES[$i]}" serve --db "sqlite:$dir/b$i.db" --listen "127.0.0.1:$port" --io-threads 2 >/dev/null 2>/dev/null &
  pids+=($!)
  url="http://127.0.0.1:$port/api/v1/admin-units?level=province"
  wait_http "http://127.0.0.1:$port/healthz"
  curl -fs "$url" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["total"]==34, d["total"]'
  names+=("$(basename "${BINARIES[$i]}")"); urls+=("$url")
done

echo "load average before: $(load)"
results="$dir/results.txt"
for r in $(seq 1 "$ROUNDS"); do
  line="$r"
  for i in "${!urls[@]}"; do line+=" ${names[$i]}=$(rps "${urls[$i]}")"; done
  echo "$line (load $(load))"
  echo "$line" >>"$results"
done
echo "load average after: $(load)"
python3 - "$results" <<'PY'
import statistics, sys
rows = [dict(kv.split('=') for kv in line.split()[1:]) for line in open(sys.argv[1])]
names = list(rows[0])
med = {n: statistics.median(float(r[n]) for r in rows) for n in names}
for n in names:
    line = f"{n}: median {med[n]:,.0f} req/s"
    if not n.startswith('hello'):
        for h in ('hello_shared', 'hello_per_thread', 'hello_lean'):
            per_round = ' / '.join(f"{float(r[n]) / float(r[h]):.2f}" for r in rows)
            line += f"; /{h} {med[n] / med[h]:.2f} (rounds {per_round})"
    print(line)
PY
