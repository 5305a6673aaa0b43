#!/usr/bin/env bash
# The public portal's throughput (issue 19): an article page and the home page against the
# admin-units list of the same server, same run (wrk -t2 -c64, alternating rounds, medians).
# The server has the demo registry (scale 1) and one published article of about 1,500 words
# written through the API as a province editor would; the pages are plain HTML rendered on the
# server and cached until something they show changes.
# Usage: bench/portal_bench.sh BUILD_DIR [OUT.md]     Talks to 127.0.0.1 only; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build/release}"
OUT="${2:-$BUILD/bench/portal.md}"
ROUNDS="${BENCH_ROUNDS:-3}"
DURATION="${BENCH_DURATION:-10s}"
HOPTAC="$BUILD/hoptac"
PASSWORD='Bench-portal-pass-53'
mkdir -p "$(dirname "$OUT")"
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() {
  for _ in $(seq 1 1500); do curl -fs -o /dev/null "$1" && return 0; sleep 0.02; done
  echo "portal bench: $1 did not answer" >&2; return 1
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
rps() {  # url → requests/s; fails on any non-2xx answer
  wrk -t2 -c64 -d"$DURATION" --latency "$1" >"$work/wrk.txt"
  if grep -q "Non-2xx" "$work/wrk.txt"; then cat "$work/wrk.txt" >&2; echo "portal bench: non-2xx answers for $1" >&2; exit 1; fi
  awk '/Requests\/sec/ {print $2}' "$work/wrk.txt"
}

"$HOPTAC" demo --scale 1 --db "sqlite:$work/portal.db" >"$work/demo.out" 2>&1 || { cat "$work/demo.out" >&2; exit 1; }
port=$(free_port)
base="http://127.0.0.1:$port"
HOPTAC_ADMIN_PASSWORD="$PASSWORD" "$HOPTAC" serve --db "sqlite:$work/portal.db" --listen "127.0.0.1:$port" \
  --io-threads 2 --no-access-log >"$work/serve.out" 2>"$work/serve.log" &
server=$!
wait_http "$base/healthz"

# A realistic article: ~1,500 words of Vietnamese Markdown, published through the API.
slug=$(python3 - "$base" "$PASSWORD" <<'PY'
import http.cookiejar, json, sys, urllib.request
base, password = sys.argv[1], sys.argv[2]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def call(method, path, body=None, csrf=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if csrf: req.add_header("X-CSRF-Token", csrf)
    with opener.open(req) as r:
        return json.loads(r.read() or b"{}")
session = call("POST", "/api/v1/session", {"username": "admin", "password": password})
csrf = session["csrf_token"]
para = ("Liên minh Hợp tác xã tỉnh đã tổ chức hội nghị gặp mặt, đối thoại với các hợp tác xã, tổ hợp tác "
        "trên địa bàn nhằm lắng nghe những khó khăn, vướng mắc trong sản xuất, kinh doanh và tiếp cận vốn. ")
body = "\n\n".join(f"## Phần {i + 1}\n\n" + para * 3 for i in range(18))
a = call("POST", "/api/v1/articles", {"title": "Liên minh HTX tỉnh gặp mặt, đối thoại với HTX",
                                      "summary": "Hội nghị đối thoại giữa lãnh đạo tỉnh và các hợp tác xã.",
                                      "body": body, "category": "activities",
                                      "keywords": ["đối thoại", "hợp tác xã"], "lang": "vi"}, csrf)
call("POST", f"/api/v1/articles/{a['id']}/publish", {}, csrf)
print(a["slug"])
PY
)
article="$base/tin-tuc/$slug"
home="$base/"
units="$base/api/v1/admin-units?level=province"
curl -fs -A 'Mozilla/5.0' "$article" | grep -q "gặp mặt, đối thoại" || { echo "portal bench: the article page does not show its title" >&2; exit 1; }
article_bytes=$(curl -fs -A 'Mozilla/5.0' "$article" | wc -c)
home_bytes=$(curl -fs -A 'Mozilla/5.0' "$home" | wc -c)
css_bytes=$(curl -fs "$base/portal.css" | wc -c)

a=(); h=(); u=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq 1 "$ROUNDS"); do
  u+=("$(rps "$units")")
  a+=("$(rps "$article")")
  h+=("$(rps "$home")")
  echo "round $r: admin-units ${u[-1]}, article ${a[-1]}, home ${h[-1]} req/s; load $(cut -d' ' -f1-3 /proc/loadavg)"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
um=$(printf '%s\n' "${u[@]}" | median)
am=$(printf '%s\n' "${a[@]}" | median)
hm=$(printf '%s\n' "${h[@]}" | median)
{
  echo "## Public portal — $(date -u +%Y-%m-%d), $(nproc) cores, wrk -t2 -c64 -d$DURATION, $ROUNDS alternating rounds"
  echo
  echo "| page | req/s (median) | rounds | ÷ admin-units | bytes |"
  echo "|---|---|---|---|---|"
  echo "| GET /api/v1/admin-units?level=province (reference) | $um | ${u[*]} | 1.00 | |"
  echo "| GET /tin-tuc/$slug (article, ~1,500 words) | $am | ${a[*]} | $(python3 -c "print(f'{$am/$um:.2f}')") | HTML $article_bytes + CSS $css_bytes |"
  echo "| GET / (home) | $hm | ${h[*]} | $(python3 -c "print(f'{$hm/$um:.2f}')") | HTML $home_bytes |"
  echo
  echo "Target: ≥ 5,000 req/s for the article and the home page. Load average $load_before → $load_after (wrk and the server share the machine)."
} >"$OUT"
cat "$OUT"
python3 -c "import sys; sys.exit(0 if min($am, $hm) >= 5000 else 1)" || echo "portal bench: below the 5,000 req/s target" >&2
