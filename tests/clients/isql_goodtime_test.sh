#!/usr/bin/env bash
# isql through a user DSN with Source=goodtime (in a private ODBCINI) against
# the simulator's GoodTime profile (issue 15): the tables, a read with its
# umlauts, a join, the one request of a filtered query, a wrong password.
#   isql_goodtime_test.sh SIM_BINARY DRIVER_SO CERT_DIR
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/start_sim.sh"
start_sim "$1" "$3" --api goodtime --api-password isql-gt-pw
WORK=$(mktemp -d)
export ODBCINI="$WORK/odbc.ini" ODBCSYSINI="$WORK" LANG=C.UTF-8 LC_ALL=C.UTF-8
cat > "$WORK/odbcinst.ini" <<INI
[Timebutler]
Driver = $(readlink -f "$2")
INI
cat > "$ODBCINI" <<INI
[GoodTime Demo]
Driver = Timebutler
Source = goodtime
Server = https://127.0.0.1:$SIM_PORT
UID = bjoern.weiss@example.com
PWD = isql-gt-pw
CAFile = $3/sim-cert.pem
Cache = memory
CacheTTL = 0
INI

# isql's "help" lists the tables (SQLTables): schema and name on each line.
out=$(echo "help" | isql -v "GoodTime Demo" -b -d'|' 2>&1)
for table in timetypes users projects user_projects timeentries; do
  check "help lists $table" "goodtime\\|$table\\|" "$out"
done

out=$(echo "SELECT time_type_id, name FROM goodtime.timetypes ORDER BY time_type_id" | isql -v "GoodTime Demo" -b -d'|' 2>&1)
check "timetypes with umlaut" $'102\\|Überstunden' "$out"
check "five timetypes" '105\|Rufbereitschaft' "$out"

: > "$SIM_LOG"
out=$(echo "SELECT time_entry_id, start_time, locked FROM goodtime.timeentries WHERE login_email = 'anna+zeit@example.com' AND start_time >= '2025-03-01' AND start_time < '2025-04-01' ORDER BY time_entry_id" |
  isql -v "GoodTime Demo" -b -d'|' 2>&1)
check "one timeentries request" '^1$' "$(grep -c '"action":"timeentries"' "$SIM_LOG")"
check "useremail sent encoded" '"useremail":"anna\+zeit@example.com"' "$(grep '"action":"timeentries"' "$SIM_LOG")"
check "first March entry" '1080\|2025-03-04 09:16:00(\.0+)?\|1' "$out"

out=$(echo "SELECT e.time_entry_id, p.name, t.name FROM goodtime.timeentries e JOIN goodtime.projects p ON p.project_id = e.project_id JOIN goodtime.timetypes t ON t.time_type_id = e.time_type_id WHERE e.login_email = 'anna+zeit@example.com' AND e.start_time >= '2025-03-01' AND e.start_time < '2025-04-01' ORDER BY 1" |
  isql -v "GoodTime Demo" -b -d'|' 2>&1)
check "join" '1088\|Kundenprojekt Müller & Söhne\|Arbeitszeit' "$out"

out=$(echo "SELECT * FROM goodtime.timetypes" | isql -v "GoodTime Demo" bjoern.weiss@example.com wrong-isql-pw -b 2>&1)
check "wrong password" '28000' "$out"
if [[ "$out" == *wrong-isql-pw* ]]; then check "password not shown" 'never' "$out"; fi

finish_checks
