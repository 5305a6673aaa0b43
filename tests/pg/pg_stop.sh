#!/usr/bin/env bash
# Stops the test PostgreSQL server started by tests/pg/pg_start.sh DIR (CTest
# fixture cleanup) and removes DIR. Harmless when nothing runs there.
#
#   tests/pg/pg_stop.sh DIR
set -uo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
DIR=$1
[[ -d "$DIR" ]] || exit 0

WORK=$DIR
[[ -f "$DIR/workdir" ]] && WORK=$(cat "$DIR/workdir")
PG_BIN=/usr/lib/postgresql/15/bin
[[ -f "$DIR/pg_bin" ]] && PG_BIN=$(cat "$DIR/pg_bin")

AS=()
if [[ $(id -u) -eq 0 ]]; then AS=(runuser -u postgres --); fi

status=0
if [[ -f "$WORK/data/postmaster.pid" ]]; then
  if ! "${AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/data" stop -m fast -w -t 60; then
    echo "pg_stop.sh: fast shutdown failed; stopping immediately" >&2
    "${AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/data" stop -m immediate -w -t 30 || status=1
  fi
fi
if [[ "$WORK" != "$DIR" && "$WORK" == /tmp/hoptac-pg-* ]]; then rm -rf "$WORK"; fi
rm -rf "$DIR"
exit $status
