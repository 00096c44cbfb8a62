#!/usr/bin/env bash
# PHP odbc through the DSN registered by installer/register.sh and through a
# DSN-less string.   php_odbc_test.sh SIM_BINARY DRIVER_SO CERT_DIR
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/start_sim.sh"
start_sim "$1" "$3" --users 5 --years 2024
register_test_dsn "$2" "$3"
/usr/bin/php "$here/php_odbc_test.php" "DSN=$TEST_DSN" "$DSNLESS"
