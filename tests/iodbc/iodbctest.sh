#!/usr/bin/env bash
# iodbctest (the iODBC driver manager's own client) against the driver built
# with -DODBC_PROVIDER=iODBC: connects through a DSN in a private odbc.ini,
# runs queries and checks the rows it prints, including non-ASCII text that
# crosses the 4-byte SQLWCHAR of iODBC.
#   iodbctest.sh SIM_BINARY DRIVER_SO CERT_DIR
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../clients/start_sim.sh"
start_sim "$1" "$3" --users 12 --years 2024-2024
WORK=$(mktemp -d)
export ODBCINI="$WORK/odbc.ini" ODBCINSTINI="$WORK/odbcinst.ini" LANG=C.UTF-8 LC_ALL=C.UTF-8
cat > "$ODBCINSTINI" <<INI
[ODBC Drivers]
Timebutler = Installed

[Timebutler]
Driver = $(readlink -f "$2")
INI
cat > "$ODBCINI" <<INI
[ODBC Data Sources]
TimebutlerIodbc = Timebutler

[TimebutlerIodbc]
Driver = Timebutler
Server = https://127.0.0.1:$SIM_PORT
Token = client-test-token
CAFile = $3/sim-cert.pem
Cache = memory
INI

run() {     # run CONNECTION-STRING SQL...: one statement per line, then quit
  { for sql in "${@:2}"; do echo "$sql"; done; echo quit; } | iodbctest "$1" 2>&1
}

out=$(run "DSN=TimebutlerIodbc" "SELECT COUNT(*) AS n FROM users")
check "driver manager is iODBC" 'iODBC Demonstration program.*Driver Manager: 03\.52' "$out"
check "driver loaded by iODBC" 'Driver: [0-9.]+ \(libtimebutlerodbc\.so' "$out"
check "count users" '(^|[^0-9])12([^0-9]|$)' "$out"
check "one result row" '1 row' "$out"

out=$(run "DSN=TimebutlerIodbc" "SELECT user_id, last_name FROM users WHERE user_id <= 3 ORDER BY user_id")
check "three rows" '3 rows' "$out"

# Text with characters outside ASCII and outside the BMP. iodbctest is an
# ANSI application, so iODBC calls the driver's ANSI exports: UTF-8 throughout.
out=$(run "DSN=TimebutlerIodbc" "SELECT 'Müller 😀' AS name FROM users WHERE user_id = 1")
check "non-ASCII text round trip" 'Müller 😀' "$out"

# A DSN-less connection string naming the driver by path, and an error.
out=$(run "Driver=$(readlink -f "$2");Server=https://127.0.0.1:$SIM_PORT;Token=client-test-token;CAFile=$3/sim-cert.pem;Cache=memory" \
  "SELECT * FROM absenses")
check "unknown table through iODBC" 'absenses.*SQLSTATE=42S02' "$out"

finish_checks
