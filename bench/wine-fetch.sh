#!/usr/bin/env bash
# The fetch rate of the Windows DLL under Wine beside the Linux .so, over the
# same rows of one simulator: bench_fetch_rate (bench/fetch_rate.cpp) built
# for Linux (unixODBC -> libtimebutlerodbc.so) and cross-built for Windows
# (Wine's odbc32 -> timebutlerodbc.dll), each printing rows per second for
# SQLBindCol row arrays and SQLGetData per cell. A figure, not a gate: Wine's
# overhead is not Windows'.
# Usage: bench/wine-fetch.sh [users=1000] [entries-per-user-month=100] [runs=3]
#   after the Linux build (build/, with bench_fetch_rate) and
#   TB_WIN_TESTS=ON scripts/build-windows.sh x64; runs as root (chroot).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
target=x64
users=${1:-1000} entries=${2:-100} runs=${3:-3}
. "$src/tests/wine/wine-env.sh"
linux_tool="$linux_build/bench/bench_fetch_rate"
windows_tool="$bin/bench/bench_fetch_rate.exe"
for f in "$linux_tool" "$windows_tool" "$linux_build/tests/sim/timebutler-sim" "$linux_build/driver/libtimebutlerodbc.so"; do
  [[ -e "$f" ]] || { echo "missing $f (build it first)" >&2; exit 1; }
done

token=bench-token
port_file=$(mktemp /tmp/tb-bench-sim-XXXXXX)
"$linux_build/tests/sim/timebutler-sim" --port 0 --cert "$linux_build/certs/sim-cert.pem" \
  --key "$linux_build/certs/sim-key.pem" --token "$token" --users "$users" \
  --worktime-per-user-month "$entries" --years 2024-2024 --no-compression >"$port_file" 2>/dev/null &
sim_pid=$!
for _ in $(seq 100); do [[ -s "$port_file" ]] && break; sleep 0.1; done
port=$(head -1 "$port_file"); rm -f "$port_file"
sql="SELECT * FROM worktime WHERE year = 2024 AND month = 3"
common="Server=https://127.0.0.1:$port;Token=$token;Cache=memory"

echo "wine-fetch: timebutler-sim on port $port, $users users x $entries entries, worktime 2024-03, best of $runs"
linux=$("$linux_tool" "Driver=$linux_build/driver/libtimebutlerodbc.so;$common;CAFile=$linux_build/certs/sim-cert.pem" "$sql" "$runs")
windows=$(in_root wine64 "$windows_tool" "Driver={$driver_name};$common;CAFile=$(wine_path "$linux_build/certs/sim-cert.pem")" "$sql" "$runs" | tr -d '\r')
field() { sed -n "s/.*\b$1 \([0-9.]*\).*/\1/p" <<<"$2"; }
printf '%-34s %10s %10s %16s %18s\n' "driver" "rows" "load s" "bound rows/s" "getdata rows/s"
printf '%-34s %10s %10s %16s %18s\n' "Linux .so (unixODBC)" "$(field rows "$linux")" "$(field load_s "$linux")" \
  "$(field bound_rows_per_s "$linux")" "$(field getdata_rows_per_s "$linux")"
printf '%-34s %10s %10s %16s %18s\n' "Windows DLL under Wine (odbc32)" "$(field rows "$windows")" \
  "$(field load_s "$windows")" "$(field bound_rows_per_s "$windows")" "$(field getdata_rows_per_s "$windows")"
[[ "$(field rows "$linux")" == "$(field rows "$windows")" ]] || { echo "the two drivers returned different row counts" >&2; exit 1; }
