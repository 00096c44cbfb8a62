#!/usr/bin/env bash
# Builds the .deb with cpack, installs it with dpkg, connects through the
# DSN-less form Driver={Timebutler} to the simulator, removes the package and
# checks the driver is no longer registered.
#   deb_test.sh SIM_BINARY CERT_DIR BUILD_DIR DRIVER_INSTALL_PATH
# Needs root (dpkg): exits 77 (skipped) otherwise. The registration goes to a
# private ODBCSYSINI, which dpkg hands on to the maintainer scripts, so the
# machine's /etc/odbcinst.ini (and other people's drivers there) is untouched.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../clients/start_sim.sh"
sim=$1 certs=$2 build=$3 installed=$4
if [[ $(id -u) -ne 0 ]]; then echo "not root: dpkg cannot install, skipped"; exit 77; fi
if dpkg-query -W -f='${Status}' timebutler-odbc 2>/dev/null | grep -q "install ok installed"; then
  echo "timebutler-odbc is installed on this machine already; not touching it, skipped"; exit 77
fi

start_sim "$sim" "$certs" --users 7 --years 2025
WORK=$(mktemp -d)
export ODBCSYSINI="$WORK/etc" ODBCINI="$WORK/odbc.ini" LANG=C.UTF-8 LC_ALL=C.UTF-8
mkdir -p "$ODBCSYSINI"; : > "$ODBCSYSINI/odbcinst.ini"; : > "$ODBCINI"

# One package test at a time on this machine (several worktrees share dpkg).
exec 9>/tmp/timebutler-odbc-package-test.lock
flock -w 600 9 || { echo "package test lock not acquired in 600 s"; exit 1; }

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$WORK/pkg" > "$WORK/cpack.log" 2>&1 \
  || { cat "$WORK/cpack.log"; exit 1; }
deb=$(ls "$WORK"/pkg/timebutler-odbc_*.deb)
info=$(dpkg-deb --info "$deb")
check "depends on libcurl" 'Depends:.*libcurl4' "$info"
check "depends on sqlite" 'Depends:.*libsqlite3-0' "$info"
check "depends on a driver manager" 'Depends:.*libodbc2 \| libodbc1 \| unixodbc' "$info"
check "depends on odbcinst" 'Depends:.*[ ,]odbcinst([ ,]|$)' "$info"
check "maintainer scripts" 'postinst.*prerm|prerm.*postinst' "$info"
check "ships the library" '^1$' "$(dpkg-deb --contents "$deb" | awk '{print $6}' | grep -cxF ".$installed")"

# dpkg waits for no lock: retry while apt or dpkg of someone else holds it.
dpkg_retry() {
  local out
  for _ in $(seq 60); do
    out=$(dpkg "$@" 2>&1) && return 0
    grep -q "lock" <<<"$out" || { echo "$out"; return 1; }
    sleep 5
  done
  echo "$out"; return 1
}
trap 'dpkg_retry --purge timebutler-odbc >/dev/null; kill $SIM_PID 2>/dev/null; wait $SIM_PID 2>/dev/null; rm -rf "$WORK" "$SIM_OUT" "$SIM_LOG"' EXIT

dpkg_retry -i "$deb" || { echo "dpkg -i failed"; exit 1; }
check "library installed" "^$installed\$" "$(ls "$installed" 2>&1)"
check "registered by postinst" "Driver=$installed" "$(odbcinst -q -d -n Timebutler 2>&1)"

conn="Driver={Timebutler};Server=https://127.0.0.1:$SIM_PORT;Token=client-test-token;CAFile=$certs/sim-cert.pem;Cache=memory"
out=$(echo "SELECT COUNT(*) FROM users" | isql -v -k "$conn" -b -d'|' 2>&1)
check "DSN-less query" '(^|[^0-9])7([^0-9]|$)' "$out"
check "a users request" '"action":"users"' "$(cat "$SIM_LOG")"

# Reinstalling the same package (an upgrade) keeps exactly one registration.
dpkg_retry -i "$deb" >/dev/null || { echo "dpkg -i (again) failed"; exit 1; }
check "one registration after reinstall" 'UsageCount=1' "$(odbcinst -q -d -n Timebutler 2>&1)"

dpkg_retry -r timebutler-odbc >/dev/null || { echo "dpkg -r failed"; exit 1; }
check "library removed" 'No such file' "$(ls "$installed" 2>&1)"
check "unregistered" '^$' "$(odbcinst -q -d 2>/dev/null | grep -x '\[Timebutler\]')"
out=$(echo "SELECT 1" | isql -v -k "$conn" -b 2>&1)
check "connect fails after removal" 'IM002|IM003|not found|Can.t open lib' "$out"

finish_checks
