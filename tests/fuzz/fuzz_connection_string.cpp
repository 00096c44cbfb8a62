// libFuzzer entry: the connection-string parser and what the driver builds
// from its result. Any text parses; the configuration is built or refused
// with HY024; the completed string the driver hands back parses again to the
// same keys and values (an application reconnecting with it must get the
// same connection). A crash, another exception, a sanitizer report or a
// round trip that changes a value is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "driver/connection_string.hpp"
#include "engine/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto attributes = tb::driver::parse_connection_string(text);
    for (const auto& [key, value] : attributes) {
        if (key.empty()) __builtin_trap();
        const std::string* found = tb::driver::find_attribute(attributes, key);
        if (!found || *found != value) __builtin_trap();   // keys are unique, case-insensitively
    }

    std::vector<std::string> unknown;
    tb::engine::SessionConfig config;
    try {
        config = tb::driver::make_config(attributes, unknown);
    } catch (const tb::engine::Error& e) {
        if (e.sqlstate != "HY024") __builtin_trap();
        return 0;
    }
    if (unknown.size() > attributes.size()) __builtin_trap();

    const std::string completed = tb::driver::complete_connection_string(attributes, config);
    const auto again = tb::driver::parse_connection_string(completed);
    for (const auto& [key, value] : attributes) {
        const std::string* echoed = tb::driver::find_attribute(again, key);
        if (!echoed || *echoed != value) __builtin_trap();
    }
    return 0;
}
