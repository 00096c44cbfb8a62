// The one exception type of the driver: SQLSTATE, native error, message.
// The driver turns it into a diagnostic record; messages never hold a token.
#pragma once

#include <stdexcept>
#include <string>

namespace tb::engine {

struct Error : std::runtime_error {
    Error(std::string sqlstate, std::string message, long native = 0)
        : std::runtime_error(std::move(message)), sqlstate(std::move(sqlstate)), native(native) {}
    std::string sqlstate;   // five characters, e.g. "42S02"
    long native = 0;        // the HTTP status for HTTP failures
};

// A warning that does not fail the statement (01S07 for a value that did not
// parse, 01000 for a service warning). Row and column are 0 when unknown.
struct Warning {
    std::string sqlstate;
    std::string message;
    long native = 0;
    long row = 0;
    int column = 0;
};

} // namespace tb::engine
