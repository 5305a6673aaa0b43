#!/usr/bin/env bash
# The libFuzzer harnesses of tests/fuzz (README.md): builds them with clang and the
# sanitizers in a build folder of their own, and runs them from the committed corpora.
#
#   tests/fuzz/fuzz.sh build DIR                  configure (once) and build DIR
#   tests/fuzz/fuzz.sh run DIR SECONDS [NAME...]  run each harness SECONDS from its corpus
#
# NAME: csv xlsx json_body query period (default: all). FUZZ_JOBS harnesses run at once
# (default: 2, or 1 on a single core). Inputs that libFuzzer finds interesting go to
# DIR/corpus-new/NAME, not into the repository; a crash, leak, timeout or failed check
# fails the run, which prints the input's path and how to keep it as a regression case.
# Needs Debian's clang and libclang-rt-14-dev (scripts/install-deps.sh test): a missing
# one is an error, never a skip.
set -euo pipefail

HARNESSES=(csv xlsx json_body query period attachment)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

usage() {
  echo "usage: $0 build DIR | $0 run DIR SECONDS [NAME...]" >&2
  exit 2
}
[[ $# -ge 2 ]] || usage
action=$1
dir=$2

die() {
  echo "fuzz.sh: ERROR: $*" >&2
  exit 1
}

build() {
  command -v clang++ >/dev/null 2>&1 ||
    die "clang++ is missing; install Debian's clang and libclang-rt-14-dev (scripts/install-deps.sh test)"
  local runtime
  runtime=$(clang++ -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null || true)
  if [[ "$(uname -m)" == x86_64 && ! -f "$runtime" ]]; then
    die "libFuzzer (libclang_rt.fuzzer-x86_64.a) is missing; install libclang-rt-14-dev (scripts/install-deps.sh test)"
  fi
  if [[ ! -f "$dir/CMakeCache.txt" ]]; then
    CC=clang CXX=clang++ cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHOPTAC_FUZZ=ON \
      >"$dir.configure.log" 2>&1 || {
      cat "$dir.configure.log" >&2
      die "configuring the fuzz build in $dir failed"
    }
  fi
  cmake --build "$dir" -j "${FUZZ_BUILD_JOBS:-2}"
}

run_one() {  # name seconds → exit status of the harness
  local name=$1 seconds=$2
  local binary="$dir/tests/fuzz/${name}_fuzz" corpus="$HERE/corpus/$name" fresh="$dir/corpus-new/$name"
  local options=(-max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1
                 -artifact_prefix="$dir/artifacts/$name-")
  [[ -f "$HERE/$name.dict" ]] && options+=(-dict="$HERE/$name.dict")
  mkdir -p "$fresh" "$dir/artifacts"
  # The first folder receives the new inputs; the committed corpus is only read.
  "$binary" "${options[@]}" "$fresh" "$corpus" >"$dir/logs/$name.log" 2>&1
}

summary() {  # name status
  local log="$dir/logs/$1.log" runs cov
  runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  if [[ $2 -eq 0 ]]; then
    printf 'fuzz: %-9s ok      %9s runs, coverage %s edges, corpus %s files (+%s new)\n' "$1" "${runs:-?}" \
      "${cov:-?}" "$(ls "$HERE/corpus/$1" | wc -l)" "$(ls "$dir/corpus-new/$1" | wc -l)"
  else
    local artifact
    artifact=$(grep -o "Test unit written to [^ ]*" "$log" | tail -1 | cut -d' ' -f5)
    printf 'fuzz: %-9s FAILED  (exit %s) after %s runs\n' "$1" "$2" "${runs:-?}"
    echo "----- $log (last 60 lines) -----"
    tail -n 60 "$log"
    echo "-----"
    if [[ -n "$artifact" ]]; then
      echo "The input: $artifact"
      echo "Reproduce: $dir/tests/fuzz/$1_fuzz $artifact"
      echo "Once fixed, keep it as a regression case: cp $artifact tests/fuzz/corpus/$1/regression-<what>"
    fi
  fi
}

case "$action" in
  build) build ;;
  run)
    [[ $# -ge 3 && $3 =~ ^[0-9]+$ && $3 -gt 0 ]] || usage
    seconds=$3
    shift 3
    names=("$@")
    [[ ${#names[@]} -gt 0 ]] || names=("${HARNESSES[@]}")
    for name in "${names[@]}"; do
      [[ " ${HARNESSES[*]} " == *" $name "* ]] || die "no harness '$name' (${HARNESSES[*]})"
      [[ -x "$dir/tests/fuzz/${name}_fuzz" ]] || die "$dir/tests/fuzz/${name}_fuzz is missing; run '$0 build $dir' first"
    done
    jobs=${FUZZ_JOBS:-$(($(nproc) > 1 ? 2 : 1))}
    mkdir -p "$dir/logs"
    echo "fuzz: ${names[*]}: ${seconds} s each, $jobs at a time"
    declare -A pid_of status_of
    running=0
    for name in "${names[@]}"; do
      if [[ $running -ge $jobs ]]; then
        wait -n || true
        running=$((running - 1))
      fi
      run_one "$name" "$seconds" &
      pid_of[$name]=$!
      running=$((running + 1))
    done
    failed=0
    for name in "${names[@]}"; do
      status=0
      wait "${pid_of[$name]}" || status=$?
      status_of[$name]=$status
      [[ $status -eq 0 ]] || failed=1
    done
    for name in "${names[@]}"; do summary "$name" "${status_of[$name]}"; done
    exit $failed
    ;;
  *) usage ;;
esac
