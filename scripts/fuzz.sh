#!/usr/bin/env bash
# The sanitizer build (issue 14): clang++-14, ASan + UBSan with -fno-sanitize-recover=all, in
# $OIDCPLAY_FUZZ_BUILD_DIR (default build-fuzz). One configure and one build serve both uses:
#   scripts/fuzz.sh [seconds] [target…]   fuzz each target (default: every tests/fuzz/corpus/*)
#                                          for `seconds` (default 60), two at a time
#                                          ($OIDCPLAY_FUZZ_JOBS changes that)
#   scripts/fuzz.sh --suites              run the core and sandbox test suites in that build
#   scripts/fuzz.sh --build               only configure and build (scripts/test.sh runs it beside ctest)
# OIDCPLAY_SANITIZE_OPT=0 builds at -O0 (40 % less compiling, slower fuzzing; the CI run's choice).
# Fuzzing starts from the committed seeds (tests/fuzz/corpus/<target>) and keeps what it learns
# in <build>/fuzz-corpus/<target>. A crash, leak, timeout, sanitizer report or violated property
# stops a target and leaves its input in <build>/fuzz-artifacts/<target>/. Any failure: exit 1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${OIDCPLAY_FUZZ_BUILD_DIR:-$root/build-fuzz}"
jobs="${OIDCPLAY_FUZZ_JOBS:-2}"
suites=(oidc_tests oidc_webauthn_tests flow_unit_tests descope_unit_tests descope_sandbox_tests sandbox_auth_tests sandbox_tests)

configure_and_build() {
  local generator=()
  [ -f "$build/CMakeCache.txt" ] || generator=(-G Ninja)
  # Debug keeps assertions on; the top level adds -O1 for the sanitizer build. Line tables are
  # all a symbolized report needs, and much cheaper to compile and link than full debug info.
  # ccache as in setup.sh (OIDCPLAY_CCACHE=0 builds without)
  local ccache=(-UCMAKE_CXX_COMPILER_LAUNCHER -DOIDCPLAY_CCACHE="$([ "${OIDCPLAY_CCACHE:-1}" = "0" ] && echo OFF || echo ON)")
  cmake -S "$root" -B "$build" "${generator[@]}" "${ccache[@]}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-gline-tables-only \
    -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
    -DOIDCPLAY_FUZZ=ON -DOIDCPLAY_SANITIZE_OPT="${OIDCPLAY_SANITIZE_OPT:-1}" -DOIDCPLAY_WARNINGS_AS_ERRORS=ON -DOIDCPLAY_BUILD_TESTS=ON -DOIDCPLAY_BUILD_BENCHMARKS=OFF -DOIDCPLAY_WITH_WEBENGINE=OFF \
    ${OIDCPLAY_FUZZ_CMAKE_ARGS:-} >/dev/null
  # The suites too, so that a fuzz run and a suite run never rebuild for each other.
  cmake --build "$build" --target fuzzers "${suites[@]}" -- -j"$(nproc)"
}

# Every report is fatal and symbolized. LeakSanitizer needs no suppressions: neither Qt nor
# OpenSSL allocations are reported.
[ -x /usr/bin/llvm-symbolizer-14 ] && export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

# Runs `name` (a function) for each argument, `jobs` at a time; each call records its exit
# status in $logs/<argument>.status. Prints the arguments that failed.
parallel() {
  local name="$1" running=0 item
  shift
  for item in "$@"; do
    rm -f "$logs/$item.status"
    if [ "$running" -ge "$jobs" ]; then
      wait -n
      running=$((running - 1))
    fi
    "$name" "$item" &
    running=$((running + 1))
  done
  wait
  for item in "$@"; do
    [ "$(cat "$logs/$item.status" 2>/dev/null)" = "0" ] || echo "$item"
  done
}

report_failures() {
  local what="$1" item
  shift
  for item in "$@"; do
    echo "$what $item FAILED; end of $logs/$item.log:" >&2
    tail -60 "$logs/$item.log" >&2
  done
}

if [ "${1:-}" = "--build" ]; then
  configure_and_build
  exit 0
fi

if [ "${1:-}" = "--suites" ]; then
  configure_and_build
  logs="$build/suite-logs"
  mkdir -p "$logs"
  # Stack-use-after-return and init-order checks on top: async code captures by reference.
  export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
  run_suite() {
    local exe status=0
    exe="$(find "$build/tests" -type f -name "$1" -perm -u+x | head -1)"
    (cd "$(dirname "$exe")" && "$exe" --gtest_brief=1) >"$logs/$1.log" 2>&1 || status=$?
    echo "$status" >"$logs/$1.status"
  }
  # The longest suite first, so that the others share the second lane.
  mapfile -t failed < <(parallel run_suite sandbox_tests descope_sandbox_tests oidc_tests flow_unit_tests descope_unit_tests sandbox_auth_tests oidc_webauthn_tests)
  if [ ${#failed[@]} -gt 0 ]; then
    report_failures "sanitized suite" "${failed[@]}"
    exit 1
  fi
  echo "sanitized suites passed: ${suites[*]}"
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
for target in "${targets[@]}"; do
  if [ ! -x "$build/fuzz/$target" ]; then
    echo "fuzz: no target $target (see tests/fuzz/CMakeLists.txt)" >&2
    exit 2
  fi
done
logs="$build/fuzz-logs"
mkdir -p "$logs"
# Leaks are checked per input (libFuzzer's -detect_leaks).
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:symbolize=1"

fuzz_one() {
  local target="$1" corpus="$build/fuzz-corpus/$1" artifacts="$build/fuzz-artifacts/$1/"
  local dict=() dictFile="$root/tests/fuzz/dict/$1.dict" status=0
  [ -f "$dictFile" ] && dict=(-dict="$dictFile")
  mkdir -p "$corpus" "$artifacts"
  # -timeout: one input taking 10 s is a finding; -rss_limit_mb: so is 2 GB of memory.
  "$build/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$artifacts" "${dict[@]}" "$corpus" "$root/tests/fuzz/corpus/$target" \
    >"$logs/$target.log" 2>&1 || status=$?
  echo "$status" >"$logs/$target.status"
}
mapfile -t failed < <(parallel fuzz_one "${targets[@]}")

printf '%-26s %12s %10s %8s\n' target executions exec/s corpus
for target in "${targets[@]}"; do
  log="$logs/$target.log"
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  size="$(find "$build/fuzz-corpus/$target" -type f | wc -l)"
  printf '%-26s %12s %10s %8s\n' "$target" "${runs:--}" "${rate:--}" "$size"
done
if [ ${#failed[@]} -gt 0 ]; then
  report_failures "fuzz target (input in $build/fuzz-artifacts/)" "${failed[@]}"
  exit 1
fi
