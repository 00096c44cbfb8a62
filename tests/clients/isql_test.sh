#!/usr/bin/env bash
# isql through a user DSN named "Timebutler Demo" (in a private ODBCINI), as
# the README's demo registers it: answers, request log, and errors.
#   isql_test.sh SIM_BINARY DRIVER_SO CERT_DIR
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/start_sim.sh"
start_sim "$1" "$3" --users 25 --years 2023-2025
WORK=$(mktemp -d)
export ODBCINI="$WORK/odbc.ini" ODBCSYSINI="$WORK" LANG=C.UTF-8 LC_ALL=C.UTF-8
cat > "$WORK/odbcinst.ini" <<INI
[Timebutler]
Driver = $(readlink -f "$2")
INI
cat > "$ODBCINI" <<INI
[Timebutler Demo]
Driver = Timebutler
Server = https://127.0.0.1:$SIM_PORT
Token = client-test-token
CAFile = $3/sim-cert.pem
Cache = memory
INI


out=$(echo "SELECT COUNT(*) FROM users" | isql -v "Timebutler Demo" -b -d'|' 2>&1)
check "count users" '(^|[^0-9])25([^0-9]|$)' "$out"

: > "$SIM_LOG"
out=$(echo "SELECT * FROM absences WHERE year = 2024" | isql -v "Timebutler Demo" -b -d'|' 2>&1)
requests=$(grep -c '"action":"absences"' "$SIM_LOG")
check "one absences request" '^1$' "$requests"
check "year parameter" '"year":"2024"' "$(grep '"action":"absences"' "$SIM_LOG")"
check "rows of 2024" '^2024\|' "$out"

out=$(echo "SELECT * FROM absenses" | isql -v "Timebutler Demo" -b 2>&1)
check "unknown table" '(42S02|S0002).*absenses' "$out"

out=$(echo "SELECT last_name, first_name FROM users WHERE user_id = 1" | iusql -v "Timebutler Demo" -b -d'|' 2>&1)
# iusql reads through the W entry points and prints each UTF-16 unit below
# 256 as one byte (Latin-1), so U+00FC arrives as the byte 0xFC.
check "iusql umlauts" $'M\xfcller\\|J\xfcrgen' "$out"

finish_checks
