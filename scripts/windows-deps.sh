#!/usr/bin/env bash
# Builds the Windows driver's dependencies from Debian's own source packages
# for one target (x64 or x86) and prints the folder they were installed into:
#   libcurl  - Debian's curl source, Schannel backend, HTTP(S) only, zlib
#   SQLite   - the amalgamation made from Debian's sqlite3 source (patches applied)
#   zlib     - libz-mingw-w64-dev (already a static mingw library)
#   Boost    - the host's headers (header-only Spirit X3), linked into an include folder
# Sources come through `apt-get source` with a private sources list and lists
# folder: the system's apt configuration is not touched. Everything is cached
# under $TB_WIN_BUILD keyed by the source version, so a second run skips it.
# Usage: scripts/windows-deps.sh x64|x86
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:?x64 or x86}
case "$target" in
  x64) triple=x86_64-w64-mingw32 ;;
  x86) triple=i686-w64-mingw32 ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
out=${TB_WIN_BUILD:-$root/build/windows}
jobs=${TB_JOBS:-2}
mkdir -p "$out/apt/lists/partial" "$out/apt/cache/archives/partial" "$out/apt/sources.list.d" "$out/src" "$out/deps"

log() { echo "windows-deps[$target]: $*" >&2; }

# A private apt: deb-src of the machine's own release, its own lists and cache.
apt_private=(-o Dir::Etc::SourceList="$out/apt/sources.list" -o Dir::Etc::SourceParts="$out/apt/sources.list.d"
             -o Dir::State::Lists="$out/apt/lists" -o Dir::Cache="$out/apt/cache" -o Debug::NoLocking=1)
