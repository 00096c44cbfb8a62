#include "driver/setup/connection_probe.hpp"

#include <exception>

#include "engine/error.hpp"
#include "engine/session.hpp"

namespace tb::driver::setup {

ProbeResult probe_connection(const Attributes& values, long timeout_seconds) {
    try {
        std::vector<std::string> unknown;
        auto config = make_config(values, unknown);
        engine::Session session(config);
        session.check_connection(timeout_seconds);
        std::vector<engine::Warning> warnings;
        const auto users = session.user_ids(warnings);
        std::string message = "Connected to " + config.server + ": " + std::to_string(users.size()) +
                              (users.size() == 1 ? " user." : " users.");
        if (!warnings.empty()) message += " Warning: " + warnings.front().message;
        return {true, message};
    } catch (const engine::Error& e) {
        // engine::Error messages carry the advice and never a token.
        return {false, "[" + e.sqlstate + "] " + e.what()};
    } catch (const std::exception& e) {
        return {false, std::string("The test failed: ") + e.what()};
    }
}

} // namespace tb::driver::setup
