// The dialog's "Test connection": connects with the dialog's values as
// SQLDriverConnect would and says what it found, in one line for a person.
#pragma once

#include <string>

#include "driver/connection_string.hpp"

namespace tb::driver::setup {

struct ProbeResult {
    bool ok = false;
    std::string message;   // "Connected to <server>: 7 users." or the first error with its advice
};

// Bounded by `timeout_seconds` (the login timeout of the connect and of the
// users request). Never throws; never quotes a token.
ProbeResult probe_connection(const Attributes& values, long timeout_seconds = 30);

} // namespace tb::driver::setup
