#!/usr/bin/env bash
# Writes app/gui/startup-order.txt: the executable's functions that oidcplay runs before its first
# frame, then those it runs until the sandbox serves, in lld --symbol-ordering-file form (mangled
# names, one per line). lld places them first and together in .text, so the pages the start-up
# touches are few and adjacent (issue 7: the kernel maps 64 KB around each page fault).
#
#   bench/startup/order.sh BUILD_DIR
#
# Runs `oidcplay --measure-startup` once under callgrind (Xvfb or the offscreen platform), dumping
# the profile when the first frame is shown (ui::StartupProbe::firstFrameShown). A stale list only
# costs start-up pages, never correctness (unknown names are ignored); rerun it after start-up
# changes, and check the figures with bench/startup/run.sh.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
BUILD_DIR=$(cd "$1" && pwd)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
APP=$BUILD_DIR/app/gui/oidcplay
[[ -x $APP ]] || { echo "order.sh: $APP not found (build it first)" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "order.sh: valgrind is needed" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -m 700 "$WORK/runtime" "$WORK/config" "$WORK/data"
export XDG_RUNTIME_DIR=$WORK/runtime XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data
run=(valgrind --tool=callgrind --demangle=no --dump-before='_ZN2ui12StartupProbe15firstFrameShownEv'
     --callgrind-out-file="$WORK/cg.%p" "$APP" --measure-startup)
if command -v xvfb-run >/dev/null; then
    xvfb-run -a -s "-screen 0 1280x800x24" "${run[@]}" >/dev/null 2>"$WORK/log" || true
else
    QT_QPA_PLATFORM=offscreen "${run[@]}" >/dev/null 2>"$WORK/log" || true
fi
python3 - "$APP" "$WORK" >"$ROOT/app/gui/startup-order.txt" <<'PY'
import glob, re, sys
app, work = sys.argv[1], sys.argv[2]
def functions(path):
    names, files, current, seen = {}, {}, None, []
    for line in open(path, errors="replace"):
        m = re.match(r"^(c?ob)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if m:
            if m.group(3):
                names[m.group(2)] = m.group(3)
            if m.group(1) == "ob":
                current = names.get(m.group(2))
            continue
        # A function is named once per file, where it first appears: as fn= or as a callee (cfn=).
        m = re.match(r"^(c?fn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if m:
            if m.group(3):
                files[m.group(2)] = m.group(3)
            name = files.get(m.group(2))
            if m.group(1) == "fn" and current == app and name and not name.startswith("0x"):
                seen.append(name)
    return seen
# The app's process is the one that dumped at its first frame (cg.PID.1, …); its last part is cg.PID.
def part(path):
    tail = path.rsplit("/cg.", 1)[1].split(".")
    return int(tail[0]), (int(tail[1]) if len(tail) > 1 else 1 << 30)
parts = [(part(p), p) for p in glob.glob(work + "/cg.*")]
dumped = {pid for (pid, number), _ in parts if number < (1 << 30)}
if len(dumped) != 1:
    sys.exit("order.sh: no single process dumped at its first frame: %s" % sorted(p for _, p in parts))
dumps = [p for (pid, number), p in sorted(parts) if pid in dumped]
order, done = [], set()
for path in dumps:  # the dump at the first frame comes first, then the rest of the run
    for name in functions(path):
        if name not in done:
            done.add(name)
            order.append(name)
print("\n".join(order))
PY
echo "order.sh: $(wc -l <"$ROOT/app/gui/startup-order.txt") functions in app/gui/startup-order.txt"
