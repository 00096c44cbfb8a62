#!/usr/bin/env bash
# Builds everything with tests and runs the whole suite with ctest, then the
# unit tests again under AddressSanitizer and UBSan, then the fuzz target for
# a bounded time when clang is present.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh

jobs=$(nproc)
# ccache, when present, lets the iODBC variant below reuse this build's objects.
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_NOHASHDIR=1 CCACHE_BASEDIR="$root"
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTB_BUILD_TESTS=ON -DTB_BUILD_BENCH=ON "${launcher[@]}" >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs" --timeout 600)

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

# The sanitizer variant builds only the unit tests (DEVELOPERS.md: keep CI short).
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTB_SANITIZE=ON -DTB_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan -j"$jobs" --target unit_tests
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j"$jobs" -L unit)

if command -v clang++ >/dev/null; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTB_BUILD_BENCH=OFF \
    -DTB_FUZZ_ONLY=ON >/dev/null
  cmake --build build-fuzz -j"$jobs" --target fuzz_targets
  (cd build-fuzz && ctest --output-on-failure -L fuzz)
fi

# The Windows DLL (x64) cross-built and tested under Wine 10 (tests/wine/run.sh),
# against the simulator built above. Opt-in until its run is proven to fit CI's
# time: the first run builds libcurl and SQLite from Debian's sources and a
# trixie root with Wine (cached under build/windows afterwards).
if [[ "${TB_TEST_WINDOWS:-0}" == 1 ]]; then
  TB_WIN_TESTS=ON scripts/build-windows.sh x64
  tests/wine/run.sh x64
fi
