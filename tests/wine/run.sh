#!/usr/bin/env bash
# Runs the cross-built Windows tests under Wine 10 (a trixie root made by
# tests/wine/wine-root.sh): the unit tests, then the ODBC integration tests
# through Wine's driver manager (odbc32) with timebutlerodbc.dll registered in
# Wine's registry, against the Linux simulator on 127.0.0.1.
# Usage: tests/wine/run.sh [x64]    (after TB_WIN_TESTS=ON scripts/build-windows.sh x64
#                                   and the Linux build in build/, whose simulator it uses)
# Prints one line per test program and a closing "N passed, N failed".
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
target=${1:-x64}
out=${TB_WIN_BUILD:-$src/build/windows}
bin="$out/$target"
linux_build=${TB_LINUX_BUILD:-$src/build}
wine_root=$(TB_WIN_BUILD=$out "$src/tests/wine/wine-root.sh")

# The root sees this machine's /dev, /proc, /tmp (simulator logs) and the
# source and build trees at the same paths.
mounts=()
cleanup() {
  [[ -n "${launcher_pid:-}" ]] && kill "$launcher_pid" 2>/dev/null || true
  for ((i=${#mounts[@]}-1; i>=0; i--)); do umount "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}" || true; done
}
trap cleanup EXIT
bind() {
  mkdir -p "$wine_root$1"
  mountpoint -q "$wine_root$1" || { mount --bind "$1" "$wine_root$1"; mounts+=("$wine_root$1"); }
}
mountpoint -q "$wine_root/proc" || { mount -t proc proc "$wine_root/proc"; mounts+=("$wine_root/proc"); }
bind /dev
bind /tmp
bind "$src"
[[ "$out" == "$src"/* ]] || bind "$out"
[[ "$linux_build" == "$src"/* ]] || bind "$linux_build"

prefix=/root/wine-tb-$target
in_root() {
  # wine64 directly: the `wine` wrapper prefers the 32-bit loader, which a
  # kernel without 32-bit support (as on these machines) cannot exec.
  chroot "$wine_root" env -i HOME=/root PATH=/usr/lib/wine:/usr/bin:/bin WINEPREFIX="$prefix" WINEDEBUG=-all \
    WINELOADER=/usr/lib/wine/wine64 WINESERVER=/usr/lib/wine/wineserver64 \
    TB_SIM_LAUNCHER_PORT="${TB_SIM_LAUNCHER_PORT:-}" TB_WINE_DRIVER_NAME="$driver_name" "$@"
}
wine_path() { echo "Z:${1//\//\\}"; }

driver_name="Timebutler"
dll="$bin/driver/timebutlerodbc.dll"
if [[ ! -f "$wine_root$prefix/.tb-ready" ]]; then
  in_root wine64 wineboot -i >/dev/null 2>&1
  touch "$wine_root$prefix/.tb-ready"
fi
# Register the driver as an installer would (HKLM\Software\ODBC\ODBCINST.INI).
key="HKLM\\Software\\ODBC\\ODBCINST.INI"
in_root wine64 reg add "$key\\$driver_name" /v Driver /d "$(wine_path "$dll")" /f >/dev/null 2>&1
in_root wine64 reg add "$key\\$driver_name" /v Setup /d "$(wine_path "$dll")" /f >/dev/null 2>&1
in_root wine64 reg add "$key\\ODBC Drivers" /v "$driver_name" /d Installed /f >/dev/null 2>&1

passed=0 failed=0
run_program() {
  local exe=$1 name log
  name=$(basename "$exe" .exe)
  log="$bin/wine-$name.log"
  if in_root wine64 "$exe" --gtest_brief=1 >"$log" 2>&1; then
    echo "PASS $name ($(grep -o '\[  PASSED  \] [0-9]* test' "$log" | grep -o '[0-9]*') tests) under Wine $target"
    passed=$((passed + 1))
  else
    echo "FAIL $name under Wine $target: log $log"; tail -30 "$log"
    failed=$((failed + 1))
  fi
}

for exe in "$bin"/tests/wine/unit_*.exe; do run_program "$exe"; done

if [[ -x "$linux_build/tests/sim/timebutler-sim" ]] && ls "$bin"/tests/wine/odbc_*.exe >/dev/null 2>&1; then
  exec {launcher_fd}< <(python3 "$src/tests/wine/sim_launcher.py" "$linux_build/tests/sim/timebutler-sim" \
    "$linux_build/certs/sim-cert.pem" "$linux_build/certs/sim-key.pem" test-token-5f3a9c test-personnel-77b1 & echo "pid $!"; wait)
  read -r _ launcher_pid <&$launcher_fd
  read -r TB_SIM_LAUNCHER_PORT <&$launcher_fd
  export TB_SIM_LAUNCHER_PORT
  for exe in "$bin"/tests/wine/odbc_*.exe; do run_program "$exe"; done
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