release=$(. /etc/os-release && echo "$VERSION_CODENAME")
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
cat > "$out/apt/sources.list.new" <<EOF
deb-src [signed-by=$keyring] http://deb.debian.org/debian $release main
deb-src [signed-by=$keyring] http://deb.debian.org/debian $release-updates main
deb-src [signed-by=$keyring] http://deb.debian.org/debian-security $release-security main
EOF
if ! cmp -s "$out/apt/sources.list.new" "$out/apt/sources.list" || ! ls "$out"/apt/lists/*Sources* >/dev/null 2>&1; then
  mv "$out/apt/sources.list.new" "$out/apt/sources.list"
  log "apt-get update (private lists)"
  apt-get "${apt_private[@]}" update -qq >&2
else
  rm -f "$out/apt/sources.list.new"
fi

source_version() { apt-cache "${apt_private[@]}" showsrc "$1" | awk '/^Version:/ {print $2}' | sort -V | tail -1; }

# Unpacks Debian's source of $1 (patches applied by dpkg-source) once; prints its folder.
unpack_source() {
  local package=$1 version upstream dir
  version=$(source_version "$package")
  upstream=${version#*:}; upstream=${upstream%-*}
  dir="$out/src/$package-$version"
  if [[ ! -f "$dir/.unpacked" ]]; then
    log "apt-get source $package=$version"
    rm -rf "$dir" "$out/src/tmp-$package"; mkdir -p "$out/src/tmp-$package"
    (cd "$out/src/tmp-$package" && apt-get "${apt_private[@]}" source -qq "$package=$version" >&2)
    mv "$out/src/tmp-$package/$package-$upstream" "$dir"
    rm -rf "$out/src/tmp-$package"
    touch "$dir/.unpacked"
  fi
  echo "$dir"
}

prefix="$out/deps/$target"
mkdir -p "$prefix"

# Boost: header-only, the host's headers as they are (an include folder that
# holds only boost/, so the cross compiler does not see glibc's headers).
mkdir -p "$out/deps/boost-include"
ln -sfn /usr/include/boost "$out/deps/boost-include/boost"

# SQLite: the amalgamation is target-independent; made once with tclsh.
sqlite_src=$(unpack_source sqlite3)
if [[ ! -f "$sqlite_src/sqlite3.c" ]]; then
  log "making the SQLite amalgamation"
  (mkdir -p "$sqlite_src/amalgamation" && cd "$sqlite_src/amalgamation" &&
   ../configure -q >/dev/null && make -s sqlite3.c >/dev/null && cp sqlite3.c sqlite3.h sqlite3ext.h "$sqlite_src/")
fi
sqlite_dir="$prefix/sqlite-$(basename "$sqlite_src" | sed 's/^sqlite3-//')"
if [[ ! -f "$sqlite_dir/lib/libsqlite3.a" ]]; then
  log "building SQLite"
  mkdir -p "$sqlite_dir/lib" "$sqlite_dir/include"
  # The compile options of Debian's libsqlite3 (`PRAGMA compile_options`) that
  # change what SQL does, so the Windows driver answers as the Linux one.
  $triple-gcc-posix -O2 -c "$sqlite_src/sqlite3.c" -o "$sqlite_dir/sqlite3.o" \
    -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_MATH_FUNCTIONS \
    -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_OMIT_LOAD_EXTENSION \
    -DSQLITE_MAX_VARIABLE_NUMBER=250000 -DSQLITE_MAX_COLUMN=2000 -DSQLITE_SOUNDEX \
    -DSQLITE_DEFAULT_RECURSIVE_TRIGGERS -DSQLITE_LIKE_DOESNT_MATCH_BLOBS -DSQLITE_SECURE_DELETE \
    -DSQLITE_MAX_SCHEMA_RETRY=25 -DSQLITE_USE_URI -DSQLITE_TEMP_STORE=1 -DSQLITE_OMIT_LOOKASIDE
  $triple-ar rcs "$sqlite_dir/lib/libsqlite3.a" "$sqlite_dir/sqlite3.o"
  rm "$sqlite_dir/sqlite3.o"
  cp "$sqlite_src/sqlite3.h" "$sqlite_src/sqlite3ext.h" "$sqlite_dir/include/"
fi
ln -sfn "$(basename "$sqlite_dir")" "$prefix/sqlite"

# libcurl: Schannel (Windows' TLS and certificate store), SSPI for NTLM and
# Negotiate proxy authentication, HTTP(S) only, zlib; static.
curl_src=$(unpack_source curl)
curl_dir="$prefix/curl-$(basename "$curl_src" | sed 's/^curl-//')"
if [[ ! -f "$curl_dir/lib/libcurl.a" ]]; then
  log "building libcurl"
  rm -rf "$curl_dir.build"
  # CURL_CA_BUNDLE/CURL_CA_PATH=none: curl's CMake would otherwise bake this
  # build machine's CA bundle path into the library; Schannel uses the Windows store.
  cmake -S "$curl_src" -B "$curl_dir.build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/mingw-$target.cmake" -DCMAKE_INSTALL_PREFIX="$curl_dir" \
    -DBUILD_SHARED_LIBS=OFF -DBUILD_CURL_EXE=OFF -DBUILD_TESTING=OFF -DENABLE_MANUAL=OFF \
    -DCURL_USE_SCHANNEL=ON -DCURL_USE_OPENSSL=OFF -DCURL_WINDOWS_SSPI=ON -DHTTP_ONLY=ON \
    -DCURL_CA_BUNDLE=none -DCURL_CA_PATH=none -DCURL_CA_FALLBACK=OFF \
    -DCURL_ZLIB=ON -DZLIB_INCLUDE_DIR=/usr/$triple/include -DZLIB_LIBRARY=/usr/$triple/lib/libz.a \
    -DCURL_BROTLI=OFF -DCURL_ZSTD=OFF -DUSE_NGHTTP2=OFF -DUSE_LIBIDN2=OFF -DCURL_USE_LIBSSH2=OFF \
    -DCURL_USE_LIBPSL=OFF -DENABLE_UNIX_SOCKETS=OFF -DCURL_DISABLE_LDAP=ON -DCURL_DISABLE_LDAPS=ON \
    -DENABLE_THREADED_RESOLVER=ON >"$out/curl-$target-configure.log" 2>&1 \
    || { cat "$out/curl-$target-configure.log" >&2; exit 1; }
  cmake --build "$curl_dir.build" -j"$jobs" --target install >"$out/curl-$target-build.log" 2>&1 \
    || { tail -40 "$out/curl-$target-build.log" >&2; exit 1; }
  rm -rf "$curl_dir.build"
fi
ln -sfn "$(basename "$curl_dir")" "$prefix/curl"
echo "$prefix"
