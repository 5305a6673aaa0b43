#!/usr/bin/env bash
# clang-format over the C++ sources: `check` fails on any difference, `fix` rewrites.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-check}"
mapfile -t files < <(git ls-files -co --exclude-standard -- 'src/*.h' 'src/*.cpp' 'tests/*.h' 'tests/*.cpp' 'bench/*.h' 'bench/*.cpp')
[ ${#files[@]} -eq 0 ] && exit 0
if [ "$mode" = fix ]; then
  clang-format -i "${files[@]}"
else
  clang-format --dry-run --Werror "${files[@]}" || { echo "format: run 'make format' to fix the files above" >&2; exit 1; }
  echo "format: ${#files[@]} files clean"
fi
