#!/usr/bin/env bash
# The export coverage check: runs an integration test executable (through the
# unixODBC driver manager) with the driver's entry trace on, then compares the
# entry points that were entered with the symbols the built driver exports and
# with driver/exports.map. Fails, naming them, if an export was never entered
# or if the map and the library disagree.
# usage: export_coverage.sh <libtimebutlerodbc.so> <exports.map> <test-executable>...
set -euo pipefail
driver=$1 map=$2
shift 2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The dynamic symbol table of the built library: defined functions only.
nm -D --defined-only "$driver" | awk '$2 == "T" { print $3 }' | sort -u > "$work/exported"
# The version script's global names.
sed -n '/global:/,/local:/p' "$map" | grep -oE '^\s*[A-Za-z][A-Za-z0-9]*;' | tr -d ' ;' | sort -u > "$work/mapped"
if ! diff -u "$work/mapped" "$work/exported" > "$work/map.diff"; then
  echo "driver/exports.map and the symbols of $driver disagree (- map only, + library only):"
  cat "$work/map.diff"
  exit 1
fi

# Run the tests; each entry point appends its name the first time it is
# entered in a process. Every executable runs even if one fails.
status=0
for test in "$@"; do
  TB_TRACE_ENTRY_FILE="$work/entered" "$test" || status=1
done
touch "$work/entered"
sort -u "$work/entered" > "$work/covered"

missing=$(comm -23 "$work/exported" "$work/covered")
total=$(wc -l < "$work/exported")
if [[ -n "$missing" ]]; then
  echo "exported entry points never entered through the driver manager ($(wc -l <<< "$missing") of $total):"
  echo "$missing" | sed 's/^/  /'
  echo "add a test to tests/odbc/test_entry_points.cpp that reaches each (and make sure it starts with TB_ENTRY())"
  exit 1
fi
echo "export coverage: all $total exported entry points were entered through the driver manager"
exit $status
