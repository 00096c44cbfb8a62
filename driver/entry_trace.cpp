#include "driver/entry_trace.hpp"

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <mutex>
#include <string>
#include <unistd.h>

namespace tb::driver {

void record_entry(const char* function) {
    static const char* const path = std::getenv("TB_TRACE_ENTRY_FILE");
    if (!path || !*path) return;
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    // O_APPEND: several test processes may share one file; a short line is written whole.
    const int fd = ::open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) return;
    const std::string line = std::string(function) + "\n";
    [[maybe_unused]] auto written = ::write(fd, line.data(), line.size());
    ::close(fd);
}

} // namespace tb::driver
