#!/usr/bin/env bash
# Two hoptac binaries (e.g. before and after a refactor, same build type) on the same data,
# alternating old and new every round so that machine noise hits both alike; prints the
# medians and new/old ratios. Demo scale 1 (106,330 entities) in temporary SQLite files.
# Usage: bench/compare_binaries.sh OLD_BINARY NEW_BINARY [ROUNDS]   (results in docs/perf.md)
set -euo pipefail
OLD="$1"; NEW="$2"; ROUNDS="${3:-5}"
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cd "$dir"
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || echo "bench: failed: $*" >&2; e=$(date +%s.%N); python3 -c "print(f'{$e-$s:.2f}')"; }
for r in $(seq 1 "$ROUNDS"); do
  for v in old new; do
    B=$OLD; [ "$v" = new ] && B=$NEW
    rm -f "$v".db* "$v"-imp.db* "$v".csv "$v".xlsx "$v"-r.db* "$v"-report.xlsx
    d=$(t "$B" demo --scale 1 --db "sqlite:$v.db")
    e=$(t "$B" export entities "$v.csv" --db "sqlite:$v.db")
    x=$(t "$B" export entities "$v.xlsx" --db "sqlite:$v.db")
    i=$(t "$B" import entities "$v.csv" --skip-bad-rows --db "sqlite:$v-imp.db")
    s=$(t "$B" stats entities --group-by province,kind --db "sqlite:$v.db" --format csv)
    echo "$r $v demo=$d export_csv=$e export_xlsx=$x import=$i stats_cli=$s"
  done
done | tee results.txt
python3 - results.txt <<'PY'
import statistics, sys
res = {}
for line in open(sys.argv[1]):
    parts = line.split()
    for kv in parts[2:]:
        k, x = kv.split('=')
        res.setdefault((k, parts[1]), []).append(float(x))
for k in ['demo', 'export_csv', 'export_xlsx', 'import', 'stats_cli']:
    o, n = statistics.median(res[(k, 'old')]), statistics.median(res[(k, 'new')])
    print(f"{k}: old {o:.2f} s, new {n:.2f} s, new/old {n/o:.2f}")
PY
