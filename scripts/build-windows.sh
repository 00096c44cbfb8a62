#!/usr/bin/env bash
# Cross-builds timebutlerodbc.dll for Windows with mingw-w64, for x64 and x86
# (32-bit Office sees only a 32-bit driver), statically linked, and checks
# each DLL's imports and exports (tests/wine/check-dll.sh).
# Dependencies come from Debian's source packages (scripts/windows-deps.sh),
# cached under build/windows keyed by version.
# Usage: scripts/build-windows.sh [x64] [x86]
#   TB_WIN_TESTS=ON also builds the cross-built tests (tests/wine) and bench_fetch_rate.
#   Output: build/windows/<target>/driver/timebutlerodbc.dll
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=${TB_WIN_BUILD:-$root/build/windows}
export TB_WIN_BUILD=$out
jobs=${TB_JOBS:-2}
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(x64 x86)

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  export CCACHE_NOHASHDIR=1 CCACHE_BASEDIR="$root"
fi
for target in "${targets[@]}"; do
  deps=$(scripts/windows-deps.sh "$target")
  # Release (-O2, no debug information): the MSI ships the DLL stripped anyway,
  # and the three dozen statically linked test programs build and link in far
  # less time without DWARF (TB_WIN_BUILD_TYPE=RelWithDebInfo to debug).
  cmake -S . -B "$out/$target" -G Ninja -DCMAKE_BUILD_TYPE="${TB_WIN_BUILD_TYPE:-Release}" \
    -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/mingw-$target.cmake" -DTB_WINDOWS_DEPS="$deps" \
    -DTB_BUILD_TESTS="${TB_WIN_TESTS:-OFF}" -DTB_BUILD_BENCH="${TB_WIN_TESTS:-OFF}" "${launcher[@]}" >/dev/null
  if [[ "${TB_WIN_TESTS:-OFF}" == ON ]]; then
    cmake --build "$out/$target" -j"$jobs"
  else
    cmake --build "$out/$target" -j"$jobs" --target timebutlerodbc
  fi
  tests/wine/check-dll.sh "$out/$target/driver/timebutlerodbc.dll" driver/exports.map
done
