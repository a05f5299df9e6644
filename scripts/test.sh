#!/usr/bin/env bash
# Sets up, builds (warnings are errors) and runs every test and the benchmark smoke runs, packs
# and checks the .deb (scripts/check-package.sh); then the core and sandbox suites again under
# ASan + UBSan and a short run of every fuzz target (scripts/fuzz.sh, build-fuzz, built while the
# tests run). Any failure, sanitizer report, leak or fuzz finding fails.
# Headless: GUI tests use the offscreen platform; servers bind 127.0.0.1 and stop by themselves.
# OIDCPLAY_SANITIZERS=0 skips the sanitizer and fuzz stages; OIDCPLAY_FUZZ_SMOKE_SECONDS (default
# 10) is each fuzz target's time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${OIDCPLAY_BUILD_DIR:-$root/build}"
OIDCPLAY_CMAKE_ARGS="-DOIDCPLAY_WARNINGS_AS_ERRORS=ON ${OIDCPLAY_CMAKE_ARGS:-}" "$root/scripts/setup.sh" "$build"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export QTWEBENGINE_DISABLE_SANDBOX=1
sanitizers="${OIDCPLAY_SANITIZERS:-1}"
# A short smoke run needs no optimised fuzzers: -O0 compiles the sanitizer build 40 % faster.
export OIDCPLAY_SANITIZE_OPT="${OIDCPLAY_SANITIZE_OPT:-0}"
sanitizer_build=""
if [ "$sanitizers" != "0" ]; then
  # Most tests wait (servers, timers, node, Chromium) and leave the CPU half idle: the sanitizer
  # build runs beside them at the lowest priority (nice 19), so it takes only what they leave and
  # no test sees the load. Its own process group, stopped if this script stops early.
  sanitizer_log="$build/sanitizer-build.log"
  setsid nice -n 19 "$root/scripts/fuzz.sh" --build >"$sanitizer_log" 2>&1 &
  sanitizer_build=$!
  trap '[ -n "$sanitizer_build" ] && kill -- -"$sanitizer_build" 2>/dev/null; true' EXIT
fi
cd "$build"
# Most tests wait (their servers, real timers, node, Chromium) more than they compute: one job more
# than the machine has cores fills those waits. On the 2-core CI machine class, the whole suite
# (warm build): 229 s with 2 jobs, 177 s with 3, 167 s with 4, every test passing each time.
ctest --output-on-failure --timeout 300 -j"$(( $(nproc) + 1 ))" "$@"
# The .deb from this build: validators, lintian, and the binaries run from an unpacked root.
"$root/scripts/check-package.sh" "$build"

[ "$sanitizers" = "0" ] && exit 0
if ! wait "$sanitizer_build"; then
  sanitizer_build=""
  echo "test: the sanitizer build failed; end of $sanitizer_log:" >&2
  tail -60 "$sanitizer_log" >&2
  exit 1
fi
sanitizer_build=""
"$root/scripts/fuzz.sh" --suites
"$root/scripts/fuzz.sh" "${OIDCPLAY_FUZZ_SMOKE_SECONDS:-10}"
