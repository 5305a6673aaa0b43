#!/usr/bin/env bash
# The portal's pages from its cache: req/s of a cached article page (1,500 words) and of the home
# page, wrk -t2 -c64, over portal::SampleContent (no database: what is measured is the server, the
# router, the worker hop and the cache), access log off as in the admin-units "quiet" row.
# Usage: bench/portal_sample_bench.sh [BUILD_DIR] [DURATION] [ROUNDS]
set -euo pipefail
build="${1:-build/dev}"
duration="${2:-10s}"
rounds="${3:-3}"
port=$((20000 + RANDOM % 20000))
"$build/bench/portal_server" "$port" --quiet > /dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/robots.txt" && break; sleep 0.1; done
article="http://127.0.0.1:$port/tin-tuc/lien-minh-htx-tinh-gap-mat-doi-thoai-voi-htx"
home="http://127.0.0.1:$port/"
for url in "$article" "$home"; do
  bytes=$(curl -fs "$url" | wc -c)
  results=()
  for _ in $(seq "$rounds"); do
    results+=("$(wrk -t2 -c64 -d"$duration" "$url" | awk '/Requests\/sec/ {printf "%d", $2}')")
  done
  median=$(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (rounds + 1) / 2 ))p")
  echo "| portal ${url#http://127.0.0.1:$port} ($bytes B), req/s | $median | ${results[*]} |"
done
