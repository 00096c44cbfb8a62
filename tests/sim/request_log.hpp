// --request-log: one JSON object per request, appended and flushed at once so
// a test can read the file while the simulator keeps running.
#pragma once

#include <cstdio>
#include <map>
#include <mutex>
#include <string>

namespace sim {

struct LogEntry {
    std::string action;
    std::map<std::string, std::string> params;  // without auth, tokens redacted
    int status = 0;                              // 0: connection closed unanswered
    size_t bytes = 0;                            // response body, before any compression
    size_t upload_bytes = 0;                     // size of the csvdatafile part
};

class RequestLog {
public:
    RequestLog(const std::string& path, std::string token, std::string personnel_token);
    ~RequestLog();
    RequestLog(const RequestLog&) = delete;
    RequestLog& operator=(const RequestLog&) = delete;

    bool ok() const { return file_ != nullptr || path_.empty(); }
    void write(const LogEntry& entry);

private:
    std::string path_;
    std::string token_, personnel_token_;
    std::FILE* file_ = nullptr;
    std::mutex mutex_;
};

}  // namespace sim
