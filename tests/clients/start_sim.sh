# Sourced by client tests: starts the simulator on a free port, and counts checks.
#   start_sim SIM_BINARY CERT_DIR [flags...]  -> sets SIM_PORT, SIM_LOG (request log); stops it on exit
#   check NAME EXPECTED-REGEX ACTUAL          -> counts into passed/failed, prints a failure
#   finish_checks                             -> prints the counts; fails if any check failed
start_sim() {
  local binary=$1 certs=$2
  shift 2
  SIM_OUT=$(mktemp)
  SIM_LOG=$(mktemp)
  "$binary" --port 0 --cert "$certs/sim-cert.pem" --key "$certs/sim-key.pem" --request-log "$SIM_LOG" \
    --token client-test-token --personnel-token client-test-personnel "$@" > "$SIM_OUT" 2>/dev/null &
  SIM_PID=$!
  trap 'kill $SIM_PID 2>/dev/null; wait $SIM_PID 2>/dev/null; rm -f "$SIM_OUT" "$SIM_LOG"; [[ -n "${WORK:-}" ]] && rm -rf "$WORK"' EXIT
  for _ in $(seq 100); do [[ -s "$SIM_OUT" ]] && break; sleep 0.05; done
  SIM_PORT=$(head -n1 "$SIM_OUT")
  [[ "$SIM_PORT" =~ ^[0-9]+$ ]] || { echo "simulator did not start"; exit 1; }
}

passed=0 failed=0
check() {
  if [[ "$3" =~ $2 ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1: expected /$2/ in:"; echo "$3"; fi
}
finish_checks() {
  echo "$passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}

# Registers the driver and a user DSN "Timebutler Test" for the simulator the
# way the docs say (installer/register.sh), into a private HOME, ODBCSYSINI
# and ODBCINI so that nothing of the machine's own setup is touched. Sets
# WORK, TEST_DSN and DSNLESS (a DSN-less connection string).
#   register_test_dsn DRIVER_SO CERT_DIR
register_test_dsn() {
  local driver=$1 certs=$2 root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  WORK=$(mktemp -d)
  export HOME="$WORK" XDG_CACHE_HOME="$WORK/cache" ODBCSYSINI="$WORK" ODBCINI="$WORK/odbc.ini"
  export LANG=C.UTF-8 LC_ALL=C.UTF-8
  TEST_DSN="Timebutler Test"
  "$root/installer/register.sh" "$driver" "$TEST_DSN" "https://127.0.0.1:$SIM_PORT" client-test-token \
    client-test-personnel "$certs/sim-cert.pem" || { echo "register.sh failed"; exit 1; }
  DSNLESS="Driver=$(readlink -f "$driver");Server=https://127.0.0.1:$SIM_PORT;Token=client-test-token;PersonnelToken=client-test-personnel;CAFile=$certs/sim-cert.pem;Cache=memory"
}
