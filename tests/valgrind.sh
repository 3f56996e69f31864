#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the test suite under valgrind's memcheck, in build-valgrind/ (a debug build without
# sanitizers): a memory error or a definite leak fails the test that made it. Each process
# (the tests, and the unspin-cli and subprocesses they start) logs to build-valgrind/valgrind/PID.log.
#   tests/valgrind.sh [TEST…]    (meson test names; all by default)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
logs="$root/build-valgrind/valgrind"

# GLib's and GTK's own suppression files, then ours (third-party libraries only).
valgrind=(valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite
  --errors-for-leak-kinds=definite --error-exitcode=1 --num-callers=40
  --suppressions=/usr/share/glib-2.0/valgrind/glib.supp
  --suppressions=/usr/share/gtk-4.0/valgrind/gtk.supp
  --suppressions="$root/tests/valgrind.supp" --gen-suppressions=all
  # Our programs started by the tests are checked too; system programs (sh, unshare) are not.
  --trace-children=yes --trace-children-skip='/usr/*,/bin/*,/sbin/*'
  # A child forked to exec a program it could not find exits with a copy of the parent's heap.
  --child-silent-after-fork=yes
  --log-file="$logs/%p.log")

# meson test --wrap runs "tests/valgrind.sh --wrap PROGRAM ARGS…" for each test.
if [ "${1:-}" = "--wrap" ]; then
  shift
  case "$1" in
    "$root"/build-valgrind/*)
      exec "${valgrind[@]}" "$@" ;;
    */xvfb-run)
      # Valgrind goes inside xvfb-run, on the test program, not on the shell script and the X server.
      xvfb=("$1"); shift
      while [ $# -gt 0 ] && [[ "$1" == -* ]]; do
        case "$1" in
          -e|-f|-n|-p|-s|-w) xvfb+=("$1" "$2"); shift 2 ;;
          *) xvfb+=("$1"); shift ;;
        esac
      done
      exec "${xvfb[@]}" "${valgrind[@]}" "$@" ;;
    *)
      # Checks that run only other programs (metadata validators, the Python scripts).
      exec "$@" ;;
  esac
fi

cd "$root"
[ -f build-valgrind/build.ninja ] || meson setup build-valgrind --buildtype=debug
meson compile -C build-valgrind
rm -rf "$logs"
mkdir -p "$logs"

# One-time GLib allocations are plain malloc()s, which valgrind can follow.
export G_SLICE=always-malloc
status=0
meson test -C build-valgrind --print-errorlogs --timeout-multiplier=10 \
  --wrap="$root/tests/valgrind.sh --wrap" "$@" || status=$?

# The tests' output does not show valgrind's reports; name the logs that have one. (A log
# without a summary is of a process killed on purpose, by the kill-while-writing test.)
found=$(grep -l 'ERROR SUMMARY: [1-9]' "$logs"/*.log || true)
if [ -n "$found" ]; then
  for log in $found; do
    echo "== $log"
    head -n 300 "$log"
  done
  echo "valgrind found errors or leaks; see:"
  echo "$found"
  status=1
fi
echo "valgrind: $(grep -l 'ERROR SUMMARY: 0 errors' "$logs"/*.log | wc -l) processes clean, $(echo -n "$found" | grep -c . || true) with errors or leaks"
exit $status
