// Failure classification and retry policy of the HTTP client (internal to api/).
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "api/client.hpp"

namespace tb::api::detail {

// Maps a libcurl result to the kind the engine reports. request_started tells
// whether libcurl got as far as sending the request (CURLOPT_PREREQFUNCTION
// fired): a timeout before that point is a connect failure, nothing was sent.
FailureKind classify(CURLcode code, bool request_started);

// Whether an attempt that ended with `outcome` may be sent again.
// Reads: connection, transfer and timeout failures and HTTP 429/500/502/503/504.
// Writes: only a connection that was never established (nothing was sent),
// because anything else may have reached the server.
bool may_retry(const Request& request, const Outcome& outcome);

// A Retry-After value (delay-seconds or HTTP-date, RFC 9110 10.2.3) as a
// wall-clock time; nullopt when absent or unreadable.
std::optional<std::chrono::system_clock::time_point> retry_time(const std::string& value);

// Pause before attempt number `retry` (1 = first retry): 100 ms, 300 ms, 900 ms,
// capped at 2 s. Short, because the engine's caller is waiting interactively.
std::chrono::milliseconds backoff(int retry);

// Replaces each whole occurrence of `secret` (and of its form-escaped
// spelling) in `text` by "***" (scrub_secrets). Defensive: curl's messages never quote POST bodies, but a
// token must not reach a log or diagnostic even if one ever did.
std::string scrub(std::string text, std::string_view secret);

const char* failure_name(FailureKind kind);

} // namespace tb::api::detail
