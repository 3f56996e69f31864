#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing (Debian/Ubuntu), builds, then runs Unspin or its tests.
#   tools/dev.sh run [FILE]   restore FILE (default: the bundled sample article) with unspin-cli
#   tools/dev.sh test         run every test
#   tools/dev.sh bench        run the benchmark (see tests/bench/)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(meson ninja-build build-essential pkg-config gettext python3
          libglib2.0-dev libglib2.0-bin libjson-glib-dev)

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
    meson devenv -C build -w "$PWD" unspin-cli restore "$article"
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
  *)
    echo "usage: tools/dev.sh run [FILE] | test | bench" >&2
    exit 1
    ;;
esac
