#!/usr/bin/env bash
# Runs the cross-built Windows tests under Wine 10 (a trixie root made by
# tests/wine/wine-root.sh): the unit tests, then the ODBC integration tests
# through Wine's driver manager (odbc32) with timebutlerodbc.dll registered in
# Wine's registry, against the Linux simulator on 127.0.0.1.
# Usage: tests/wine/run.sh [x64]    (after TB_WIN_TESTS=ON scripts/build-windows.sh x64
#                                   and the Linux build in build/, whose simulator it uses)
# Prints one line per test program (its tests, seconds, and whether it reached
# the driver through odbc32) and a closing count. TB_WINE_ONLY=REGEX runs the
# programs whose names match.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
target=${1:-x64}
# The Wine root, its mounts, the prefix with the driver registered; in_root.
. "$src/tests/wine/wine-env.sh"

# Every test program reaches the driver through odbc32 (Wine's driver
# manager), never by linking the DLL: checked on the imports.
objdump=objdump
command -v x86_64-w64-mingw32-objdump >/dev/null && objdump=x86_64-w64-mingw32-objdump
through_dm() {
  local imports
  imports=$($objdump -p "$1" | sed -n 's/^[[:space:]]*DLL Name: //p' | tr 'A-Z' 'a-z')
  if grep -qx timebutlerodbc.dll <<<"$imports"; then echo "linked to the DLL"
  elif grep -qx odbc32.dll <<<"$imports"; then echo "through odbc32"
  else echo "no ODBC"; fi
}

# Cases Wine cannot show, left out by name (each runs in the Linux suite;
# on Windows they are the installer's acceptance checks). Each is Wine's,
# shown outside the driver:
#  - SQLCancel from a second thread: Wine's odbc32 holds the statement's
#    lock for the whole SQLExecDirect and SQLCancel waits for that lock, so
#    the cancel reaches the driver only after the statement ended (an endless
#    statement never ends; one waiting for another statement of its
#    connection runs after all); Windows' driver manager passes it at once, and
#    odbc_test_cancel_direct shows the DLL's cancel on its own exports;
#  - descriptors allocated by the application (SQLAllocHandle(SQL_HANDLE_DESC)):
#    Wine's odbc32 answers SQL_INVALID_HANDLE without asking the driver;
#  - SQLPrimaryKeysW: Wine's odbc32 hands the driver the schema's length
#    (NameLength2) in place of the table's (NameLength3); with no schema the
#    table name arrives with length 0 and matches no table (seen by printing
#    the arguments inside the DLL: L"users" with length 0, or 10 when the
#    schema "timebutler" was given with 10);
#  - the owner-only DACL of the cache file and folder: Wine keeps no security
#    descriptor on files (it maps a DACL to Unix mode bits and reads back one
#    made up from them), so a DACL set by SetNamedSecurityInfoW, which returns
#    success, reads back as (A;;FA;;;SY)(A;;FA;;;<user>) in any program.
declare -A wine_limits=(
  [odbc_test_windows_platform]="-CacheFolder.CacheFileAndFolderAreForItsUserOnly"
  [odbc_test_cache]="-Cache.FileIsSharedByConnectionsAndProcesses"
  [odbc_test_entry_points]="-EntryPoints.HandlesAllocateFreeAndRejectForeignPointers:EntryPoints.KeysStatisticsAndSpecialColumnsBothForms"
  [odbc_test_entry_points_data]="-EntryData.DescriptorFieldsRecordsAndCopies"
  [odbc_test_cancel]="-Cancel.CancelFromAnotherThreadEndsTheRequests:Cancel.CancelStopsALongComputationOverCachedRows"
  [odbc_test_connection_threads]="-ConnectionThreads.CancelEndsAStatementWaitingForItsTurn"
)

passed=0 failed=0 tests_total=0
run_program() {
  local exe=$1 name log start seconds count route
  name=$(basename "$exe" .exe)
  log="$bin/wine-$name.log"
  route=$(through_dm "$exe")
  local filter=()
  [[ -n "${wine_limits[$name]:-}" ]] && filter=(--gtest_filter="${wine_limits[$name]}")
  start=$(date +%s)
  # A hang guard, not a measurement: a program still running after 20 minutes fails.
  # TB_SKIP_PROCESS_POOLING: the Power BI replay leaves out its first call,
  # SQLSetEnvAttr(SQL_NULL_HENV, SQL_ATTR_CONNECTION_POOLING), which never
  # reaches a driver and on which Wine 10's odbc32 dereferences the null
  # handle (an access violation before the first test).
  if timeout 1200 chroot "$wine_root" env -i "${wine_environment[@]}" \
      TB_SIM_LAUNCHER_PORT="${TB_SIM_LAUNCHER_PORT:-}" TB_CACHE_STRESS_SECONDS="${TB_CACHE_STRESS_SECONDS:-}" \
      TB_SKIP_PROCESS_POOLING=1 \
      wine64 "$exe" --gtest_brief=1 "${filter[@]}" >"$log" 2>&1; then
    seconds=$(( $(date +%s) - start ))
    # The last summary: a program that runs itself as a child (the cache
    # stress test) has the child's summary in its output too.
    count=$(grep -o '\[  PASSED  \] [0-9]* test' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    tests_total=$((tests_total + count))
    echo "PASS $name: $count tests, ${seconds} s, $route (Wine $target)${filter:+, left out: ${filter[0]#--gtest_filter=-}}"
    passed=$((passed + 1))
  else
    seconds=$(( $(date +%s) - start ))
    echo "FAIL $name after ${seconds} s, $route (Wine $target): log $log"
    grep -E '^\[  FAILED  \]|Failure|error:|Expected|Which is|actual' "$log" | head -40 || true
    tail -5 "$log"
    failed=$((failed + 1))
  fi
}

only=${TB_WINE_ONLY:-}   # a regular expression on program names, to run a few
for exe in "$bin"/tests/wine/unit_*.exe; do
  [[ -z "$only" || "$(basename "$exe")" =~ $only ]] && run_program "$exe"
done

if [[ -x "$linux_build/tests/sim/timebutler-sim" ]] && ls "$bin"/tests/wine/odbc_*.exe >/dev/null 2>&1; then
  port_file=$(mktemp /tmp/tb-sim-launcher-XXXXXX)
  python3 "$src/tests/wine/sim_launcher.py" "$linux_build/tests/sim/timebutler-sim" \
    "$linux_build/certs/sim-cert.pem" "$linux_build/certs/sim-key.pem" test-token-5f3a9c test-personnel-77b1 \
    >"$port_file" &
  launcher_pid=$!
  for _ in $(seq 100); do [[ -s "$port_file" ]] && break; sleep 0.1; done
  TB_SIM_LAUNCHER_PORT=$(head -1 "$port_file")
  rm -f "$port_file"
  export TB_SIM_LAUNCHER_PORT
  for exe in "$bin"/tests/wine/odbc_*.exe; do
    [[ -z "$only" || "$(basename "$exe")" =~ $only ]] && run_program "$exe"
  done
else
  echo "no simulator in $linux_build (build the Linux tree first): the ODBC tests did not run"
  failed=$((failed + 1))
fi
echo "Wine $target: $passed programs passed, $failed failed; $tests_total tests passed"
[[ $failed -eq 0 ]]
