#!/usr/bin/env bash
# The sanitizer build and the fuzz targets (issue 14).
#   scripts/fuzz.sh [seconds] [target…]   fuzz each target (default: all in tests/fuzz/corpus/)
#                                          for `seconds` (default 60), two at a time
#   scripts/fuzz.sh --build [target…]     only configure and build: the fuzz targets plus the
#                                          given CMake targets (scripts/test.sh builds its
#                                          sanitized suites here, in the same directory)
# The build directory ($OIDCPLAY_FUZZ_BUILD_DIR, default build-fuzz) uses clang++-14 with
# ASan + UBSan (-fno-sanitize-recover=all) and libFuzzer's coverage on every library. Each run
# starts from the committed seeds (tests/fuzz/corpus/<target>) and keeps what it learns in
# <build>/fuzz-corpus/<target>; a crash, leak, timeout or sanitizer report stops the target and
# leaves its input in <build>/fuzz-artifacts/<target>/. Exit status 1 when any target failed.
# $OIDCPLAY_FUZZ_JOBS changes how many run at once.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${OIDCPLAY_FUZZ_BUILD_DIR:-$root/build-fuzz}"
jobs="${OIDCPLAY_FUZZ_JOBS:-2}"

configure_and_build() {
  local generator=()
  [ -f "$build/CMakeCache.txt" ] || generator=(-G Ninja)
  # Debug keeps assertions on; the top level adds -O1 -g for the sanitizer build.
  cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
    -DOIDCPLAY_FUZZ=ON -DOIDCPLAY_BUILD_TESTS=ON -DOIDCPLAY_BUILD_BENCHMARKS=OFF -DOIDCPLAY_WITH_WEBENGINE=OFF \
    ${OIDCPLAY_FUZZ_CMAKE_ARGS:-} >/dev/null
  cmake --build "$build" --target fuzzers "$@" -- -j"$(nproc)"
}

if [ "${1:-}" = "--build" ]; then
  shift
  configure_and_build "$@"
  exit 0
fi

seconds=60
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  seconds="$1"
  shift
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for dir in "$root"/tests/fuzz/corpus/*/; do targets+=("$(basename "$dir")"); done
fi
configure_and_build

# Every report is fatal and symbolized; leaks are reported per input (libFuzzer's -detect_leaks)
# and need no suppressions (neither Qt nor OpenSSL leaks here).
[ -x /usr/bin/llvm-symbolizer-14 ] && export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:symbolize=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

logs="$build/fuzz-logs"
mkdir -p "$logs"

fuzz_one() {
  local target="$1" corpus="$build/fuzz-corpus/$1" artifacts="$build/fuzz-artifacts/$1/"
  local dict=() dictFile="$root/tests/fuzz/dict/$1.dict"
  [ -f "$dictFile" ] && dict=(-dict="$dictFile")
  mkdir -p "$corpus" "$artifacts"
  # -timeout: one input taking 10 s is a finding; -rss_limit_mb: so is 2 GB of memory.
  local status=0
  "$build/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$artifacts" "${dict[@]}" "$corpus" "$root/tests/fuzz/corpus/$target" \
    >"$logs/$target.log" 2>&1 || status=$?
  echo "$status" >"$logs/$target.status"
}

for target in "${targets[@]}"; do
  if [ ! -x "$build/fuzz/$target" ]; then
    echo "fuzz: no target $target (see tests/fuzz/CMakeLists.txt)" >&2
    exit 2
  fi
  rm -f "$logs/$target.status"
done
running=0
for target in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
  fuzz_one "$target" &
  running=$((running + 1))
done
wait
failed=()
for target in "${targets[@]}"; do
  [ "$(cat "$logs/$target.status" 2>/dev/null)" = "0" ] || failed+=("$target")
done

printf '%-26s %12s %10s %8s\n' target executions exec/s corpus
for target in "${targets[@]}"; do
  log="$logs/$target.log"
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  size="$(find "$build/fuzz-corpus/$target" -type f | wc -l)"
  printf '%-26s %12s %10s %8s\n' "$target" "${runs:--}" "${rate:--}" "$size"
done
if [ ${#failed[@]} -gt 0 ]; then
  for target in "${failed[@]}"; do
    echo "fuzz: $target FAILED (input in $build/fuzz-artifacts/$target/); end of its log:" >&2
    tail -40 "$logs/$target.log" >&2
  done
  exit 1
fi
