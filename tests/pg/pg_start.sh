#!/usr/bin/env bash
# Starts a private PostgreSQL server for the tests (the CTest fixture "postgres").
#
#   tests/pg/pg_start.sh DIR
#
# initdb into DIR/data (trust authentication, loopback only, fsync off), starts
# the server on a free port of 127.0.0.1 with its Unix socket inside DIR, creates
# the database hoptac_test and writes its URL to DIR/url:
#   postgresql://postgres@127.0.0.1:PORT/hoptac_test
# As root (CI), initdb and the server run as the `postgres` system user. A server
# left running in DIR by an earlier run is stopped first. When PostgreSQL is
# missing or does not start, this prints the reason and the server log and exits
# non-zero: the PostgreSQL tests then fail, they are never skipped.
# tests/pg/pg_stop.sh DIR stops the server and removes DIR.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi

LOG=""
die() {
  {
    echo
    echo "======================================================================"
    echo "pg_start.sh: ERROR: $*"
    if [[ -n "$LOG" && -s "$LOG" ]]; then
      echo "----- $LOG -----"
      tail -n 100 "$LOG"
      echo "-----"
    fi
    echo "The PostgreSQL tests cannot run (they are not skipped)."
    echo "======================================================================"
  } >&2
  exit 1
}

mkdir -p "$1"
DIR=$(cd "$1" && pwd)

# The server binaries: HOPTAC_PG_BIN, else PostgreSQL 15, else the newest installed.
PG_BIN=${HOPTAC_PG_BIN:-}
if [[ -z "$PG_BIN" ]]; then
  for candidate in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -Vr); do
    if [[ -x "$candidate/initdb" ]]; then
      PG_BIN=$candidate
      break
    fi
  done
fi
if [[ -z "$PG_BIN" ]] && command -v pg_config >/dev/null 2>&1; then
  PG_BIN=$(pg_config --bindir)
fi
for tool in initdb pg_ctl postgres pg_isready createdb; do
  [[ -n "$PG_BIN" && -x "$PG_BIN/$tool" ]] ||
    die "PostgreSQL server program '$tool' not found (looked in /usr/lib/postgresql/*/bin;" \
        "set HOPTAC_PG_BIN). Install the Debian package 'postgresql'."
done

# initdb refuses to run as root: run the server as the postgres system user then.
AS=()
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 ||
    die "running as root, but there is no 'postgres' system user to run the server as"
  AS=(runuser -u postgres --)
fi

# Stop a server left by an earlier run (this script is idempotent).
stop_previous() {
  local work=$DIR
  [[ -f "$DIR/workdir" ]] && work=$(cat "$DIR/workdir")
  if [[ -f "$work/data/postmaster.pid" ]]; then
    echo "pg_start.sh: stopping the server left running in $work/data"
    "${AS[@]}" "$PG_BIN/pg_ctl" -D "$work/data" stop -m fast -w -t 30 >/dev/null 2>&1 ||
      "${AS[@]}" "$PG_BIN/pg_ctl" -D "$work/data" stop -m immediate -w -t 30 >/dev/null 2>&1 || true
  fi
  if [[ "$work" != "$DIR" && "$work" == /tmp/hoptac-pg-* ]]; then rm -rf "$work"; fi
  rm -rf "$DIR/data" "$DIR/sock" "$DIR/log" "$DIR/initdb.log" "$DIR/url" "$DIR/workdir" "$DIR/pg_bin"
}
stop_previous

# Where the server writes: DIR itself when the server user can write there and the
# socket path stays under the Unix limit (107 bytes), else a folder in /tmp.
WORK=$DIR
if [[ ${#AS[@]} -gt 0 ]]; then chown postgres: "$DIR"; fi
if ! "${AS[@]}" test -w "$DIR" || [[ ${#DIR} -gt 80 ]]; then
  WORK=$(mktemp -d /tmp/hoptac-pg-XXXXXX)
  if [[ ${#AS[@]} -gt 0 ]]; then chown postgres: "$WORK"; fi
  echo "$WORK" >"$DIR/workdir"
fi
echo "$PG_BIN" >"$DIR/pg_bin"
DATA=$WORK/data
SOCK=$WORK/sock
LOG=$WORK/log
"${AS[@]}" mkdir -p "$SOCK"

LOG=$WORK/initdb.log
"${AS[@]}" "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C \
  --no-sync >"$LOG" 2>&1 || die "initdb failed (as ${AS[*]:-$(id -un)})"
LOG=$WORK/log

# Trust on loopback only; no other host may connect.
"${AS[@]}" tee "$DATA/pg_hba.conf" >/dev/null <<HBA
# hoptac tests: trust, loopback only
local all all trust
host  all all 127.0.0.1/32 trust
HBA
"${AS[@]}" tee -a "$DATA/postgresql.conf" >/dev/null <<CONF

# hoptac tests (tests/pg/pg_start.sh)
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCK'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 32MB
max_connections = 200
max_wal_size = 1GB
log_min_messages = warning
log_line_prefix = '%m [%p] '
CONF

free_port() {
  if python3 -c 'import socket' >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo $((20000 + RANDOM % 40000))
}

PORT=""
for attempt in 1 2 3 4 5; do
  candidate=$(free_port)
  echo "port = $candidate" | "${AS[@]}" tee -a "$DATA/postgresql.conf" >/dev/null
  if "${AS[@]}" "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null 2>&1; then
    PORT=$candidate
    break
  fi
  if grep -qE 'could not bind|Address already in use|could not create any TCP/IP sockets' "$LOG" 2>/dev/null; then
    echo "pg_start.sh: port $candidate is taken (attempt $attempt), trying another" >&2
    continue
  fi
  die "the PostgreSQL server did not start"
done
[[ -n "$PORT" ]] || die "no free port found for the PostgreSQL server after 5 attempts"

"$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -t 30 >/dev/null ||
  die "the server does not answer on 127.0.0.1:$PORT"
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres hoptac_test >>"$LOG" 2>&1 ||
  die "cannot create the database hoptac_test"

echo "postgresql://postgres@127.0.0.1:$PORT/hoptac_test" >"$DIR/url"
echo "pg_start.sh: $("$PG_BIN/postgres" --version) on 127.0.0.1:$PORT, data in $DATA"
echo "pg_start.sh: url $(cat "$DIR/url")"
