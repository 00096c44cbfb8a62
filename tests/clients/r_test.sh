#!/usr/bin/env bash
# R against the driver: starts the simulator, registers a user DSN as the user
# guide writes it (a private ODBCINI/ODBCSYSINI), and runs an R script with
# Rscript, which connects through the DSN and through a DSN-less string.
#   r_test.sh SCRIPT.R SIM_BINARY DRIVER_SO CERT_DIR
# Exit 77 (ctest's SKIP_RETURN_CODE) when Rscript or the script's R package is
# not installed; the script itself decides the latter.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
script=$1
shift
command -v Rscript > /dev/null || { echo "SKIP: Rscript is not installed (r-base-core)"; exit 77; }
source "$here/start_sim.sh"
start_sim "$1" "$3" --users 25 --years 2023-2025
WORK=$(mktemp -d)
export ODBCINI="$WORK/odbc.ini" ODBCSYSINI="$WORK" LANG=C.UTF-8 LC_ALL=C.UTF-8
cat > "$WORK/odbcinst.ini" <<INI
[Timebutler]
Driver = $(readlink -f "$2")
INI
cat > "$ODBCINI" <<INI
[Timebutler R]
Description    = Timebutler account
Driver         = Timebutler
Server         = https://127.0.0.1:$SIM_PORT
Token          = client-test-token
PersonnelToken = client-test-personnel
CAFile         = $3/sim-cert.pem
Cache          = file
CacheTTL       = 300
INI
chmod 600 "$ODBCINI"
export TB_DSN="Timebutler R" TB_SIM_LOG="$SIM_LOG" \
  TB_CONNECTION_STRING="Driver=$(readlink -f "$2");Server=https://127.0.0.1:$SIM_PORT;Token=client-test-token;CAFile=$3/sim-cert.pem;Cache=memory"
# The DSN's file cache goes into the private work directory.
export XDG_CACHE_HOME="$WORK/cache"
Rscript --vanilla "$here/$script"
