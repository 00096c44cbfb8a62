// Where the on-disk cache lives and how its file is protected: one seam,
// one file per platform (cache_location_posix.cpp, cache_location_windows.cpp).
#pragma once

#include <string>
#include <string_view>

namespace tb::engine::platform {

// The UTF-8 path (as SQLite takes it) of a cache file in the per-user cache
// folder, which is created if missing:
//   POSIX:   $XDG_CACHE_HOME/timebutler-odbc, else ~/.cache/timebutler-odbc
//   Windows: %LOCALAPPDATA%\Timebutler\cache (a service account gets its own)
std::string cache_file_path(std::string_view file_name);

// Leaves the cache file readable and writable by its owner alone (mode 0600;
// on Windows a protected DACL granting only the current user): it holds HR
// data. Called right after SQLite opened, and so created, the file and before
// anything is written. Not before: on POSIX, closing any descriptor of the
// file drops every lock this process holds on it, so another connection of
// the process would lose its SQLite locks.
void make_owner_only(const std::string& utf8_path);

} // namespace tb::engine::platform
