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
