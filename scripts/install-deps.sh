#!/usr/bin/env bash
# Installs the Debian 12 packages the build, the tests and the demo need,
# only those that are missing. Runs as root, or through sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates openssl
  unixodbc unixodbc-dev odbcinst
  libcurl4-openssl-dev libsqlite3-dev sqlite3 libboost-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
  rapidjson-dev          # header-only JSON: the driver decodes GoodTime answers, the simulator reads its request bodies
  python3 python3-pyodbc libsqliteodbc
  libiodbc2 iodbc   # the iODBC variant's runtime and iodbctest; headers: scripts/iodbc-headers.sh
  clang libclang-rt-dev ccache
  python3-pandas libdbd-odbc-perl php-cli php-odbc   # client tests: pandas, Perl DBI, PHP
  rpm                    # rpmbuild, for the .rpm (cpack)
  default-jdk-headless   # jar, for the Tableau .taco
  libxml2-utils          # xmllint, validates the Tableau connector against the SDK's XSDs
  msitools wixl          # msiinfo/msidump and wixl: the Windows installers
  r-base-core r-cran-rodbc r-cran-dbi   # client tests in R (Debian 12 has no r-cran-odbc: DBI/odbc skips)
  libreoffice-base python3-uno          # client test of LibreOffice Base through Python UNO
  # The Windows cross build (scripts/build-windows.sh) and its Wine root (tests/wine):
  # dpkg-dev for apt-get source, tcl for SQLite's amalgamation.
  g++-mingw-w64-x86-64-posix g++-mingw-w64-i686-posix libz-mingw-w64-dev dpkg-dev tcl debootstrap
  xvfb x11-apps          # the DSN dialog test under Wine: a virtual display, and xwd for its screenshot
)
# npm (the Power Query parser for the Power BI connector test), unless a
# Node.js with npm is installed already (NodeSource's nodejs bundles it).
command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
