#!/usr/bin/env bash
# Sets up, builds (warnings are errors) and runs every test and the benchmark smoke runs, packs
# and checks the .deb (scripts/check-package.sh); then the core and sandbox suites again under
# ASan + UBSan and a short run of every fuzz target (scripts/fuzz.sh, build-fuzz). Any failure,
# sanitizer report, leak or fuzz finding fails.
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
# The .deb from this build: validators, lintian, and the binaries run from an unpacked root.
"$root/scripts/check-package.sh" "$build"

[ "${OIDCPLAY_SANITIZERS:-1}" = "0" ] && exit 0
# A short smoke run needs no optimised fuzzers: -O0 compiles the sanitizer build 40 % faster.
export OIDCPLAY_SANITIZE_OPT="${OIDCPLAY_SANITIZE_OPT:-0}"
"$root/scripts/fuzz.sh" --suites
"$root/scripts/fuzz.sh" "${OIDCPLAY_FUZZ_SMOKE_SECONDS:-10}"
