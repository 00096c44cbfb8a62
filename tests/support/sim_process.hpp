// Starts the Timebutler simulator on a free port for a test and stops it
// afterwards; reads its request log.
#pragma once

#include <string>
#include <cstdint>
#include <vector>

namespace tb::test {

struct LoggedRequest {
    std::string action;
    std::string line;      // the raw JSON line
    bool has(const std::string& key, const std::string& value) const;
};

class SimProcess {
public:
    // Extra flags are appended after --port 0 --cert --key --request-log
    // (--cert and --key are left out when the flags hold --plain-http).
    explicit SimProcess(std::vector<std::string> flags = {});
    ~SimProcess();
    SimProcess(const SimProcess&) = delete;
    SimProcess& operator=(const SimProcess&) = delete;

    int port() const { return port_; }
    std::string server() const { return (plain_http_ ? "http://127.0.0.1:" : "https://127.0.0.1:") + std::to_string(port_); }
    std::vector<LoggedRequest> requests() const;
    std::vector<LoggedRequest> requests(const std::string& action) const;
    void clear_log() const;
    // A DSN-less connection string for the built driver.
    std::string connection_string(const std::string& extra = "") const;

private:
    // The running simulator: a child pid on POSIX; under Wine the socket to
    // tests/wine/sim_launcher.py, which stops the simulator when it closes
    // (tests/support/sim_launch_{posix,windows}.cpp).
    std::intptr_t handle_ = -1;
    bool plain_http_ = false;  // started with --plain-http (no certificate)
    int port_ = 0;
    std::string log_path_;
};

// Paths fixed at build time.
std::string driver_path();
std::string ca_file();
// A fresh path for a cache file (not created: the driver makes it, mode
// 0600) and the removal of the file with its WAL companions.
std::string temp_cache_path();
void remove_cache_file(const std::string& path);

constexpr const char* kToken = "test-token-5f3a9c";
constexpr const char* kPersonnelToken = "test-personnel-77b1";

} // namespace tb::test
