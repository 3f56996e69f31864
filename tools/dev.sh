#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing (Debian/Ubuntu), builds, then runs Unspin or its tests.
#   tools/dev.sh run [FILE]   open FILE (default: the bundled sample article) in the window, or,
#                             without a display, restore it with unspin-cli
#   tools/dev.sh test         run every test (the window's under Xvfb)
#   tools/dev.sh bench        run the benchmarks (engine against grep; window responsiveness)
#   tools/dev.sh flatpak      build the Flatpak offline against a runtime made from Debian
#                             packages, install its bundle and check it in the sandbox
#                             (flatpak/test-build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(meson ninja-build build-essential pkg-config gettext python3
          libglib2.0-dev libglib2.0-bin libjson-glib-dev
          libsphinxbase-dev pocketsphinx-en-us
          libgtk-4-dev libadwaita-1-dev adwaita-icon-theme fonts-cantarell fonts-dejavu-core
          xvfb xauth dbus desktop-file-utils appstream clang libclang-rt-14-dev valgrind)

install_missing () {
  local missing=()
  for p in "${packages[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build () {
  [ -f build/build.ninja ] || meson setup build
  meson compile -C build
}

case "${1:-run}" in
  run)
    install_missing
    build
    article="${2:-data/samples/spun-article.txt}"
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      meson devenv -C build -w "$PWD" unspin "$article"
    else
      echo "(no display: restoring with unspin-cli; run this from a desktop session for the window)" >&2
      meson devenv -C build -w "$PWD" unspin-cli restore "$article"
    fi
    ;;
  test)
    install_missing
    build
    meson test -C build --print-errorlogs
    ;;
  bench)
    install_missing time
    build
    meson test -C build --benchmark --verbose
    ;;
  flatpak)
    install_missing flatpak flatpak-builder ostree mmdebstrap elfutils xvfb xdotool imagemagick dbus \
      xdg-desktop-portal xdg-desktop-portal-gtk fuse3
    flatpak/test-build.sh
    ;;
  *)
    echo "usage: tools/dev.sh run [FILE] | test | bench | flatpak" >&2
    exit 1
    ;;
esac
