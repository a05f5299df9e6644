#!/usr/bin/env bash
# Renders the application icon's PNGs (the sizes desktops ask for) from the SVG beside this file.
# Run it after changing the SVG and commit the PNGs: the build and the package take them as they
# are, so building needs no SVG renderer. Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for size in 16 24 32 48 64 128 256; do
  rsvg-convert -w "$size" -h "$size" "$here/io.github.oidcplay.OidcPlayground.svg" -o "$here/oidcplay-$size.png"
done
