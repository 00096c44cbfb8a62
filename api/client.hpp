// The HTTP client of every source: Timebutler's form POSTs and the JSON
// requests of REST sources (GET with a query, POST of a JSON body, DELETE,
// a Bearer token) over HTTPS with libcurl. Knows only libcurl.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tb::api {

struct ClientConfig {
    std::string server;            // "https://host:port" (no trailing /api/v1)
    std::string ca_file;           // extra CA bundle (the simulator's certificate); "" = system store
    bool verify_peer = true;
    std::string proxy;             // "host:port" or a URL; "" = the platform's default (api/platform)
    std::string no_proxy;          // hosts that bypass the proxy, comma-separated
    bool check_revocation = true;  // Windows/Schannel: best-effort CRL/OCSP check
    bool allow_plain_http = false; // http:// URLs (the engine allows them for loopback tests only)
    long connect_timeout_ms = 10000;   // TCP + TLS handshake of one attempt
    // An attempt of a read ends when no byte arrived for this long after
    // the request went out (checked about once a second).
    // Writes wait for their answer up to request_timeout_ms instead: the
    // service may work on an import long before answering.
    long stall_timeout_ms = 30000;
    long request_timeout_ms = 120000;  // one request: all its attempts and waits together
    std::size_t max_answer_bytes = std::size_t(256) << 20;  // decompressed body of one answer
    int max_concurrent = 4;        // parallel requests per connection
    int read_retries = 2;          // reads only; writes are never retried once sent
    std::string user_agent = "TimebutlerODBC/0.1";
};

struct FilePart {                  // multipart upload (projectsimport, timeimportbyevents)
    std::string field = "csvdatafile";
    std::string filename = "data.csv";
    std::string content;
};

enum class Method { Post, Get, Delete };

struct Request {
    std::string action;                                      // "absences"
    std::vector<std::pair<std::string, std::string>> params; // form fields, without auth;
                                                             // with `path`: the query
    std::string token;                                       // sent as auth=..., never logged
    std::optional<FilePart> file;                            // set: multipart/form-data
    bool is_write = false;                                   // never retried after sending

    // A REST request (GoodTime) when `path` is set: "<server><path>?<params>",
    // `action` only names it in messages.
    Method method = Method::Post;
    std::string path;                                        // "/api/time-v2.1/timeentries"
    std::string bearer;                                      // Authorization: Bearer ..., never logged
    std::optional<std::string> json_body;                    // POST: sent as application/json
};

// "/api/x/projects/a%40b.c": `value` form-escaped into a path segment.
std::string path_segment(std::string_view value);

struct Response {
    long status = 0;
    std::string body;
    std::string content_type;
};

// Why a request failed before an HTTP status was received.
enum class FailureKind {
    None,
    Resolve,       // host not found
    Connect,       // connection refused / unreachable (nothing was sent)
    Tls,           // certificate refused or handshake failed
    Timeout,       // no complete answer in time (a write may have arrived)
    Transfer,      // connection dropped mid-way
    Other,
};

struct Outcome {
    Response response;
    FailureKind failure = FailureKind::None;
    std::string error;             // libcurl's text, never containing the token
    bool past_deadline = false;    // Timeout because the caller's deadline came (or it was never sent)
    bool cancelled = false;        // Other: the caller cancelled the call before this request ended
    bool too_large = false;        // Other: the decompressed answer passed max_answer_bytes
    // A 429/503 answer's Retry-After (seconds or HTTP-date) as a wall-clock
    // time, set when the wait for it would pass the deadline (or no attempt
    // was left), so the caller can say when to ask again.
    std::optional<std::chrono::system_clock::time_point> retry_after;
    bool ok() const { return failure == FailureKind::None; }
};

// When a whole call must be over (a statement's query timeout); unset: only
// the per-request timeouts of ClientConfig apply.
using Deadline = std::optional<std::chrono::steady_clock::time_point>;

// Form-encodes a value (RFC 3986 unreserved characters kept).
std::string form_escape(std::string_view value);

class Client {
public:
    explicit Client(ClientConfig config);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    const ClientConfig& config() const;

    // One request; reads retried on connection failures, 5xx and 429, writes
    // never. With a deadline (a connection's login timeout), no attempt or
    // wait runs past it.
    Outcome perform(const Request& request, Deadline deadline = {});
    // Many requests concurrently (up to config.max_concurrent at once), results
    // in the order of the requests. Reuses connections between calls. With a
    // deadline, no attempt runs past it and none starts after it.
    // `cancel`, when set from another thread (followed by wakeup()), ends
    // the call: unfinished requests come back cancelled. `on_answer`, when
    // given, sees each answer from the network as soon as it is final (no
    // retry follows), on the calling thread, and may take its body (so a
    // caller can load and free answers while others still arrive); an
    // exception from it ends the call and propagates.
    using OnAnswer = std::function<void(std::size_t index, Outcome& outcome)>;
    std::vector<Outcome> perform_all(const std::vector<Request>& requests, Deadline deadline = {},
                                     const std::atomic<bool>* cancel = nullptr, const OnAnswer& on_answer = {});
    // Thread-safe: interrupts a perform_all waiting for the network so that
    // it looks at its cancel flag at once.
    void wakeup();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace tb::api
