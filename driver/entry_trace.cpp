#include "driver/entry_trace.hpp"

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

namespace tb::driver {

void record_entry(const char* function) {
    static const char* const path = std::getenv("TB_TRACE_ENTRY_FILE");
    if (!path || !*path) return;
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    // Append mode (O_APPEND on POSIX, FILE_APPEND_DATA semantics on Windows):
    // several test processes may share one file; a short line is written whole.
    std::FILE* file = std::fopen(path, "a");
    if (!file) return;
    const std::string line = std::string(function) + "\n";
    std::fwrite(line.data(), 1, line.size(), file);
    std::fclose(file);
}

} // namespace tb::driver
