// Runs requests through one libcurl multi handle (internal to api/).
#pragma once

#include <curl/curl.h>

#include <span>
#include <vector>

#include "api/client.hpp"

namespace tb::api::detail {

// Owns the multi handle (and so its connection cache), a share handle for TLS
// sessions and DNS, and the idle easy handles. It lives as long as its
// Client, so keep-alive connections survive from one call to the next.
// Not thread-safe: a Client's calls are serialised by its caller.
class Scheduler {
public:
    explicit Scheduler(const ClientConfig& config);
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    // At most config.max_concurrent attempts at once; retries per
    // may_retry() after backoff(); outcomes in the order of `requests`.
    std::vector<Outcome> run(std::span<const Request* const> requests, Deadline deadline = {},
                             const std::atomic<bool>* cancel = nullptr, const Client::OnAnswer& on_answer = {});
    // Any thread: wakes run() from its wait (curl_multi_wakeup).
    void wakeup();

private:
    CURL* take_handle();
    void give_back(CURL* easy);

    const ClientConfig& config_;
    int limit_;
    CURLM* multi_ = nullptr;
    CURLSH* share_ = nullptr;
    curl_slist* headers_ = nullptr;
    std::vector<CURL*> idle_;
};

} // namespace tb::api::detail
