// One attempt of one request on a libcurl easy handle (internal to api/).
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <exception>
#include <string>

#include "api/client.hpp"

namespace tb::api::detail {

// Everything libcurl points into while an attempt runs. It must stay at a
// fixed address from configure() until the handle left the multi handle.
struct Transfer {
    const Request* request = nullptr;
    const ClientConfig* config = nullptr;
    std::size_t index = 0;       // position in the caller's request list
    int attempt = 0;             // 0 = first try
    CURL* easy = nullptr;
    std::string form;            // url-encoded or JSON body; may hold a secret, wiped on destruction
    curl_slist* headers = nullptr; // REST requests: the shared headers plus Authorization, owned
    curl_mime* mime = nullptr;   // multipart body, owned
    char errbuf[CURL_ERROR_SIZE] = {};
    std::string proxy;           // the proxy this attempt goes through ("" = direct)
    std::string body;
    std::size_t max_body = 0;      // decompressed bytes allowed (config.max_answer_bytes)
    bool too_large = false;        // on_body refused more than max_body
    std::string retry_after;       // the Retry-After header's value, if any
    bool request_started = false;  // CURLOPT_PREREQFUNCTION fired: bytes may be on the wire
    std::string untrusted;         // why the server was refused before the request went out
    // The stall check of a read: the last time a byte arrived (or the
    // request went out), and whether the check ended the attempt.
    std::chrono::steady_clock::time_point last_byte{};
    curl_off_t bytes_seen = 0;
    long stall_ms = 0;             // 0: no stall check (writes)
    bool stalled = false;
    std::exception_ptr failure;    // an exception a callback could not throw through C

    Transfer() = default;
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;
    ~Transfer();
};

// Options every transfer of one Client shares, computed once.
struct TransferSettings {
    const ClientConfig* config = nullptr;
    CURLSH* share = nullptr;          // TLS sessions and DNS shared between the handles
    curl_slist* headers = nullptr;    // "Expect:" and friends
};

// Resets `easy` and sets it up for t.request. Returns "" on success, else
// a message (the attempt then fails with FailureKind::Other).
std::string configure(Transfer& t, CURL* easy, const TransferSettings& settings);

// Builds the outcome of a finished attempt (the body is moved out of t).
Outcome finish(Transfer& t, CURLcode code);

} // namespace tb::api::detail
