// Injected transport faults (--fault and friends, see README.md): a server
// that accepts and never answers, stalls mid-body, drips, refuses with
// 429/503 and Retry-After, sends a gzip bomb or cuts a chunked body.
#pragma once

#include <httplib.h>

#include <atomic>
#include <functional>
#include <set>
#include <string>

namespace sim {

enum class FaultMode { None, Stall, StallBody, Drip, Status, GzipBomb, CutChunked };

struct TransportFault {
    FaultMode mode = FaultMode::None;
    std::set<std::string> actions;  // empty: every action
    int count = 0;                  // 0: every request; N: only the first N requests of those actions
    int status = 503;               // --fault status
    std::string retry_after;        // Retry-After value; "+N" is an HTTP-date N seconds after the answer
    int drip_ms = 1000;             // --fault drip: one body byte per this many milliseconds
    int bomb_mib = 1024;            // --fault gzip-bomb: decompressed size
    int stall_seconds = 600;        // the longest a stall holds a worker thread
};

// "stall", "stall-body", ...; nullopt-like FaultMode::None for an unknown name.
bool parse_fault_mode(const std::string& name, FaultMode& mode);

// Set by the signal thread: stalls end at once so the server can stop.
std::atomic<bool>& stopping();

class TransportFaults {
public:
    explicit TransportFaults(const TransportFault& fault) : fault_(fault) {}
    // Whether this request of `action` gets the fault (counts it).
    bool due(const std::string& action);
    // Answers (or fails to answer) the request. `log(status)` writes the
    // request-log line before anything is sent.
    void serve(const httplib::Request& req, httplib::Response& res, const std::function<void(int)>& log) const;

private:
    const TransportFault& fault_;
    std::atomic<int> served_{0};
};

}  // namespace sim
