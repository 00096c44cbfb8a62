#!/usr/bin/env bash
# Installs the x64 MSI into a Wine 10 prefix (msiexec /i /qn), checks the
# driver's registry values in the 64-bit view and that Wine's driver manager
# lists the driver (SQLDrivers), connects DSN-less by name, Driver={Timebutler},
# to the simulator and counts its users; then uninstalls (msiexec /x) and
# checks that the driver's keys and DLL are gone and a user DSN stayed.
#   msi_wine_test.sh MSI_X64 MSI_CLIENT_EXE SIM_BINARY CERT_DIR OUT_DIR
# Needs root (chroot, bind mounts) and the Wine root of tests/wine/wine-root.sh:
# exits 77 (skipped) otherwise. The x86 MSI cannot be installed here: these
# kernels do not run 32-bit code (msi_check.sh checks its tables instead).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
msi=$1 client=$2 sim=$3 certs=$4 out=$5
if [[ $(id -u) -ne 0 ]]; then echo "not root: no chroot for the Wine root, skipped"; exit 77; fi
source "$here/../clients/start_sim.sh"
source "$here/wine_session.sh"
mkdir -p "$out"
start_sim "$sim" "$certs" --users 7 --years 2025
trap 'wine_session_stop; kill $SIM_PID 2>/dev/null; wait $SIM_PID 2>/dev/null; rm -f "$SIM_OUT" "$SIM_LOG"' EXIT
folders=("$src")
for path in "$msi" "$client" "$certs"; do [[ "$(readlink -f "$path")" == "$src"/* ]] || folders+=("$(dirname "$(readlink -f "$path")")"); done
wine_session_start wine-tb-msi "${folders[@]}" || { echo "no Wine root"; exit 1; }
wine_session_prefix || { echo "wineboot failed"; exit 1; }

key='HKLM\SOFTWARE\ODBC\ODBCINST.INI'
dll="$wine_root$wine_prefix/drive_c/Program Files/Timebutler ODBC/timebutlerodbc.dll"
msi_win=$(wine_path "$(readlink -f "$msi")")
# A run that stopped half-way may have left it installed.
in_root wine64 msiexec /x "$msi_win" /qn >/dev/null 2>&1

# A user DSN made before: the uninstall must leave it.
in_root wine64 reg add 'HKCU\Software\ODBC\ODBC.INI\Kept By Uninstall' /v Server /d https://example.invalid /f >/dev/null 2>&1
in_root wine64 reg add 'HKCU\Software\ODBC\ODBC.INI\ODBC Data Sources' /v 'Kept By Uninstall' /d Timebutler /f >/dev/null 2>&1

in_root wine64 msiexec /i "$msi_win" /qn /l*v "$(wine_path "$out/msi-install.log")" > "$out/msiexec-install.out" 2>&1
check "msiexec /i exit code" '^0$' "$?"
registry=$(in_root wine64 reg query "$key\\Timebutler" 2>&1 | tr -d '\r')
echo "$registry" > "$out/registry-installed.txt"
check "Driver is the installed DLL" 'Driver +REG_SZ +C:\\Program Files\\Timebutler ODBC\\timebutlerodbc\.dll' "$registry"
check "Setup is the installed DLL" 'Setup +REG_SZ +C:\\Program Files\\Timebutler ODBC\\timebutlerodbc\.dll' "$registry"
check "APILevel" 'APILevel +REG_SZ +1' "$registry"
check "ConnectFunctions" 'ConnectFunctions +REG_SZ +YYN' "$registry"
check "DriverODBCVer" 'DriverODBCVer +REG_SZ +03\.80' "$registry"
check "FileUsage" 'FileUsage +REG_SZ +0' "$registry"
check "SQLLevel" 'SQLLevel +REG_SZ +1' "$registry"
check "UsageCount" 'UsageCount +REG_DWORD +0x1' "$registry"
check "listed in ODBC Drivers" 'Timebutler +REG_SZ +Installed' "$(in_root wine64 reg query "$key\\ODBC Drivers" 2>&1)"
# The 64-bit package writes the 64-bit view, which the 64-bit driver manager reads.
check "nothing in the 32-bit view" 'ERROR|[Uu]nable|not find' \
  "$(in_root wine64 reg query 'HKLM\SOFTWARE\WOW6432Node\ODBC\ODBCINST.INI\Timebutler' 2>&1)"
check "DLL installed under Program Files" '^yes$' "$([[ -f "$dll" ]] && echo yes || echo no)"

# localhost: libcurl 7.88's Schannel backend matches the certificate's host
# names only, not its IP address.
client_out=$(in_root wine64 "$(readlink -f "$client")" "https://localhost:$SIM_PORT" client-test-token \
  "$(wine_path "$(readlink -f "$certs")/sim-cert.pem")" 2>&1 | tr -d '\r')
echo "$client_out" > "$out/msi-client.txt"
check "SQLDrivers lists the driver" '(^|'$'\n'')driver: Timebutler('$'\n''|$)' "$client_out"
check "Driver={Timebutler} counts the users" '(^|'$'\n'')users: 7('$'\n''|$)' "$client_out"
check "the simulator answered a users request" '"action":"users"' "$(cat "$SIM_LOG")"

in_root wine64 msiexec /x "$msi_win" /qn /l*v "$(wine_path "$out/msi-uninstall.log")" > "$out/msiexec-uninstall.out" 2>&1
check "msiexec /x exit code" '^0$' "$?"
check "driver key removed" 'ERROR|[Uu]nable|not find' "$(in_root wine64 reg query "$key\\Timebutler" 2>&1)"
check "ODBC Drivers value removed" '^$' "$(in_root wine64 reg query "$key\\ODBC Drivers" 2>&1 | grep -i 'Timebutler')"
check "DLL removed" '^no$' "$([[ -f "$dll" ]] && echo yes || echo no)"
check "user DSN kept" 'Server +REG_SZ +https://example\.invalid' \
  "$(in_root wine64 reg query 'HKCU\Software\ODBC\ODBC.INI\Kept By Uninstall' 2>&1)"
in_root wine64 reg delete 'HKCU\Software\ODBC\ODBC.INI\Kept By Uninstall' /f >/dev/null 2>&1
in_root wine64 reg delete 'HKCU\Software\ODBC\ODBC.INI\ODBC Data Sources' /v 'Kept By Uninstall' /f >/dev/null 2>&1
finish_checks
