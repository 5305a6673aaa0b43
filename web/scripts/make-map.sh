#!/usr/bin/env bash
# Regenerates src/dashboard/map/provinces.json, the simplified outlines of the 34 provinces
# drawn by the dashboard's map, from the vn-admin GeoJSON (MIT, see LICENSE-geodata beside it).
# Run once by hand when the outlines change; the output is committed, so builds need neither
# mapshaper nor the source data:
#   web/scripts/make-map.sh /path/to/vn-admin/geojson
# Budget: all provinces together ≤ 300 KB. keep-shapes keeps the small islands (Hoàng Sa,
# Trường Sa and the coastal islands) however small they are.
set -euo pipefail
src="${1:?usage: make-map.sh GEOJSON_FOLDER}"
out="$(cd "$(dirname "$0")/.." && pwd)/src/dashboard/map/provinces.json"
npx --yes mapshaper@0.7.70 -i "$src"/*.geojson combine-files \
  -merge-layers \
  -filter-fields code,name,nameEn \
  -simplify 6% weighted keep-shapes \
  -clean \
  -o "$out" format=geojson precision=0.001 force
ls -l "$out"
