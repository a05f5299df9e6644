#!/usr/bin/env bash
# Sets up, builds what the app needs (not the tests) and starts OIDC Playground on the built-in
# sandbox provider.
# Without a display (a server, a container) it runs under Xvfb and says so.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build"
"$root/scripts/setup.sh" --app "$build"
app="$build/app/gui/oidcplay"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$app" "$@"
fi
echo "run: no display found; starting OIDC Playground under Xvfb (screen 1280x800)."
echo "run: take a screenshot with: DISPLAY=:\$(ls /tmp/.X11-unix | sed 's/X//' | tail -1) import -window root shot.png"
export QTWEBENGINE_DISABLE_SANDBOX=1
exec xvfb-run -a -s "-screen 0 1280x800x24" "$app" "$@"
