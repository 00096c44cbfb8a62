#include "api/client.hpp"

#include <curl/curl.h>

#include <mutex>
#include <stdexcept>

#include "api/scheduler.hpp"

namespace tb::api {

namespace {
// curl_global_init is not thread-safe and must run before any other libcurl
// call; several Clients may be created at once by parallel connections.
// Never cleaned up: a driver library may be unloaded while another user of
// libcurl in the same process still needs it.
void init_curl_once() {
    static std::once_flag once;
    static CURLcode result = CURLE_OK;
    std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (result != CURLE_OK)
        throw std::runtime_error(std::string("libcurl initialisation failed: ") +
                                 curl_easy_strerror(result));
}
} // namespace

struct Client::Impl {
    ClientConfig config;
    detail::Scheduler scheduler;  // declared after config: it keeps a reference

    explicit Impl(ClientConfig c) : config(std::move(c)), scheduler(config) {}
};

Client::Client(ClientConfig config) {
    init_curl_once();
    impl_ = std::make_unique<Impl>(std::move(config));
}

Client::~Client() = default;

const ClientConfig& Client::config() const { return impl_->config; }

Outcome Client::perform(const Request& request, Deadline deadline) {
    const Request* one[] = {&request};
    return std::move(impl_->scheduler.run(one, deadline).front());
}

void Client::wakeup() { impl_->scheduler.wakeup(); }

std::vector<Outcome> Client::perform_all(const std::vector<Request>& requests, Deadline deadline,
                                         const std::atomic<bool>* cancel, const OnAnswer& on_answer) {
    std::vector<const Request*> pointers;
    pointers.reserve(requests.size());
    for (const Request& r : requests)
        pointers.push_back(&r);
    return impl_->scheduler.run(pointers, deadline, cancel, on_answer);
}

} // namespace tb::api
