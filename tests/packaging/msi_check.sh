#!/usr/bin/env bash
# Reads an MSI with msiinfo (msitools) and checks what the installer will do:
# the driver's values under HKLM\SOFTWARE\ODBC\ODBCINST.INI\Timebutler and
# "ODBC Drivers", every component 64-bit in the x64 package (else the keys land
# in the 32-bit registry view) and none in the x86 one, the Program Files
# folder of the architecture, the version, and the major upgrade.
#   msi_check.sh MSI ARCH VERSION
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../clients/start_sim.sh"   # check / finish_checks only
msi=$1 arch=$2 version=$3
export LC_ALL=C.UTF-8
table() { msiinfo export "$msi" "$1" 2>/dev/null | tail -n +4; }

registry=$(table Registry)
key='SOFTWARE\ODBC\ODBCINST.INI\Timebutler'
value() { awk -F'\t' -v k="$key" -v n="$1" '$2 == 2 && $3 == k && $4 == n { print $5 }' <<<"$registry"; }
check "Driver is the installed DLL" '^\[#TimebutlerDll\]$' "$(value Driver)"
check "Setup is the installed DLL" '^\[#TimebutlerDll\]$' "$(value Setup)"
check "APILevel" '^1$' "$(value APILevel)"
check "ConnectFunctions" '^YYN$' "$(value ConnectFunctions)"
check "DriverODBCVer" '^03\.80$' "$(value DriverODBCVer)"
check "FileUsage" '^0$' "$(value FileUsage)"
check "SQLLevel" '^1$' "$(value SQLLevel)"
check "UsageCount is a DWORD 1" '^#1$' "$(value UsageCount)"
check "listed in ODBC Drivers" '^Installed$' \
  "$(awk -F'\t' '$2 == 2 && $3 == "SOFTWARE\\ODBC\\ODBCINST.INI\\ODBC Drivers" && $4 == "Timebutler" { print $5 }' <<<"$registry")"
check "no key with a trailing backslash" '^0$' "$(awk -F'\t' '$3 ~ /\\$/' <<<"$registry" | wc -l)"
check "nothing outside HKLM" '^0$' "$(awk -F'\t' '$2 != 2' <<<"$registry" | wc -l)"

components=$(table Component)
count=$(wc -l <<<"$components")
wide=$(awk -F'\t' 'int($4 / 256) % 2 == 1' <<<"$components" | wc -l)
if [[ $arch == x64 ]]; then
  check "every component 64-bit ($count)" "^$count\$" "$wide"
  folder=ProgramFiles64Folder
else
  check "no component 64-bit" '^0$' "$wide"
  folder=ProgramFilesFolder
fi
check "installs under $folder" "INSTALLDIR	$folder	Timebutler ODBC" "$(table Directory)"
check "DLL file" 'TimebutlerDll	DriverDll	timebutlerodbc.dll' "$(table File)"
check "version" "ProductVersion	$version" "$(table Property)"
check "upgrade detection" 'WIX_UPGRADE_DETECTED' "$(table Upgrade)"
check "downgrade refused" 'WIX_DOWNGRADE_DETECTED' "$(table Upgrade)"
check "older version removed on upgrade" 'RemoveExistingProducts' "$(table InstallExecuteSequence)"
# The summary's platform: "x64" or, for 32-bit packages, "Intel".
platform=$([[ $arch == x64 ]] && echo x64 || echo Intel)
check "platform in summary" "Template: $platform;1033" "$(msiinfo suminfo "$msi" 2>/dev/null)"

finish_checks
