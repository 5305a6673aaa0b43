#!/usr/bin/env bash
# Installs the Debian 12 packages hoptac needs that are missing; a no-op when all
# are present. Usage: scripts/install-deps.sh [build|test|bench]   (default build)
# Only Debian's packages (apt-get) and, for the web and doc tooling, the npm registry.
set -euo pipefail

purpose="${1:-build}"
build=(cmake ninja-build pkg-config g++ make
       libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
       libsqlite3-dev libpq-dev libicu-dev libsodium-dev libssl-dev
       libzip-dev libexpat1-dev zlib1g-dev libvips-dev libcmark-dev libjemalloc-dev)
# chromium: the web application's end-to-end tests (playwright-core drives Debian's browser).
# LibreOffice converts test CSV files to XLSX as users do.
# clang and libclang-rt-14-dev (libFuzzer, ASan and UBSan runtimes): the fuzz harnesses of
# tests/fuzz, built with clang in a build of their own. postgresql-contrib: amcheck for the
# reliability tests' integrity checks.
test=(libgtest-dev libgmock-dev clang-format postgresql postgresql-contrib python3 curl openssl chromium
      libreoffice-calc-nogui clang libclang-rt-14-dev)
# wrk: HTTP throughput (bench/run.sh) and the mixed load of bench/load.sh (make load).
bench=(libbenchmark-dev wrk postgresql sqlite3 curl python3 time)

packages=("${build[@]}")
case "$purpose" in
  build) ;;
  test) packages+=("${test[@]}") ;;
  bench) packages+=("${test[@]}" "${bench[@]}") ;;
  *) echo "usage: $0 [build|test|bench]" >&2; exit 2 ;;
esac
# Node.js and npm (the web application, built into the binary, and the OpenAPI linter):
# keep an existing installation, otherwise take Debian's (nodejs, npm). The web build needs
# Node.js >= 20.19 and Debian 12's is 18, so ensure_node (below) then adds a Node.js 20 from the
# npm registry under build/tools/node, which cmake/WebApp.cmake looks at first; Debian's npm
# (any version) is only the bootstrap that fetches it.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# True when the Node.js at $1 is at least 20.19 (Vite's minimum).
node_ok() {
  "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
    >/dev/null 2>&1
}

# A Node.js >= 20.19: the one on PATH, else the project's own in build/tools/node, else one
# fetched now from the npm registry with npm itself (node-linux-<arch>@^20.19, whose tarball
# carries bin/node). Nothing outside build/tools/node is touched.
ensure_node() {
  local root tools arch tmp
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  tools="$root/build/tools/node"
  if command -v node >/dev/null 2>&1 && node_ok node; then return 0; fi
  if [ -x "$tools/bin/node" ] && node_ok "$tools/bin/node"; then return 0; fi
  command -v npm >/dev/null 2>&1 || { echo "install-deps: npm is missing; cannot fetch Node.js 20" >&2; exit 1; }
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "install-deps: no Node.js 20 package for $(uname -m); install Node.js >= 20.19 yourself" >&2; exit 1 ;;
  esac
  echo "install-deps: Node.js $(node --version 2>/dev/null || echo '(none)') is older than 20.19;" \
       "installing node-linux-$arch@^20.19 from the npm registry into $tools" >&2
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent --no-fund --no-audit "node-linux-$arch@^20.19" >/dev/null)
  rm -rf "$tools"
  mkdir -p "$tools"
  tar -xzf "$tmp"/node-linux-"$arch"-*.tgz -C "$tools" --strip-components=1 package/bin/node package/LICENSE
  rm -rf "$tmp"
  node_ok "$tools/bin/node" || { echo "install-deps: $tools/bin/node does not run" >&2; exit 1; }
  echo "install-deps: Node.js $("$tools/bin/node" --version) in $tools/bin (cmake/WebApp.cmake uses it)" >&2
}
ensure_node
