#!/usr/bin/env bash
# The cost of SQLite's synchronous=FULL (the default since issue 13: a commit survives a
# power loss) against synchronous=NORMAL (`--sync normal`: survives a killed process only),
# measured in alternating rounds in one run:
#   - single writes: POST /api/v1/entities one after the other on one keep-alive connection
#     (each its own transaction and commit), writes/s;
#   - a bulk load: `hoptac import entities` of a ROWS-row CSV into a fresh database, rows/s.
# Talks to 127.0.0.1 only; bounded by WRITES, ROWS and ROUNDS.
# Usage: bench/sync_bench.sh [BUILD_DIR]     (WRITES=2000 ROWS=100000 ROUNDS=3)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build/release}"
HOPTAC="$BUILD/hoptac"
WRITES="${WRITES:-2000}"
ROWS="${ROWS:-100000}"
ROUNDS="${ROUNDS:-3}"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

python3 bench/gen_entities.py "$ROWS" "$work/entities.csv" 1

# writes/s of $WRITES sequential creates against a fresh server with --sync $1
single_writes() {
  local sync=$1 dir="$work/w-$1-$RANDOM" port
  port=$(free_port)
  HOPTAC_ADMIN_PASSWORD='Bench-sync-password-1' "$HOPTAC" serve --db "sqlite:$dir/hoptac.db" --sync "$sync" \
    --listen "127.0.0.1:$port" --no-access-log >/dev/null 2>&1 &
  local pid=$!
  pids+=("$pid")
  python3 - "$port" "$WRITES" <<'PY'
import http.client, json, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
for _ in range(500):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port); c.request("GET", "/healthz"); c.getresponse().read(); break
    except OSError:
        time.sleep(0.02)
c.request("POST", "/api/v1/session", json.dumps({"username": "admin", "password": "Bench-sync-password-1"}),
          {"Content-Type": "application/json"})
r = c.getresponse(); body = json.loads(r.read())
cookie = r.getheader("Set-Cookie").split(";")[0]
headers = {"Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": body["csrf_token"]}
start = time.perf_counter()
for i in range(n):
    c.request("POST", "/api/v1/entities", json.dumps({"name": f"Hợp tác xã Đo Ghi {i}", "kind": "cooperative",
              "province_code": "01", "registration_code": f"SYNC-{i}"}), headers)
    r = c.getresponse(); r.read()
    assert r.status == 201, r.status
print(f"{n / (time.perf_counter() - start):.0f}")
PY
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

# rows/s of one import into a fresh database with --sync $1
bulk_load() {
  local dir="$work/i-$1-$RANDOM" start end
  start=$(date +%s.%N)
  "$HOPTAC" import entities "$work/entities.csv" --db "sqlite:$dir/hoptac.db" --sync "$1" >/dev/null 2>&1
  end=$(date +%s.%N)
  python3 -c "print(f'{$ROWS / ($end - $start):.0f}')"
}

wf=(); wn=(); bf=(); bn=()
for r in $(seq 1 "$ROUNDS"); do
  wf+=("$(single_writes full)"); wn+=("$(single_writes normal)")
  bf+=("$(bulk_load full)"); bn+=("$(bulk_load normal)")
  echo "round $r: single writes/s full ${wf[-1]} normal ${wn[-1]}; import rows/s full ${bf[-1]} normal ${bn[-1]}"
done
mwf=$(printf '%s\n' "${wf[@]}" | median); mwn=$(printf '%s\n' "${wn[@]}" | median)
mbf=$(printf '%s\n' "${bf[@]}" | median); mbn=$(printf '%s\n' "${bn[@]}" | median)
echo
echo "| SQLite, medians of $ROUNDS alternating rounds | synchronous=FULL | NORMAL | FULL / NORMAL |"
echo "|---|---|---|---|"
echo "| single API writes ($WRITES creates, one connection), writes/s | $mwf | $mwn | $(python3 -c "print(f'{$mwf/$mwn:.2f}')") |"
echo "| \`hoptac import entities\`, $ROWS rows, fresh database, rows/s | $mbf | $mbn | $(python3 -c "print(f'{$mbf/$mbn:.2f}')") |"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
