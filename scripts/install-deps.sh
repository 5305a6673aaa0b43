#!/usr/bin/env bash
# Installs the Debian 12 packages hoptac needs that are missing; a no-op when all
# are present. Usage: scripts/install-deps.sh [build|test|bench]   (default build)
# Only Debian's packages (apt-get) and, for the web and doc tooling, the npm registry.
set -euo pipefail

purpose="${1:-build}"
build=(cmake ninja-build pkg-config g++ make
       libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
       libsqlite3-dev libpq-dev libicu-dev libsodium-dev libssl-dev
       libxlsxwriter-dev libzip-dev libexpat1-dev zlib1g-dev)
# chromium: the web application's end-to-end tests (playwright-core drives Debian's browser).
# LibreOffice converts test CSV files to XLSX as users do.
test=(libgtest-dev libgmock-dev clang-format postgresql postgresql-contrib python3 curl openssl chromium
      libreoffice-calc-nogui)
bench=(libbenchmark-dev wrk postgresql sqlite3 curl python3 time)

packages=("${build[@]}")
case "$purpose" in
  build) ;;
  test) packages+=("${test[@]}") ;;
  bench) packages+=("${test[@]}" "${bench[@]}") ;;
  *) echo "usage: $0 [build|test|bench]" >&2; exit 2 ;;
esac
# Node.js and npm (the web application, built into the binary, and the OpenAPI linter):
# keep an existing installation, otherwise take Debian's. The web build needs Node.js >= 20.19;
# with an older one CMake warns and builds hoptac without the web application.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
