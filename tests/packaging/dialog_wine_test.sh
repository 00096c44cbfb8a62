#!/usr/bin/env bash
# The DSN dialog of timebutlerodbc.dll under Wine 10 and Xvfb. The driver is
# registered as an installer would (Driver and Setup: the DLL); the Windows
# program dialog_client.exe then opens the dialog through SQLConfigDataSource
# with a window, fills it by sending messages, clicks Test connection against
# the simulator and saves; the saved DSN connects; configure, SQLDriverConnect
# prompts, a silent system DSN and removal follow (tests/packaging/windows/
# dialog_client.cpp). A GoodTime DSN follows: Source chosen in the dialog,
# login email and API password, tested against a second simulator serving the
# GoodTime profile (--api goodtime). The registry is read for the stored tokens
# and password: protected (DPAPI), never plain text. Screenshots of the filled
# dialog showing its test result are written to OUT_DIR/dsn-dialog.png and
# OUT_DIR/dsn-dialog-goodtime.png (xwd, converted by xwd_to_png.py).
#   dialog_wine_test.sh DLL DIALOG_CLIENT_EXE SIM_BINARY CERT_DIR OUT_DIR
# Needs root (chroot), the Wine root and Xvfb: exits 77 (skipped) otherwise.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
dll=$(readlink -f "$1") client=$(readlink -f "$2") sim=$3 certs=$(readlink -f "$4") out=$5
if [[ $(id -u) -ne 0 ]]; then echo "not root: no chroot for the Wine root, skipped"; exit 77; fi
command -v Xvfb >/dev/null && command -v xwd >/dev/null || { echo "Xvfb or xwd missing (scripts/install-deps.sh), skipped"; exit 77; }
source "$here/../clients/start_sim.sh"
source "$here/wine_session.sh"
rm -rf "$out"; mkdir -p "$out"; out=$(readlink -f "$out")
# GoodTime's simulator first: start_sim sets SIM_* for the last one started.
# Its login and password (tests/odbc/goodtime_helpers.hpp).
gt_login=bjoern.weiss@example.com gt_password=gt-api-pw-4e7d
start_sim "$sim" "$certs" --api goodtime --api-password "$gt_password"
GT_PID=$SIM_PID GT_PORT=$SIM_PORT GT_OUT=$SIM_OUT GT_LOG=$SIM_LOG
start_sim "$sim" "$certs" --users 5 --years 2025
# The server by name: the certificate also names 127.0.0.1, but libcurl 7.88's
# Schannel backend matches host names only.
xvfb_pid=""
trap 'wine_session_stop; [[ -n "$xvfb_pid" ]] && kill $xvfb_pid 2>/dev/null; kill $SIM_PID $GT_PID 2>/dev/null; wait $SIM_PID $GT_PID 2>/dev/null; rm -f "$SIM_OUT" "$SIM_LOG" "$GT_OUT" "$GT_LOG"' EXIT
folders=("$src")
for path in "$dll" "$client" "$certs" "$out"; do [[ "$path" == "$src"/* ]] || folders+=("$(dirname "$path")"); done
wine_session_start wine-tb-dialog "${folders[@]}" || { echo "no Wine root"; exit 1; }
# A display of its own: Xvfb picks a free number and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$out/display" >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [[ -s "$out/display" ]] && break; sleep 0.1; done
[[ -s "$out/display" ]] || { echo "Xvfb did not start"; cat "$out/xvfb.log"; exit 1; }
export DISPLAY=":$(head -n1 "$out/display")"
# Before the prefix is made: Wine's desktop process (explorer), which the
# programs of the session share, uses the display of the first program.

wine_session_prefix || { echo "wineboot failed"; exit 1; }

key='HKLM\Software\ODBC\ODBCINST.INI'
in_root wine64 reg add "$key\\Timebutler" /v Driver /d "$(wine_path "$dll")" /f >/dev/null 2>&1
in_root wine64 reg add "$key\\Timebutler" /v Setup /d "$(wine_path "$dll")" /f >/dev/null 2>&1
in_root wine64 reg add "$key\\ODBC Drivers" /v Timebutler /d Installed /f >/dev/null 2>&1
# Leftovers of a run that stopped half-way.
in_root wine64 reg delete 'HKCU\Software\ODBC\ODBC.INI\TbDialog' /f >/dev/null 2>&1
in_root wine64 reg delete 'HKCU\Software\ODBC\ODBC.INI\TbGoodTime' /f >/dev/null 2>&1
in_root wine64 reg delete 'HKLM\Software\ODBC\ODBC.INI\TbSystem' /f >/dev/null 2>&1

started=$(date +%s)
in_root wine64 "$client" "https://localhost:$SIM_PORT" client-test-token client-test-personnel \
  "$(wine_path "$certs/sim-cert.pem")" "$(wine_path "$out")" "https://localhost:$GT_PORT" "$gt_login" "$gt_password" \
  > "$out/dialog-client.txt" 2>"$out/dialog-client.err" &
client_pid=$!
# A screenshot while the filled dialog shows its test result: the client
# writes NAME-ready (the dialog's place), the script answers NAME-shot-done.
#   screenshot NAME PNG
screenshot() {
  for _ in $(seq 1200); do [[ -f "$out/$1-ready" ]] || ! kill -0 $client_pid 2>/dev/null && break; sleep 0.1; done
  [[ -f "$out/$1-ready" ]] || return 0
  xwd -root -silent -display "$DISPLAY" > "$out/screen.xwd" && python3 "$here/xwd_to_png.py" "$out/screen.xwd" "$out/$2" --rect "$out/$1-ready"
  rm -f "$out/screen.xwd"
  touch "$out/$1-shot-done"
}
screenshot dialog dsn-dialog.png
screenshot goodtime dsn-dialog-goodtime.png
# The client bounds each wait for a dialog at 60 s; 300 s is a hang.
for _ in $(seq 3000); do kill -0 $client_pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $client_pid 2>/dev/null; then echo "dialog_client did not finish in 300 s"; kill $client_pid; fi
wait $client_pid
echo "dialog client ran $(( $(date +%s) - started )) s"
result=$(tr -d '\r' < "$out/dialog-client.txt")
line() { grep -m1 "^$1: " <<<"$result" | sed "s/^$1: //"; }
users=$(grep -c '"action":"users"' "$SIM_LOG")
gt_requests=$(grep -c . "$GT_LOG")

check "add: dialog shown" '^shown$' "$(line 'add dialog')"
check "add: DSN name given by the caller" '^TbDialog$' "$(line 'add dsn field')"
check "Test connection found the users" "^Connected to https://localhost:$SIM_PORT: 5 users\.\$" "$(line 'test connection')"
check "screenshot taken" '^done$' "$(line 'screenshot handshake')"
check "screenshot written" '^yes$' "$([[ -s "$out/dsn-dialog.png" ]] && echo yes || echo no)"
check "add: Source shows Timebutler" '^Timebutler$' "$(line 'add source')"
check "add: GoodTime's fields hidden for Timebutler" '^no$' "$(line 'add goodtime fields visible')"
check "add: saved" '^saved$' "$(line add)"
check "user DSN token protected" '^protected$' "$(line 'user dsn token')"
check "user DSN personnel token protected" '^protected$' "$(line 'user dsn personnel token')"
check "user DSN server stored" "^https://localhost:$SIM_PORT\$" "$(line 'user dsn server')"
check "no value of the user DSN holds the token" '^no$' "$(line 'user dsn plain token anywhere')"
check "user DSN not in HKLM" '^no$' "$(line 'user dsn in HKLM')"
check "saved DSN connects" '^5$' "$(line 'dsn users')"
check "configure: dialog shown" '^shown$' "$(line 'configure dialog')"
check "configure: server read back" "^https://localhost:$SIM_PORT\$" "$(line 'configure server field')"
check "configure: token read back" '^yes$' "$(line 'configure token field matches')"
check "token field masked" '^yes$' "$(line 'token field masked')"
check "configure: saved" '^saved$' "$(line configure)"
check "configure: DefaultYears written" '^3$' "$(line 'configured default years')"
check "configure: token still protected" '^protected$' "$(line 'configured token')"
check "configured DSN connects" '^5$' "$(line 'configured dsn users')"
check "SQLDriverConnect COMPLETE: dialog shown" '^shown$' "$(line 'complete dialog')"
check "COMPLETE: DSN name fixed" '^no$' "$(line 'complete dsn field enabled')"
check "COMPLETE: connects with the typed token" '^5$' "$(line 'complete users')"
check "COMPLETE: the completed string has the typed token" '^yes$' "$(line 'completed string has token')"
check "PROMPT: dialog shown" '^shown$' "$(line 'prompt dialog')"
check "PROMPT: Cancel is SQL_NO_DATA" '^no data$' "$(line 'prompt cancelled')"
check "NOPROMPT with a window: error, no dialog" '^error: ' "$(line 'noprompt with window')"
check "COMPLETE without a window: error, no dialog" '^error: ' "$(line 'complete without window')"
check "a DSN's token never in the completed string" '^no$' "$(line 'dsn token in completed string')"
check "system DSN saved silently" '^saved$' "$(line 'system add')"
check "system DSN token protected (machine scope)" '^protected$' "$(line 'system dsn token')"
check "no value of the system DSN holds the token" '^no$' "$(line 'system dsn plain token anywhere')"
check "system DSN not in HKCU" '^no$' "$(line 'system dsn in HKCU')"
check "system DSN connects" '^5$' "$(line 'system dsn users')"
check "GoodTime: chosen in the Source selector" '^GoodTime$' "$(line 'goodtime source')"
check "GoodTime: login and password fields shown" '^yes$' "$(line 'goodtime fields visible')"
check "GoodTime: token fields hidden" '^no$' "$(line 'goodtime token fields visible')"
check "GoodTime: password field masked" '^yes$' "$(line 'goodtime password field masked')"
gt_test=$(line 'goodtime test connection')
check "GoodTime: Test connection logged in and found the users" "^Connected to https://localhost:$GT_PORT: [1-9][0-9]* users\.\$" "$gt_test"
check "GoodTime: screenshot taken" '^done$' "$(line 'goodtime screenshot handshake')"
check "GoodTime: screenshot written" '^yes$' "$([[ -s "$out/dsn-dialog-goodtime.png" ]] && echo yes || echo no)"
check "GoodTime: saved" '^saved$' "$(line 'goodtime add')"
check "GoodTime DSN: Source stored" '^goodtime$' "$(line 'goodtime dsn source')"
check "GoodTime DSN: UID stored" "^$gt_login\$" "$(line 'goodtime dsn uid')"
check "GoodTime DSN: PWD protected" '^protected$' "$(line 'goodtime dsn pwd')"
check "GoodTime DSN: no Token" '^absent$' "$(line 'goodtime dsn token')"
check "GoodTime DSN: no value holds the password" '^no$' "$(line 'goodtime dsn plain password anywhere')"
# The dialog's count and the DSN's SELECT agree (and are not 0).
gt_users=$(sed -E 's/^Connected to [^ ]+: ([0-9]+) users?\.$/\1/' <<<"$gt_test")
check "GoodTime DSN connects and reads goodtime.users" "^$gt_users\$" "$(line 'goodtime dsn users')"
check "GoodTime configure: Source read back" '^GoodTime$' "$(line 'goodtime configure source')"
check "GoodTime configure: UID read back" "^$gt_login\$" "$(line 'goodtime configure uid field')"
check "GoodTime configure: password read back" '^yes$' "$(line 'goodtime configure password field matches')"
check "GoodTime configure: token fields hidden" '^no$' "$(line 'goodtime configure token fields visible')"
check "GoodTime configure: saved" '^saved$' "$(line 'goodtime configure')"
check "GoodTime configure: PWD still protected" '^protected$' "$(line 'goodtime configured pwd')"
check "GoodTime configure: no value holds the password" '^no$' "$(line 'goodtime configured plain password anywhere')"
check "GoodTime configured DSN connects" "^$gt_users\$" "$(line 'goodtime configured dsn users')"
check "GoodTime COMPLETE_REQUIRED: dialog shown" '^shown$' "$(line 'goodtime complete dialog')"
check "GoodTime COMPLETE_REQUIRED: Source GoodTime" '^GoodTime$' "$(line 'goodtime complete source')"
check "GoodTime COMPLETE_REQUIRED: login field shown" '^yes$' "$(line 'goodtime complete uid field visible')"
check "GoodTime COMPLETE_REQUIRED: connects with the typed login" "^$gt_users\$" "$(line 'goodtime complete users')"
check "GoodTime DSN removed" '^done$' "$(line 'goodtime remove')"
check "GoodTime DSN gone" '^no$' "$(line 'goodtime dsn left')"
check "the GoodTime simulator was asked" '^[1-9]' "$gt_requests"
check "user DSN removed" '^done$' "$(line 'user remove')"
check "system DSN removed" '^done$' "$(line 'system remove')"
check "user DSN gone" '^no$' "$(line 'user dsn left')"
check "system DSN gone" '^no$' "$(line 'system dsn left')"
check "the simulator saw users requests" '^[1-9]' "$users"
[[ $failed -eq 0 ]] || { echo "--- dialog_client output"; echo "$result"; cat "$out/dialog-client.err" | tail -20; }
finish_checks
