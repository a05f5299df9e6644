#!/usr/bin/env bash
# Start-up benchmark: first paint and resident memory of oidcplay against a minimal Qt Widgets
# baseline, both measured by ui::StartupProbe (--measure-startup) in the same run, and the time
# until oidcplay's built-in sandbox serves (it starts after the first frame).
#
#   bench/startup/run.sh BUILD_DIR [RUNS]      (RUNS defaults to 7)
#
# Runs under its own Xvfb server (or the offscreen platform when Xvfb is missing). Each program is
# started through oidcplay-launch, which sets OIDCPLAY_LAUNCH_NS from CLOCK_MONOTONIC right before
# exec. One warm-up run of each is discarded (font and disk caches), then the two programs
# alternate. Prints medians, the ratios oidcplay / baseline (the figures that matter on a shared,
# noisy machine: both programs see the same load) and remarks against the targets (ratios <= 1.3,
# sandbox serving within 1 s of process start, first paint <= 150 ms, RSS <= 60 MB). The CPU time
# (user + system, ms) spent by the first paint is shown too: it varies much less with the load; and
# when main() was reached (ms after process start): what the dynamic loader took, which no code of
# the program can move (the libraries it links are mapped and relocated before main()); and the page
# faults taken by the first paint: on a virtual machine a fault costs 10-40 µs (15 µs for a copied or
# zeroed page, 25-40 µs for a 64 KB window of a mapped file, measured on the CI machine class), so
# their count explains much of a first paint that instructions do not.
# Figures never fail the run. Exit status is non-zero only when a program fails to report.
set -euo pipefail

