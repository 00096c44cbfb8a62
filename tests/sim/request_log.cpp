#include "request_log.hpp"

namespace sim {

namespace {
void json_string(std::string& out, const std::string& s) {
    out += '"';
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (u < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", u);
                out += buf;
            } else {
                out += c;  // UTF-8 passes through unchanged
            }
        }
    }
    out += '"';
}
}  // namespace

RequestLog::RequestLog(const std::string& path, std::string token, std::string personnel_token)
    : path_(path), token_(std::move(token)), personnel_token_(std::move(personnel_token)) {
    if (!path.empty()) file_ = std::fopen(path.c_str(), "a");
}

RequestLog::~RequestLog() {
    if (file_) std::fclose(file_);
}

void RequestLog::write(const LogEntry& e) {
    if (!file_) return;
    std::string line = "{\"action\":";
    json_string(line, e.action);
    line += ",\"params\":{";
    bool first = true;
    for (const auto& [k, v] : e.params) {
        if (k == "auth") continue;
        if (!first) line += ',';
        first = false;
        json_string(line, k);
        line += ':';
        // A token sent in the wrong field must not reach the log either.
        json_string(line, (!v.empty() && (v == token_ || v == personnel_token_)) ? std::string("***") : v);
    }
    line += "},\"status\":" + std::to_string(e.status) + ",\"bytes\":" + std::to_string(e.bytes) +
            ",\"upload_bytes\":" + std::to_string(e.upload_bytes) + "}\n";
    std::lock_guard lock(mutex_);
    std::fwrite(line.data(), 1, line.size(), file_);
    std::fflush(file_);
}

}  // namespace sim
