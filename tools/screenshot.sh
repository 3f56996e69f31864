#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts Unspin under Xvfb on an article and saves a screenshot of the screen.
#   tools/screenshot.sh [--dark] [--size WxH] [--wait SECONDS] ARTICLE OUT.png
# Uses the build in ./build (tools/dev.sh run builds it). Needs xvfb-run and ImageMagick's import.
set -euo pipefail
cd "$(dirname "$0")/.."

scheme=default size=1400x900 wait=3 build=${UNSPIN_BUILD_DIR:-build}
while [ $# -gt 2 ]; do
  case "$1" in
    --dark) scheme=dark; shift ;;
    --size) size="$2"; shift 2 ;;
    --wait) wait="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
[ $# -eq 2 ] || { echo "usage: tools/screenshot.sh [--dark] [--size WxH] [--wait SECONDS] ARTICLE OUT.png" >&2; exit 1; }
article=$(realpath "$1") out=$(realpath -m "$2")

sessions=$(mktemp -d)
trap 'rm -rf "$sessions"' EXIT
width=${size%x*} height=${size#*x}

# A private session and settings: no earlier review is offered back, the user's settings stay.
mkdir -p "$sessions/config/glib-2.0/settings"
printf "[io/github/unspin/Unspin]\nstyle-variant='%s'\n" "$scheme" > "$sessions/config/glib-2.0/settings/keyfile"
export UNSPIN_SESSION_DIR="$sessions" XDG_CONFIG_HOME="$sessions/config" GSETTINGS_BACKEND=keyfile \
       NO_AT_BRIDGE=1 GDK_BACKEND=x11
xvfb-run -a -s "-screen 0 ${size}x24" bash -c "
  meson devenv -C '$build' -w '$PWD' dbus-run-session -- unspin '$article' &
  sleep $wait
  import -window root '$out'
  kill %1 2>/dev/null || true
" 2>&1 | grep -v -e 'dbus-daemon' -e '^$' || true
echo "saved $out"
