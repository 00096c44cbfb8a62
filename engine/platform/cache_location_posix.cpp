#include "engine/platform/cache_location.hpp"

#include <cstdlib>
#include <filesystem>
#include <sys/stat.h>

namespace tb::engine::platform {

std::string cache_file_path(std::string_view file_name) {
    std::filesystem::path dir;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) dir = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) dir = std::filesystem::path(home) / ".cache";
    else dir = "/tmp";
    dir /= "timebutler-odbc";
    std::filesystem::create_directories(dir);
    return (dir / file_name).string();
}

void make_owner_only(const std::string& utf8_path) {
    // The -wal and -shm files take the database's mode.
    ::chmod(utf8_path.c_str(), 0600);
}

} // namespace tb::engine::platform
