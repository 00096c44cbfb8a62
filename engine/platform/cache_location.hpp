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

// Creates the file if it is missing and leaves it readable and writable by
// its owner alone (mode 0600; on Windows a protected DACL granting only the
// current user). It holds HR data.
void create_owner_only_file(const std::string& utf8_path);

} // namespace tb::engine::platform
