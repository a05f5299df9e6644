#!/usr/bin/env bash
# Sets up, builds (warnings are errors) and runs every test and the benchmark smoke runs; then
# the core and sandbox suites again under ASan + UBSan and a short run of every fuzz target
# (scripts/fuzz.sh, build-fuzz). Any failure, sanitizer report, leak or fuzz finding fails.
# Headless: GUI tests use the offscreen platform; servers bind 127.0.0.1 and stop by themselves.
# OIDCPLAY_SANITIZERS=0 skips the sanitizer and fuzz stages; OIDCPLAY_FUZZ_SMOKE_SECONDS (default
# 10) is each fuzz target's time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${OIDCPLAY_BUILD_DIR:-$root/build}"
OIDCPLAY_CMAKE_ARGS="-DOIDCPLAY_WARNINGS_AS_ERRORS=ON ${OIDCPLAY_CMAKE_ARGS:-}" "$root/scripts/setup.sh" "$build"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export QTWEBENGINE_DISABLE_SANDBOX=1
cd "$build"
ctest --output-on-failure --timeout 300 -j2 "$@"

[ "${OIDCPLAY_SANITIZERS:-1}" = "0" ] && exit 0
# The same clang build directory as the fuzz targets: one configure, one build.
sanitized=(oidc_tests local_http_server_tests flow_unit_tests sandbox_auth_tests sandbox_tests)
fuzz_build="${OIDCPLAY_FUZZ_BUILD_DIR:-$root/build-fuzz}"
OIDCPLAY_FUZZ_BUILD_DIR="$fuzz_build" "$root/scripts/fuzz.sh" --build "${sanitized[@]}"
[ -x /usr/bin/llvm-symbolizer-14 ] && export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14
# LeakSanitizer runs at each suite's exit; no suppressions are needed (none of Qt's or
# OpenSSL's allocations are reported).
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
logs="$fuzz_build/sanitized-logs"
mkdir -p "$logs"
run_sanitized() {
  local exe status=0
  exe="$(find "$fuzz_build/tests" -type f -name "$1" -perm -u+x | head -1)"
  (cd "$(dirname "$exe")" && "$exe" --gtest_brief=1) >"$logs/$1.log" 2>&1 || status=$?
  echo "$status" >"$logs/$1.status"
}
# Two lanes: the sandbox suite (the longest) alone, the others one after another.
run_sanitized sandbox_tests &
for suite in "${sanitized[@]}"; do
  [ "$suite" = sandbox_tests ] || run_sanitized "$suite"
done
wait
failed=0
for suite in "${sanitized[@]}"; do
  if [ "$(cat "$logs/$suite.status")" != "0" ]; then
    echo "sanitized $suite FAILED; end of its log ($logs/$suite.log):" >&2
    tail -60 "$logs/$suite.log" >&2
    failed=1
  fi
done
[ "$failed" = "0" ] || exit 1
echo "sanitized suites passed: ${sanitized[*]}"
OIDCPLAY_FUZZ_BUILD_DIR="$fuzz_build" "$root/scripts/fuzz.sh" "${OIDCPLAY_FUZZ_SMOKE_SECONDS:-10}"
