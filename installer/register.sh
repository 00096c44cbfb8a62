#!/usr/bin/env bash
# Registers the driver with unixODBC (odbcinst) and, optionally, a user DSN.
#   installer/register.sh DRIVER_SO                      register the driver as "Timebutler"
#   installer/register.sh DRIVER_SO DSN SERVER TOKEN [PERSONNEL_TOKEN] [CA_FILE]
#                                                        ... and a user DSN in ~/.odbc.ini
# The token is written only to the user's own odbc.ini (mode 0600).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
driver=$(readlink -f "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sed "s|@DRIVER_PATH@|$driver|g" "$here/odbcinst.ini.in" > "$tmp/odbcinst.ini"
if [[ $(id -u) -eq 0 ]]; then
  odbcinst -i -d -r < "$tmp/odbcinst.ini" >/dev/null
else
  # Without root, unixODBC reads drivers from the user's own odbcinst.ini.
  odbcinst -i -d -r -h < "$tmp/odbcinst.ini" >/dev/null 2>&1 || true
fi

if [[ $# -ge 4 ]]; then
  dsn=$2 server=$3 token=$4 personnel=${5:-} ca=${6:-}
  sed -e "s|@DSN_NAME@|$dsn|" -e "s|@SERVER@|$server|" -e "s|@TOKEN@|$token|" \
      -e "s|@PERSONNEL_TOKEN@|$personnel|" -e "s|@CA_FILE@|$ca|" "$here/odbc.ini.in" > "$tmp/odbc.ini"
  odbcinst -u -s -h -n "$dsn" >/dev/null 2>&1 || true
  odbcinst -i -s -h -r < "$tmp/odbc.ini" >/dev/null
  chmod 600 "${ODBCINI:-$HOME/.odbc.ini}" 2>/dev/null || true
fi
