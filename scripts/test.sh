#!/usr/bin/env bash
# Sets up, builds (warnings are errors) and runs every test and the benchmark smoke runs.
# Headless: GUI tests use the offscreen platform; servers bind 127.0.0.1 and stop by themselves.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${OIDCPLAY_BUILD_DIR:-$root/build}"
OIDCPLAY_CMAKE_ARGS="-DOIDCPLAY_WARNINGS_AS_ERRORS=ON ${OIDCPLAY_CMAKE_ARGS:-}" "$root/scripts/setup.sh" "$build"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export QTWEBENGINE_DISABLE_SANDBOX=1
cd "$build"
ctest --output-on-failure --timeout 300 -j2 "$@"
