# Sourced by tests/wine/run.sh and bench/wine-fetch.sh (with src and target
# set): the Wine 10 root (tests/wine/wine-root.sh) with this machine's /dev,
# /proc, /tmp and the source and build trees bound at the same paths, a Wine
# prefix for the target with timebutlerodbc.dll registered as an installer
# registers it, one wineserver for the run; an EXIT trap undoes it all.
# Sets: out, bin, linux_build, wine_root, prefix, driver_name, dll,
#       wine_environment; defines in_root and wine_path.
out=${TB_WIN_BUILD:-$src/build/windows}
bin="$out/$target"
linux_build=${TB_LINUX_BUILD:-$src/build}
wine_root=$(TB_WIN_BUILD=$out "$src/tests/wine/wine-root.sh")
prefix=/root/wine-tb-$target
driver_name="Timebutler"
dll="$bin/driver/timebutlerodbc.dll"
# wine64 directly: the `wine` wrapper prefers the 32-bit loader, which a
# kernel without 32-bit support (as on these machines) cannot exec.
wine_environment=(HOME=/root PATH=/usr/lib/wine:/usr/bin:/bin WINEPREFIX="$prefix" WINEDEBUG=-all
                  WINELOADER=/usr/lib/wine/wine64 WINESERVER=/usr/lib/wine/wineserver64
                  TB_WINE_DRIVER_NAME="$driver_name" TB_WINE_DRIVER_DLL="Z:${dll//\//\\}")

mounts=()
wine_cleanup() {
  [[ -n "${launcher_pid:-}" ]] && kill "$launcher_pid" 2>/dev/null || true
  [[ -n "${sim_pid:-}" ]] && kill "$sim_pid" 2>/dev/null || true
  chroot "$wine_root" env -i "${wine_environment[@]}" /usr/lib/wine/wineserver64 -k >/dev/null 2>&1 || true
  for ((i=${#mounts[@]}-1; i>=0; i--)); do umount "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}" || true; done
}
trap wine_cleanup EXIT
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

in_root() { chroot "$wine_root" env -i "${wine_environment[@]}" "$@"; }
wine_path() { echo "Z:${1//\//\\}"; }

if [[ ! -f "$wine_root$prefix/.tb-ready" ]]; then
  in_root wine64 wineboot -i >/dev/null 2>&1
  touch "$wine_root$prefix/.tb-ready"
fi
# One wineserver for the whole run (each program would otherwise start and
# stop its own).
in_root /usr/lib/wine/wineserver64 -p >/dev/null 2>&1 || true
# Register the driver as an installer would (HKLM\Software\ODBC\ODBCINST.INI).
key="HKLM\\Software\\ODBC\\ODBCINST.INI"
in_root wine64 reg add "$key\\$driver_name" /v Driver /d "$(wine_path "$dll")" /f >/dev/null 2>&1
in_root wine64 reg add "$key\\$driver_name" /v Setup /d "$(wine_path "$dll")" /f >/dev/null 2>&1
in_root wine64 reg add "$key\\ODBC Drivers" /v "$driver_name" /d Installed /f >/dev/null 2>&1
