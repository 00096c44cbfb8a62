// --request-log: one JSON object per request, appended and flushed at once so
// a test can read the file while the simulator keeps running.
#pragma once

#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace sim {

struct LogEntry {
    // Written only when set (the GoodTime profile): the HTTP method and the
    // path without the query string.
    std::string method, path;
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
    // Values this predicate calls secret are written as *** as well (the
    // GoodTime profile: any token the simulator issued).
    void set_secret_test(std::function<bool(const std::string&)> is_secret) { is_secret_ = std::move(is_secret); }
    void write(const LogEntry& entry);

private:
    std::string path_;
    std::string token_, personnel_token_;
    std::function<bool(const std::string&)> is_secret_;
    std::FILE* file_ = nullptr;
    std::mutex mutex_;
};

}  // namespace sim
