#include "engine/platform/cache_location.hpp"

#include <cstdlib>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

void create_owner_only_file(const std::string& utf8_path) {
    // Created with mode 0600 before SQLite opens it; an older file is narrowed too.
    int fd = ::open(utf8_path.c_str(), O_CREAT | O_RDWR, 0600);
    if (fd >= 0) ::close(fd);
    ::chmod(utf8_path.c_str(), 0600);
}

} // namespace tb::engine::platform
