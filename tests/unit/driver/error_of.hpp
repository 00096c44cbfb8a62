// What the driver's unit tests share: the SQLSTATE and message of the
// engine::Error a call throws, as one string, or "no error".
#pragma once

#include <functional>
#include <string>

#include "engine/error.hpp"

namespace tb::test {

inline std::string error_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const tb::engine::Error& e) {
        return e.sqlstate + " " + e.what();
    }
    return "no error";
}

} // namespace tb::test
