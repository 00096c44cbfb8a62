#!/usr/bin/env bash
# The demo: builds the driver and the Timebutler simulator, starts the
# simulator on 127.0.0.1 over HTTPS, registers the driver and a user DSN
# "Timebutler Demo", runs sample queries through isql and stops the simulator.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTB_BUILD_TESTS=ON -DTB_BUILD_BENCH=OFF >/dev/null
cmake --build build -j"$(nproc)" --target timebutlerodbc timebutler-sim sim_certificate

token=demo-token personnel=demo-personnel-token
log=$(mktemp)
build/tests/sim/timebutler-sim --port 0 --cert build/certs/sim-cert.pem --key build/certs/sim-key.pem \
  --token "$token" --personnel-token "$personnel" --users 25 --years 2024-2026 --request-log "$log.requests" \
  > "$log" 2>/dev/null &
sim=$!
trap 'kill $sim 2>/dev/null; wait $sim 2>/dev/null; rm -f "$log" "$log.requests"' EXIT
for _ in $(seq 50); do [[ -s "$log" ]] && break; sleep 0.1; done
port=$(head -n1 "$log")
echo "Simulator listening on https://127.0.0.1:$port"

installer/register.sh build/driver/libtimebutlerodbc.so "Timebutler Demo" "https://127.0.0.1:$port" \
  "$token" "$personnel" "$root/build/certs/sim-cert.pem"
# A fresh cache for the demo's data source.
rm -f "${XDG_CACHE_HOME:-$HOME/.cache}/timebutler-odbc/timebutler_demo.sqlite"*

run() {
  echo
  echo "SQL> $1"
  echo "$1" | isql -v "Timebutler Demo" -b -c -d"|"
}
run "SELECT COUNT(*) AS users FROM users"
run "SELECT user_id, last_name, first_name, employee_number, department FROM users ORDER BY user_id LIMIT 5"
run "SELECT type, COUNT(*) AS absences, SUM(workdays) AS days FROM absences WHERE year = 2025 GROUP BY type ORDER BY days DESC"
run "SELECT u.last_name, SUM(w.working_seconds) / 3600.0 AS hours FROM worktime w JOIN users u ON u.user_id = w.user_id WHERE w.year = 2025 AND w.month = 3 GROUP BY u.last_name ORDER BY hours DESC LIMIT 5"
echo
echo "API requests made: $(wc -l < "$log.requests")"
