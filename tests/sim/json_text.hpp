// JSON string escaping, shared by the request log and the GoodTime answers.
#pragma once

#include <string>
#include <string_view>

namespace sim {

// Appends s as a JSON string literal; UTF-8 passes through unchanged.
void append_json_string(std::string& out, std::string_view s);

}  // namespace sim
