#!/usr/bin/env bash
# Builds everything with tests and runs the whole suite with ctest; then the
# whole suite again (unit, integration and client tests) built with
# AddressSanitizer and UBSan, the threaded tests built with ThreadSanitizer,
# the fuzz targets for a bounded time when clang is present, and the Windows
# DLL cross-built and tested under Wine (TB_TEST_WINDOWS=0 skips it). Prints
# the time each stage took at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh

stages=()
stage_start=$SECONDS
# stage_done NAME: records the seconds since the previous stage ended.
stage_done() {
  stages+=("$(printf '%-28s %5d s' "$1" $((SECONDS - stage_start)))")
  stage_start=$SECONDS
}
# sanitized_ctest TREE CTEST-ARGS...: runs ctest in a sanitizer tree. Every
# sanitizer report, from any process (the simulator, isql and python3
# included, whose stderr a test may swallow), lands in TREE/sanitizer-logs
# (cmake/Sanitizers.cmake): they are printed, and any report fails the run.
sanitized_ctest() {
  local tree=$1 status=0
  shift
  rm -rf "$tree/sanitizer-logs" && mkdir -p "$tree/sanitizer-logs"
  (cd "$tree" && ctest "$@") || status=1
  if compgen -G "$tree/sanitizer-logs/*" >/dev/null; then
    echo "sanitizer reports in $tree/sanitizer-logs:"
    cat "$tree"/sanitizer-logs/*
    status=1
  fi
  return $status
}

jobs=$(nproc)
# ccache, when present, lets the iODBC variant below reuse this build's objects.
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_NOHASHDIR=1 CCACHE_BASEDIR="$root"
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTB_BUILD_TESTS=ON -DTB_BUILD_BENCH=ON "${launcher[@]}" >/dev/null
cmake --build build -j"$jobs"
# The cache stress test (label "threaded") runs its full 60 s here; 5 s by default.
export TB_CACHE_STRESS_SECONDS="${TB_CACHE_STRESS_SECONDS:-60}"
(cd build && ctest --output-on-failure -j"$jobs" --timeout 600)
stage_done "build and suite"

# The iODBC variant: only the driver, built against iODBC's headers (unpacked,
# since libiodbc2-dev conflicts with unixodbc-dev) and checked by iodbctest
# against the simulator built above. With ccache the rooms below driver/ are
# cache hits from the build above, so this adds little time.
iodbc_dev=$(scripts/iodbc-headers.sh build-iodbc/iodbc-dev)
cmake -S . -B build-iodbc -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DODBC_PROVIDER=iODBC -DIODBC_DEV_ROOT="$iodbc_dev" \
  -DTB_BUILD_TESTS=OFF -DTB_BUILD_BENCH=OFF -DTB_SIM_EXECUTABLE="$root/build/tests/sim/timebutler-sim" \
  -DTB_CERT_DIR="$root/build/certs" "${launcher[@]}" >/dev/null
cmake --build build-iodbc -j"$jobs" --target timebutlerodbc
(cd build-iodbc && ctest --output-on-failure)
stage_done "iODBC variant"

# AddressSanitizer + UBSan: the driver, the simulator and every test program
# instrumented (no benchmarks); every test runs, isql and python3 with the
# ASan runtime preloaded. Its own tree: instrumented objects cannot be shared
# with the build above (ccache keeps them for the next run).
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTB_SANITIZE=address -DTB_BUILD_BENCH=OFF \
  "${launcher[@]}" >/dev/null
cmake --build build-asan -j"$jobs"
sanitized_ctest build-asan --output-on-failure -j"$jobs" --timeout 900
stage_done "ASan+UBSan suite"

# ThreadSanitizer: the tests labelled `threads` (tests/odbc/CMakeLists.txt)
# and only what they need: the driver, the simulator and their executables.
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTB_SANITIZE=thread -DTB_BUILD_BENCH=OFF \
  "${launcher[@]}" >/dev/null
mapfile -t threaded < <(cd build-tsan && ctest -N -L threads | awk '/Test +#/ { print $3 }')
cmake --build build-tsan -j"$jobs" --target "${threaded[@]}"
sanitized_ctest build-tsan --output-on-failure -j"$jobs" --timeout 900 -L threads
stage_done "TSan threaded tests"

if command -v clang++ >/dev/null; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTB_BUILD_BENCH=OFF \
    -DTB_FUZZ_ONLY=ON "${launcher[@]}" >/dev/null
  cmake --build build-fuzz -j"$jobs" --target fuzz_targets
  (cd build-fuzz && ctest --output-on-failure -j"$jobs" -L fuzz)
  # libFuzzer's count of the inputs each target ran, from ctest's log.
  grep -E '^(Done [0-9]+ runs|[0-9]+/[0-9]+ Test)' build-fuzz/Testing/Temporary/LastTest.log || true
  stage_done "fuzz targets"
fi
# The Windows DLL (x64) cross-built and tested under Wine 10 (tests/wine/run.sh):
# the unit tests and every tests/odbc program through Wine's driver manager,
# against the simulator built above. TB_TEST_WINDOWS=0 skips it. Cold, the
# dependencies (libcurl, SQLite from Debian's sources) and the trixie root
# with Wine are built once and cached under build/windows.
if [[ "${TB_TEST_WINDOWS:-1}" != 0 ]]; then
  TB_WIN_BUILD="$root/build/windows" scripts/windows-deps.sh x64 >/dev/null
  stage_done "Windows dependencies"
  tests/wine/wine-root.sh >/dev/null
  stage_done "Wine root"
  TB_WIN_TESTS=ON scripts/build-windows.sh x64
  stage_done "Windows DLL and tests"
  tests/wine/run.sh x64
  stage_done "Windows tests under Wine"
  # The x64 MSI built from that DLL, installed, queried and removed under
  # Wine, and the DSN dialog driven under Xvfb (tests/packaging, label wine).
  cmake -S . -B build -DTB_WINE_TESTS=ON >/dev/null
  cmake --build build -j"$jobs" --target msi_installers
  (cd build && ctest --output-on-failure -L wine)
  stage_done "MSI and DSN dialog under Wine"
fi
printf '%s\n' "${stages[@]}"
