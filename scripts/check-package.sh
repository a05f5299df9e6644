#!/usr/bin/env bash
# Packs the already built tree into the .deb and checks it as an installed system would see it:
# the desktop entry (desktop-file-validate), the AppStream metadata (appstreamcli), the package
# (lintian: any error fails), then, unpacked into a throwaway root with dpkg -x, the installed
# binaries run from there with no LD_LIBRARY_PATH, the GUI lists first the libraries most of its
# symbols bind to, names a browser plugin path relative to itself that the package holds, and the
# shell completions parse and complete.
#   scripts/check-package.sh [BUILD_DIR]   (default: build; scripts/test.sh runs it)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
started=$SECONDS
unpacked="$(mktemp -d)"
trap 'rm -rf "$unpacked"' EXIT

# Nothing to do when test.sh has just built everything; cpack installs from the tree as it is.
cmake --build "$build" --target oidcplay oidcplay-cli oidcplay_cli_files -- -j"$(nproc)" >/dev/null
rm -f "$build"/packages/oidcplay_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb="$(ls "$build"/packages/oidcplay_*.deb)"
echo "check-package: $(basename "$deb")"
dpkg -x "$deb" "$unpacked"
usr="$unpacked/usr"

desktop-file-validate "$usr"/share/applications/*.desktop
# validate-tree: the metadata together with the desktop entry it launches.
appstreamcli validate-tree --no-net "$unpacked" >/dev/null
lintian --fail-on error "$deb"

"$usr/bin/oidcplay-cli" --version
env -u LD_LIBRARY_PATH QT_QPA_PLATFORM=offscreen "$usr/bin/oidcplay" --measure-startup
# The loader looks symbols up in the executable's NEEDED order: the libraries most of them bind to
# come first (app/gui/CMakeLists.txt; a shorter start-up). libcrypto is among them unless the GUI
# loads it on first use (OIDCPLAY_LAZY_CRYPTO, x86-64), when it is not NEEDED at all.
all_needed="$(readelf -d "$usr/bin/oidcplay" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')"
if printf '%s\n' "$all_needed" | grep -q '^libcrypto'; then
  expected="libQt6Core.so.6 libcrypto.so.3 libstdc++.so.6 libc.so.6 "
else
  expected="libQt6Core.so.6 libstdc++.so.6 libc.so.6 "
fi
needed="$(printf '%s\n' "$all_needed" | head -"$(echo "$expected" | wc -w)" | tr '\n' ' ')"
if [ "$needed" != "$expected" ]; then
  echo "check-package: oidcplay's first NEEDED libraries are '$needed', not '$expected'" >&2
  exit 1
fi
# The plugin is loaded on first use, not at start-up: check the paths the installed binary will
# try (ui::BrowserLoader's literals, UTF-16) reach the packaged plugin, and that it links.
plugin=""
while read -r candidate; do
  [ -f "$usr/bin/$candidate" ] && plugin="$usr/bin/$candidate"
done < <(strings -el "$usr/bin/oidcplay" | grep '^\.\./.*liboidcplay_webengine\.so$')
if [ -z "$plugin" ]; then
  echo "check-package: oidcplay looks for its browser plugin nowhere the package put it" >&2
  exit 1
fi
if ldd "$plugin" | grep -q 'not found'; then
  ldd "$plugin" | grep 'not found' >&2
  exit 1
fi

# The completions: each shell parses its file, and bash and fish complete a descope group.
bash_file="$usr/share/bash-completion/completions/oidcplay-cli"
fish_file="$usr/share/fish/vendor_completions.d/oidcplay-cli.fish"
bash -n "$bash_file"
zsh -n "$usr/share/zsh/vendor-completions/_oidcplay-cli"
fish --no-execute "$fish_file"
completed="$(bash -c 'source "$1"; COMP_WORDS=(oidcplay-cli descope to); COMP_CWORD=2; _oidcplay_cli; echo "${COMPREPLY[*]}"' _ "$bash_file")"
[ "$completed" = "totp" ] || { echo "check-package: bash completed 'descope to' as '$completed'" >&2; exit 1; }
completed="$(fish --no-config -c "source '$fish_file'; complete -C 'oidcplay-cli descope to'" | cut -f1)"
[ "$completed" = "totp" ] || { echo "check-package: fish completed 'descope to' as '$completed'" >&2; exit 1; }

echo "check-package: passed in $((SECONDS - started)) s"
