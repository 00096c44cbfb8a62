#include "request_log.hpp"

#include "json_text.hpp"

namespace sim {

RequestLog::RequestLog(const std::string& path, std::string token, std::string personnel_token)
    : path_(path), token_(std::move(token)), personnel_token_(std::move(personnel_token)) {
    if (!path.empty()) file_ = std::fopen(path.c_str(), "a");
}

RequestLog::~RequestLog() {
    if (file_) std::fclose(file_);
}

void RequestLog::write(const LogEntry& e) {
    if (!file_) return;
    std::string line = "{";
    if (!e.method.empty()) {
        line += "\"method\":";
        append_json_string(line, e.method);
        line += ",\"path\":";
        append_json_string(line, e.path);
        line += ',';
    }
    line += "\"action\":";
    append_json_string(line, e.action);
    line += ",\"params\":{";
    bool first = true;
    for (const auto& [k, v] : e.params) {
        if (k == "auth") continue;
        if (!first) line += ',';
        first = false;
        append_json_string(line, k);
        line += ':';
        // A token sent in the wrong field must not reach the log either.
        const bool secret = !v.empty() && (v == token_ || v == personnel_token_ || (is_secret_ && is_secret_(v)));
        append_json_string(line, secret ? std::string("***") : v);
    }
    line += "},\"status\":" + std::to_string(e.status) + ",\"bytes\":" + std::to_string(e.bytes) +
            ",\"upload_bytes\":" + std::to_string(e.upload_bytes) + "}\n";
    std::lock_guard lock(mutex_);
    std::fwrite(line.data(), 1, line.size(), file_);
    std::fflush(file_);
}

}  // namespace sim
