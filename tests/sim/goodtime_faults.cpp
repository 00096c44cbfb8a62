#include <string>

#include "goodtime_resources.hpp"

namespace sim::goodtime {

bool is_json_fault(const std::string& kind) {
    return kind == "truncated" || kind == "not-array" || kind == "wrong-type" || kind == "bad-time";
}

std::string alter_json_answer(const std::string& kind, std::string body) {
    if (kind == "truncated") return body.substr(0, body.size() / 2);
    if (kind == "not-array")
        return R"({"error":"INTERNAL_ERROR","message":"the service could not answer, try again later"})";
    if (kind == "wrong-type") {
        // {"id":1001,... -> {"id":"n/a",...
        const auto at = body.find("{\"id\":");
        if (at == std::string::npos) return body;
        const auto value = at + 6;
        const auto end = body.find_first_not_of("0123456789", value);
        return body.replace(value, end - value, "\"n/a\"");
    }
    if (kind == "bad-time") {
        // The first starttime, an ISO string or epoch milliseconds, becomes text that is no time.
        const std::string key = "\"starttime\":";
        const auto at = body.find(key);
        if (at == std::string::npos) return body;
        const auto value = at + key.size();
        const auto end = body.find(',', value);
        return body.replace(value, end - value, "\"31.02.2025 25:61\"");
    }
    return body;
}

}  // namespace sim::goodtime
