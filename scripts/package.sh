#!/usr/bin/env bash
# Builds what users install, into dist/:
#   timebutler-odbc_<version>_<arch>.deb, timebutler-odbc-<version>.<arch>.rpm  (CPack; register with odbcinst)
#   Timebutler.mez          Power BI custom connector
#   timebutler.taco         Tableau connector;  timebutler-odbc.tdc  for Tableau's generic ODBC connection
#   timebutler-odbc-<version>-x64.msi, -x86.msi   (wixl) for each architecture whose DLL exists: named by
#                                                  TB_WINDOWS_DLL_X64 / TB_WINDOWS_DLL_X86, else the Windows
#                                                  build's build/windows/<arch>/driver/timebutlerodbc.dll
#                                                  (scripts/build-windows.sh x64 x86)
# A separate build folder (build-package) without tests keeps it quick.
#   [TB_WINDOWS_DLL_X64=... TB_WINDOWS_DLL_X86=...] scripts/package.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${1:-build-package}
scripts/install-deps.sh

for arch in X64 X86; do
  var=TB_WINDOWS_DLL_$arch
  built="$root/build/windows/${arch,,}/driver/timebutlerodbc.dll"
  [[ -z "${!var:-}" && -f "$built" ]] && printf -v "$var" '%s' "$built"
done
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTB_BUILD_TESTS=OFF -DTB_BUILD_BENCH=OFF "${launcher[@]}" \
  -DTB_WINDOWS_DLL_X64="${TB_WINDOWS_DLL_X64:-}" -DTB_WINDOWS_DLL_X86="${TB_WINDOWS_DLL_X86:-}" >/dev/null
targets=(timebutlerodbc powerbi_connector tableau_connector)
[[ -n "${TB_WINDOWS_DLL_X64:-}" || -n "${TB_WINDOWS_DLL_X86:-}" ]] && targets+=(msi_installers)
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"
(cd "$build" && cpack -G "DEB;RPM" >/dev/null)

mkdir -p dist
cp "$build"/packages/timebutler-odbc*.deb "$build"/packages/timebutler-odbc*.rpm \
   "$build"/connectors/Timebutler.mez "$build"/connectors/timebutler.taco "$build"/connectors/timebutler-odbc.tdc dist/
# Only installers of a real DLL (an architecture without one gets a
# "-stand-in" MSI, which installs no working driver).
[[ -n "${TB_WINDOWS_DLL_X64:-}" ]] && cp "$build"/installers/timebutler-odbc-*-x64.msi dist/
[[ -n "${TB_WINDOWS_DLL_X86:-}" ]] && cp "$build"/installers/timebutler-odbc-*-x86.msi dist/
ls -l dist/