usage() { echo "usage: $0 BUILD_DIR [RUNS]" >&2; exit 2; }
[[ $# -ge 1 ]] || usage
BUILD_DIR=$1
RUNS=${2:-7}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || usage

TARGET_PAINT_MS=150
TARGET_RSS_MB=60
TARGET_RATIO=1.3
TARGET_SANDBOX_MS=1000

find_binary() { # NAME DEFAULT_PATH [ENV_OVERRIDE]
    local name=$1 default=$2 override=${3:-}
    if [[ -n $override && -x $override ]]; then echo "$override"; return; fi
    if [[ -x $default ]]; then echo "$default"; return; fi
    local found
    found=$(find "$BUILD_DIR" -type f -name "$name" -perm -u+x 2>/dev/null | head -n 1)
    [[ -n $found ]] || { echo "run.sh: $name not found under $BUILD_DIR (build it first)" >&2; exit 2; }
    echo "$found"
}
APP=$(find_binary oidcplay "$BUILD_DIR/app/gui/oidcplay" "${OIDCPLAY_BIN:-}")
BASELINE=$(find_binary oidcplay-startup-baseline "$BUILD_DIR/bench/startup/oidcplay-startup-baseline" "${OIDCPLAY_BASELINE_BIN:-}")
LAUNCH=$(find_binary oidcplay-launch "$BUILD_DIR/bench/startup/oidcplay-launch" "${OIDCPLAY_LAUNCH_BIN:-}")

WORK=$(mktemp -d)
XVFB_PID=
cleanup() {
    if [[ -n $XVFB_PID ]]; then
        kill "$XVFB_PID" 2>/dev/null || true
        wait "$XVFB_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# Quiet, self-contained environment: no session bus, no user settings (oidcplay starts as on a
# first run, and the user's settings are never touched), a private runtime dir.
mkdir -m 700 "$WORK/runtime" "$WORK/config" "$WORK/data"
export XDG_RUNTIME_DIR=$WORK/runtime XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data
unset OIDCPLAY_LAUNCH_NS WAYLAND_DISPLAY

if command -v Xvfb >/dev/null 2>&1; then
    # -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$WORK/display" 2>"$WORK/xvfb.log" &
    XVFB_PID=$!
    for _ in $(seq 1 200); do
        [[ -s $WORK/display ]] && break
        kill -0 "$XVFB_PID" 2>/dev/null || { echo "run.sh: Xvfb failed to start:" >&2; cat "$WORK/xvfb.log" >&2; exit 1; }
        sleep 0.05
    done
    [[ -s $WORK/display ]] || { echo "run.sh: Xvfb did not report a display" >&2; exit 1; }
    export DISPLAY=":$(head -n 1 "$WORK/display")"
    export QT_QPA_PLATFORM=xcb
    PLATFORM="Xvfb $DISPLAY, 1280x800x24"
else
    export QT_QPA_PLATFORM=offscreen
    PLATFORM="offscreen platform (Xvfb not found: figures are not comparable with an X server)"
fi

# One measurement: prints "paint rss webengine sandbox_ready ready_rss cpu main faults"
# (sandbox_ready and ready_rss are -1 for the baseline, which has no sandbox).
measure() {
    local program=$1 line
    if ! line=$(timeout 60 "$LAUNCH" "$program" --measure-startup 2>"$WORK/stderr" | grep -m 1 '"first_paint_ms"'); then
        echo "run.sh: $(basename "$program") printed no measurement; its stderr:" >&2
        tail -n 20 "$WORK/stderr" >&2
        return 1
    fi
    local paint rss web ready readyRss cpu main faults
    paint=$(sed -E 's/.*"first_paint_ms": *(-?[0-9.]+).*/\1/' <<<"$line")
    rss=$(sed -E 's/.*"rss_mb": *(-?[0-9.]+).*/\1/' <<<"$line")
    web=$(sed -E 's/.*"webengine_loaded": *(true|false).*/\1/' <<<"$line")
    ready=$(sed -E 's/.*"sandbox_ready_ms": *(-?[0-9.]+).*/\1/' <<<"$line")
    readyRss=$(sed -E 's/.*"ready_rss_mb": *(-?[0-9.]+).*/\1/' <<<"$line")
    cpu=$(sed -E 's/.*"cpu_ms": *(-?[0-9.]+).*/\1/' <<<"$line")
    main=-1
    [[ $line == *'"main_ms"'* ]] && main=$(sed -E 's/.*"main_ms": *(-?[0-9.]+).*/\1/' <<<"$line")
    faults=-1
    [[ $line == *'"page_faults"'* ]] && faults=$(sed -E 's/.*"page_faults": *(-?[0-9]+).*/\1/' <<<"$line")
    echo "$paint $rss $web $ready $readyRss $cpu $main $faults"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit } if (NR % 2) printf "%.1f\n", v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

measure "$APP" >/dev/null       # warm-up
measure "$BASELINE" >/dev/null  # warm-up
: >"$WORK/app" ; : >"$WORK/base"
for ((i = 1; i <= RUNS; ++i)); do
    measure "$APP" >>"$WORK/app"
    measure "$BASELINE" >>"$WORK/base"
done

APP_PAINT=$(cut -d' ' -f1 "$WORK/app" | median)
APP_RSS=$(cut -d' ' -f2 "$WORK/app" | median)
BASE_PAINT=$(cut -d' ' -f1 "$WORK/base" | median)
BASE_RSS=$(cut -d' ' -f2 "$WORK/base" | median)
APP_CPU=$(cut -d' ' -f6 "$WORK/app" | median)
BASE_CPU=$(cut -d' ' -f6 "$WORK/base" | median)
APP_MAIN=$(cut -d' ' -f7 "$WORK/app" | median)
BASE_MAIN=$(cut -d' ' -f7 "$WORK/base" | median)
APP_FAULTS=$(cut -d' ' -f8 "$WORK/app" | median | awk '{ printf "%d", $1 }')
BASE_FAULTS=$(cut -d' ' -f8 "$WORK/base" | median | awk '{ printf "%d", $1 }')
APP_READY=$(cut -d' ' -f4 "$WORK/app" | median)
APP_READY_MAX=$(cut -d' ' -f4 "$WORK/app" | sort -g | tail -n 1)
APP_READY_RSS=$(cut -d' ' -f5 "$WORK/app" | median)
APP_NO_SANDBOX=$(awk '$4 < 0' "$WORK/app" | wc -l)
APP_WEB=$(grep -c ' true ' "$WORK/app" || true)
BASE_WEB=$(grep -c ' true ' "$WORK/base" || true)
yesno() { [[ $1 -gt 0 ]] && echo "yes ($1/$RUNS runs)" || echo "no"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
remark() { # VALUE TARGET UNIT
    awk -v v="$1" -v t="$2" -v u="$3" 'BEGIN { if (v <= t) printf "PASS (%.1f %s <= %d %s)", v, u, t, u; else printf "OVER TARGET by %.1f %s (%.1f %s > %d %s)", v - t, u, v, u, t, u }'
}
ratioRemark() { # RATIO TARGET
    awk -v r="$1" -v t="$2" 'BEGIN { if (r == "n/a") print "n/a"; else if (r <= t) printf "PASS (%.2f <= %.2f)", r, t; else printf "OVER TARGET (%.2f > %.2f)", r, t }'
}
PAINT_RATIO=$(ratio "$APP_PAINT" "$BASE_PAINT")
RSS_RATIO=$(ratio "$APP_RSS" "$BASE_RSS")
# Run i of oidcplay and run i of the baseline follow each other: the median of their ratios is less
# sensitive to the machine's load drifting during the benchmark than the ratio of the medians.
pairedRatio() { # FIELD
    paste -d' ' <(cut -d' ' -f"$1" "$WORK/app") <(cut -d' ' -f"$1" "$WORK/base") | awk '$2 > 0 { printf "%.4f\n", $1 / $2 }' | median2
}
median2() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } if (NR % 2) printf "%.2f\n", v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "Start-up benchmark: oidcplay vs a minimal Qt Widgets baseline"
echo "  platform: $PLATFORM"
echo "  runs: $RUNS of each, alternating, after one discarded warm-up each; medians shown"
printf '  %-28s %18s %12s %14s %12s %14s %12s\n' "" "first paint (ms)" "RSS (MB)" "CPU by then" "main() at" "page faults" "WebEngine"
printf '  %-28s %18s %12s %14s %12s %14s %12s\n' "oidcplay" "$APP_PAINT" "$APP_RSS" "$APP_CPU" "$APP_MAIN" "$APP_FAULTS" "$(yesno "$APP_WEB")"
printf '  %-28s %18s %12s %14s %12s %14s %12s\n' "baseline (window + label)" "$BASE_PAINT" "$BASE_RSS" "$BASE_CPU" "$BASE_MAIN" "$BASE_FAULTS" "$(yesno "$BASE_WEB")"
printf '  %-28s %18s %12s %14s %12s %14s\n' "ratio oidcplay / baseline" "$PAINT_RATIO" "$RSS_RATIO" "$(ratio "$APP_CPU" "$BASE_CPU")" "$(ratio "$APP_MAIN" "$BASE_MAIN")" "$(ratio "$APP_FAULTS" "$BASE_FAULTS")"
printf '  %-28s %18s %12s %14s %12s %14s\n' "median of per-run ratios" "$(pairedRatio 1)" "$(pairedRatio 2)" "$(pairedRatio 6)" "$(pairedRatio 7)" "$(pairedRatio 8)"
echo "  oidcplay's sandbox serving: ${APP_READY} ms after process start (median; slowest run ${APP_READY_MAX} ms), RSS then ${APP_READY_RSS} MB"
echo "  target first-paint ratio <= ${TARGET_RATIO}: $(ratioRemark "$PAINT_RATIO" "$TARGET_RATIO")"
echo "  target RSS ratio <= ${TARGET_RATIO}: $(ratioRemark "$RSS_RATIO" "$TARGET_RATIO")"
if [[ $APP_NO_SANDBOX -eq 0 ]]; then
    echo "  target sandbox serving <= ${TARGET_SANDBOX_MS} ms after start: $(remark "$APP_READY" "$TARGET_SANDBOX_MS" ms)"
else
    echo "  target sandbox serving <= ${TARGET_SANDBOX_MS} ms after start: FAILED to start in $APP_NO_SANDBOX of $RUNS runs"
fi
echo "  target first paint <= ${TARGET_PAINT_MS} ms: $(remark "$APP_PAINT" "$TARGET_PAINT_MS" ms)"
echo "  target RSS <= ${TARGET_RSS_MB} MB: $(remark "$APP_RSS" "$TARGET_RSS_MB" MB)"
if [[ $APP_WEB -eq 0 ]]; then
    echo "  WebEngine loaded at start-up: no (PASS)"
else
    echo "  WebEngine loaded at start-up: YES in $APP_WEB of $RUNS runs (it should load on first use only)"
fi
