// The HTTP side of the simulator: routing, the service's status codes,
// tokens, daily limits, latency, injected failures and the request log.
#pragma once

#include <httplib.h>

#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <tuple>

#include "faults.hpp"
#include "transport_faults.hpp"
#include "fixture.hpp"
#include "model.hpp"
#include "request_log.hpp"

namespace sim {

class Simulator {
public:
    explicit Simulator(const Config& cfg);
    Simulator(const Simulator&) = delete;
    Simulator& operator=(const Simulator&) = delete;

    bool ok() const { return log_.ok(); }
    // Why --fixture could not be loaded; "" when it was (or none was given).
    const std::string& fixture_error() const { return fixture_error_; }
    void install(httplib::Server& server);

private:
    void on_post(const httplib::Request& req, httplib::Response& res);
    void on_other_method(const httplib::Request& req, httplib::Response& res);
    void on_logged(const httplib::Request& req, const httplib::Response& res);
    bool over_daily_limit(const std::string& token, const std::string& action, Date day);
    void pause_for_latency() const;
    Date today() const;

    const Config& cfg_;
    State state_;
    // Reads share the state, writes own it; latency is slept outside.
    std::shared_mutex state_mutex_;
    std::mutex limit_mutex_;
    std::map<std::tuple<std::string, std::string, Date>, int> calls_;
    RequestLog log_;
    Fixture fixture_;
    Faults faults_;            // answer faults: --fault KIND:ACTION[:COUNT]
    std::string fixture_error_;
    TransportFaults transport_faults_;  // transport faults: --fault MODE and its companions
};

}  // namespace sim
