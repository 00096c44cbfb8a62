#!/usr/bin/env bash
# Installs Microsoft's Power Query parser (npm) into BUILD_DIR/npm, once: the
# version is pinned, and npm prefers its local cache (~/.npm) to the registry.
#   install_pq_parser.sh BUILD_DIR VERSION
set -euo pipefail
prefix=$1/npm version=$2
installed=$prefix/node_modules/@microsoft/powerquery-parser/package.json
if [[ -f $installed ]] && grep -q "\"version\": \"$version\"" "$installed"; then
  echo "@microsoft/powerquery-parser $version already in $prefix"; exit 0
fi
command -v npm >/dev/null || { echo "npm not found: run scripts/install-deps.sh"; exit 1; }
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-save --prefer-offline --no-audit --no-fund --loglevel=error \
  "@microsoft/powerquery-parser@$version"
grep -q "\"version\": \"$version\"" "$installed"
