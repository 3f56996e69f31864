#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets in tests/fuzz/ with clang (ASan + UBSan) against the engine
# sources and runs each for SECONDS (default 60) on a copy of its seed corpus, so that the
# committed seeds stay as they are. Exits non-zero when a target crashes.
#   tests/fuzz/run.sh [SECONDS] [TARGET...]     TARGET: engine, pack, review (default: all)
# Needs clang and its runtime (Debian: clang libclang-rt-14-dev) and a configured build/ (config.h).
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(engine pack review)

[ -f build/config.h ] || meson setup build >/dev/null
out="build/fuzz"
mkdir -p "$out"

# The engine's sources and dependencies, as app/engine/meson.build lists them.
sources=$(sed -n "/^engine_sources = files(/,/^)/s/^ *'\(unspin-[a-z-]*\.c\)',/app\/engine\/\1/p" app/engine/meson.build)
modules="glib-2.0 gio-2.0 json-glib-1.0"
if pkg-config --exists 'pocketsphinx >= 5.0'; then
  modules+=" pocketsphinx"
elif pkg-config --exists sphinxbase; then
  modules+=" sphinxbase"
fi
# shellcheck disable=SC2086
flags=(-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -DG_LOG_DOMAIN='"unspin-fuzz"' -I app/engine -I build -I build/app/engine
       $(pkg-config --cflags $modules))
# shellcheck disable=SC2086
libs=($(pkg-config --libs $modules) -lm)

export UNSPIN_DATA_DIR="$PWD/data" UNSPIN_THREADS=1
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

failed=()
for target in "${targets[@]}"; do
  echo "== fuzz-$target: building"
  # shellcheck disable=SC2086
  clang "${flags[@]}" -o "$out/fuzz-$target" "tests/fuzz/fuzz-$target.c" $sources "${libs[@]}"

  corpus="$out/corpus-$target"
  rm -rf "$corpus" "$out/artifacts-$target"
  mkdir -p "$corpus" "$out/artifacts-$target"
  cp tests/fuzz/corpus/"$target"/* "$corpus"/

  dict=()
  [ -f "tests/fuzz/$target.dict" ] && dict=(-dict="tests/fuzz/$target.dict")

  echo "== fuzz-$target: running for ${seconds}s"
  log="$out/fuzz-$target.log"
  if "$out/fuzz-$target" -max_total_time="$seconds" -max_len=65536 -timeout=25 -rss_limit_mb=4096 \
       -print_final_stats=1 -artifact_prefix="$out/artifacts-$target/" "${dict[@]}" "$corpus" >"$log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^#[0-9]+ *DONE' "$log" | tail -2
    echo "fuzz-$target: no crash"
  else
    tail -60 "$log"
    echo "fuzz-$target: CRASH; inputs in $out/artifacts-$target/, log in $log"
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "Fuzzing found crashes in: ${failed[*]}"
  exit 1
fi
