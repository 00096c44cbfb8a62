# Sourced by the Wine packaging tests (msi_wine_test.sh, dialog_wine_test.sh):
# a session in the Wine 10 root of tests/wine/wine-root.sh with this machine's
# /dev, /proc, /tmp and the given folders bind-mounted at the same paths, and
# a Wine prefix of the test's own inside the root.
#   wine_session_start PREFIX_NAME FOLDER...   then   in_root CMD...
# The mounts are undone by wine_session_stop (call it from the EXIT trap).
# tests/wine/run.sh does the same for the cross-built unit and ODBC tests.

wine_session_mounts=()

wine_session_bind() {
  mkdir -p "$wine_root$1"
  if ! mountpoint -q "$wine_root$1"; then
    mount --bind "$1" "$wine_root$1" && wine_session_mounts+=("$wine_root$1")
  fi
}

wine_session_start() {
  local prefix_name=$1; shift
  local src; src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  wine_root=$(TB_WIN_BUILD=${TB_WIN_BUILD:-$src/build/windows} "$src/tests/wine/wine-root.sh") || return 1
  wine_prefix=/root/$prefix_name
  if ! mountpoint -q "$wine_root/proc"; then
    mount -t proc proc "$wine_root/proc" && wine_session_mounts+=("$wine_root/proc")
  fi
  wine_session_bind /dev
  wine_session_bind /tmp
  local folder
  for folder in "$@"; do
    [[ -n "$folder" ]] && wine_session_bind "$folder"
  done
}

wine_session_stop() {
  local i
  # wineserver lingers a few seconds after the last program; stop it so the
  # prefix is written back and no process keeps the mounts busy.
  [[ -n "${wine_root:-}" ]] && in_root wineserver64 -k >/dev/null 2>&1 || true
  for ((i=${#wine_session_mounts[@]}-1; i>=0; i--)); do
    umount "${wine_session_mounts[$i]}" 2>/dev/null || umount -l "${wine_session_mounts[$i]}" || true
  done
  wine_session_mounts=()
}

# Runs a command in the root with the test's prefix. wine64 directly: the
# `wine` wrapper prefers the 32-bit loader, which these kernels cannot exec.
# DISPLAY is passed on when set (the dialog test's Xvfb).
in_root() {
  chroot "$wine_root" env -i HOME=/root PATH=/usr/lib/wine:/usr/bin:/bin WINEPREFIX="$wine_prefix" \
    WINEDEBUG="${WINEDEBUG:--all}" WINELOADER=/usr/lib/wine/wine64 WINESERVER=/usr/lib/wine/wineserver64 \
    ${DISPLAY:+DISPLAY=$DISPLAY} ${TB_SIM_LAUNCHER_PORT:+TB_SIM_LAUNCHER_PORT=$TB_SIM_LAUNCHER_PORT} "$@"
}

# A Linux path as Wine sees it (the Z: drive).
wine_path() { echo "Z:${1//\//\\}"; }

# Prepares the prefix once (wineboot takes most of a minute).
wine_session_prefix() {
  if [[ ! -f "$wine_root$wine_prefix/.tb-ready" ]]; then
    in_root wine64 wineboot -i >/dev/null 2>&1 || return 1
    touch "$wine_root$wine_prefix/.tb-ready"
  fi
}
