// The Server key: its scheme and the rule that the token travels only over
// HTTPS (plain HTTP only to this machine, and only when asked for).
#pragma once

#include <string>

#include "engine/config.hpp"

namespace tb::engine {

// "https://host[:port]" without trailing slashes; "https://" is added when
// no scheme is given. An http:// address fails with 08001 unless
// AllowInsecureLocalhost=1 and its host is 127.0.0.1, localhost or [::1].
std::string checked_server(const SessionConfig& config);

// Whether `server` is a plain http:// address (case-insensitive scheme).
bool is_plain_http(const std::string& server);

} // namespace tb::engine
