// The HTTP side of the GoodTime profile (--api goodtime): routing, the JWT
// login and Bearer check, latency, injected faults and the request log.
#pragma once

#include <httplib.h>

#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "faults.hpp"
#include "goodtime_model.hpp"
#include "jwt.hpp"
#include "request_log.hpp"
#include "transport_faults.hpp"

namespace sim::goodtime {

struct Answer;

class Simulator {
public:
    explicit Simulator(const Config& cfg);
    Simulator(const Simulator&) = delete;
    Simulator& operator=(const Simulator&) = delete;

    bool ok() const { return log_.ok(); }
    void install(httplib::Server& server);

private:
    void dispatch(const httplib::Request& req, httplib::Response& res);
    void on_logged(const httplib::Request& req, const httplib::Response& res);
    Answer login(const httplib::Request& req);
    // The index of the user the Bearer token names, or -1 with the 401 in `refusal`.
    int authenticate(const httplib::Request& req, Answer& refusal);
    void send(httplib::Response& res, Answer answer);

    const Config& cfg_;
    State state_;
    std::shared_mutex state_mutex_;  // reads share the state, writes own it
    JwtIssuer jwt_;
    std::mutex tokens_mutex_;
    std::map<int64_t, int> token_uses_;  // jti -> authenticated requests (--token-uses)
    int64_t next_jti_ = 1;
    RequestLog log_;
    Faults faults_;
    TransportFaults transport_faults_;
};

}  // namespace sim::goodtime
