#!/usr/bin/env bash
# Installs what is missing (Debian packages, npm test peers), then configures and builds.
# Idempotent: a second run installs nothing and only rebuilds what changed.
#   scripts/setup.sh [--app | --package] [BUILD_DIR]   (default: build)
# --app builds only what run.sh starts (oidcplay and its browser plugin); --package what the
# package holds (that, and oidcplay-cli with its completions and manual pages); neither builds the
# tests and benchmarks. The same build directory later builds the rest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
targets=()
if [ "${1:-}" = "--app" ]; then
  targets=(--target oidcplay)
  shift
elif [ "${1:-}" = "--package" ]; then
  targets=(--target oidcplay oidcplay-cli oidcplay_cli_files)
  shift
fi
build="${1:-$root/build}"

# What the build uses; qtkeychain-qt6-dev for the secrets' keychain (secrets/), and gnome-keyring
# with dbus-daemon (dbus-run-session) for its test against a real Secret Service;
# clang-14 (the compiler of the build, below), its runtime and llvm-14 (the symbolizer) for the fuzz and sanitizer build
# (scripts/fuzz.sh); Xvfb and friends for the GUI tests and for looking at the app; chromium for
# the Passkeys area's system-browser test and benchmark (headless, driven by puppeteer-core);
# dpkg-dev, lintian, desktop-file-utils, appstream, zsh and fish for the package check
# (scripts/check-package.sh: dpkg-shlibdeps, the validators, the completions' syntax); xdg-utils
# for the private-use scheme hand-over test (xdg-mime, xdg-open through the desktop entry).
packages=(
  build-essential cmake ninja-build pkg-config ccache lld
  qt6-base-dev qt6-base-dev-tools qt6-webengine-dev
  libgl-dev nlohmann-json3-dev libssl-dev libcbor-dev libqrencode-dev zlib1g-dev
  qtkeychain-qt6-dev gnome-keyring dbus-daemon libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev llvm-14
  xvfb xauth xdotool imagemagick fonts-dejavu-core
  chromium
  dpkg-dev lintian desktop-file-utils appstream zsh fish
)
command -v xdg-open >/dev/null 2>&1 || packages+=(xdg-utils)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm test peers (panva's jose, oidc-provider, openid-client, puppeteer-core): reinstalled only when the lockfile changed.
node_dir="$root/tests/node"
if [ ! -f "$node_dir/node_modules/.package-lock.json" ] || [ "$node_dir/package-lock.json" -nt "$node_dir/node_modules/.package-lock.json" ]; then
  echo "setup: npm ci in tests/node"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi

# ccache (CMakeLists.txt: objects in ~/.cache/ccache, shared by build directories and clones) when
# installed; OIDCPLAY_CCACHE=0 builds without it.
ccache=(-UCMAKE_CXX_COMPILER_LAUNCHER -DOIDCPLAY_CCACHE="$([ "${OIDCPLAY_CCACHE:-1}" = "0" ] && echo OFF || echo ON)")

# A new build directory is Ninja and clang++-14 (installed above for the sanitizer build): a fresh
# build takes a fifth less CPU than with g++ (783 vs ~990 CPU-s, test files compile ~40 % faster);
# OIDCPLAY_CXX=g++ (or any compiler) chooses another. An existing directory keeps its compiler.
generator=()
if [ ! -f "$build/CMakeCache.txt" ]; then
  generator=(-G Ninja -DCMAKE_CXX_COMPILER="${OIDCPLAY_CXX:-clang++-14}")
fi
cmake -S "$root" -B "$build" "${generator[@]}" "${ccache[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DOIDCPLAY_BUILD_TESTS=ON -DOIDCPLAY_BUILD_BENCHMARKS=ON ${OIDCPLAY_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" "${targets[@]}" -- -j"$(nproc)"
