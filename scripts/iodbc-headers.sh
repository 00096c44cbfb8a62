#!/usr/bin/env bash
# Unpacks Debian's libiodbc2-dev (the iODBC headers) into DIR without
# installing it: it conflicts with unixodbc-dev, which the main build needs.
# Prints DIR for -DIODBC_DEV_ROOT. Uses apt-get download (no root needed).
#   scripts/iodbc-headers.sh DIR
set -euo pipefail
dir=$(mkdir -p "$1" && cd "$1" && pwd)
if [[ ! -f "$dir/usr/include/iodbc/sqlext.h" ]]; then
  deb_dir=$(mktemp -d)
  trap 'rm -rf "$deb_dir"' EXIT
  # A fresh machine may have no package lists yet: update once and retry.
  if ! (cd "$deb_dir" && apt-get download -q libiodbc2-dev >/dev/null 2>&1); then
    sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    (cd "$deb_dir" && apt-get download -q libiodbc2-dev >/dev/null)
  fi
  dpkg-deb -x "$deb_dir"/libiodbc2-dev_*.deb "$dir"
fi
echo "$dir"
