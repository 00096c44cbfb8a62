#!/usr/bin/env bash
# Checks a cross-built timebutlerodbc.dll without running it:
#  - its imports are Windows system DLLs only (no MinGW runtime ships beside it);
#  - its exports are exactly the names of driver/exports.map (the Linux list
#    plus the names marked windows-only there).
# Usage: tests/wine/check-dll.sh DLL EXPORTS_MAP
set -euo pipefail
dll=$1 map=$2
objdump=objdump
command -v x86_64-w64-mingw32-objdump >/dev/null && objdump=x86_64-w64-mingw32-objdump
dump=$($objdump -p "$dll")
failed=0
# The DLLs every Windows (10 and later) has in System32.
system='^(kernel32|advapi32|user32|ws2_32|crypt32|secur32|bcrypt|shell32|ole32|odbc32|odbccp32|msvcrt|iphlpapi|winhttp|normaliz|wldap32|rpcrt4|api-ms-win-[a-z0-9-]+)\.dll$'
imports=$(sed -n 's/^[[:space:]]*DLL Name: //p' <<<"$dump" | tr 'A-Z' 'a-z' | sort -u)
for name in $imports; do
  if ! grep -Eq "$system" <<<"$name"; then echo "FAIL: $dll imports $name, not a Windows system DLL"; failed=1; fi
done
# Export table rows: "[ordinal] name" after "[Ordinal/Name Pointer] Table".
exports=$(sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' <<<"$dump" | sed -n 's/^[[:space:]]*\[[[:space:]]*[0-9]*\] //p' | sort)
# The map's names, with those marked "windows-only" (ConfigDSNW).
expected=$(sed -n 's/^[[:space:]]*\(windows-only[[:space:]]\{1,\}\)\{0,1\}\([A-Za-z][A-Za-z0-9]*\);.*/\2/p' "$map" | sort)
if [[ "$exports" != "$expected" ]]; then
  echo "FAIL: exports of $dll differ from $map:"
  diff <(echo "$expected") <(echo "$exports") | sed 's/^/  /'
  failed=1
fi
echo "$(basename "$(dirname "$dll")")/$(basename "$dll"): imports $(echo $imports | tr ' ' ','); $(wc -l <<<"$exports") exports"
exit $failed
