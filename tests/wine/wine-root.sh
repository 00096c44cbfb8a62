#!/usr/bin/env bash
# Makes (once) a Debian trixie root with Wine 10 under the build folder and
# prints its path. Debian 12's Wine 8 forwards odbc32 to the host's unixODBC
# and cannot load a Windows ODBC driver; Wine from 9.13 on loads drivers
# registered in its registry (shared/WINDOWS-TESTING.md). The root comes from
# Debian's mirror by debootstrap; this machine's release is not changed.
# Usage: tests/wine/wine-root.sh [folder]   (default build/windows/wine-root)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-${TB_WIN_BUILD:-$root/build/windows}/wine-root}
stamp="$dir/.tb-wine-ready"
if [[ -f "$stamp" ]]; then echo "$dir"; exit 0; fi
command -v debootstrap >/dev/null || { echo "debootstrap is missing (scripts/install-deps.sh)" >&2; exit 1; }
rm -rf "$dir"
mkdir -p "$dir"
debootstrap --variant=minbase --include=ca-certificates trixie "$dir" http://deb.debian.org/debian >"$dir.log" 2>&1 \
  || { tail -20 "$dir.log" >&2; exit 1; }
cp /etc/resolv.conf "$dir/etc/resolv.conf"
mount_proc() { mountpoint -q "$dir/proc" || mount -t proc proc "$dir/proc"; }
mount_proc
trap 'umount "$dir/proc" 2>/dev/null || true' EXIT
# wine32 (i386 multiarch) would run the x86 DLL, but only on a kernel that
# executes 32-bit binaries; these machines' kernels do not ("Exec format
# error"), so it is installed only on request (TB_WINE32=1).
packages=(wine wine64)
if [[ "${TB_WINE32:-0}" == 1 ]]; then
  chroot "$dir" dpkg --add-architecture i386
  packages+=(wine32:i386)
fi
chroot "$dir" apt-get update -qq >>"$dir.log" 2>&1
DEBIAN_FRONTEND=noninteractive chroot "$dir" apt-get install -y -qq --no-install-recommends \
  "${packages[@]}" >>"$dir.log" 2>&1 || { tail -20 "$dir.log" >&2; exit 1; }
chroot "$dir" apt-get clean
touch "$stamp"
echo "$dir"
