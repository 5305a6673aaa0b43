#!/usr/bin/env bash
# Lints docs/api/openapi.yaml with Redocly's OpenAPI linter (from the npm registry).
set -euo pipefail
cd "$(dirname "$0")/../tools/openapi"
if [ ! -x node_modules/.bin/redocly ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  node_modules/.bin/redocly lint --config redocly.yaml ../../docs/api/openapi.yaml
