// What the system's automatic proxy configuration chose for a server, kept
// for a few minutes. On Windows, "Automatically detect settings" is on by
// default, and resolving it (WPAD discovery over DHCP and DNS, then running
// the PAC script) can take seconds on a network without a WPAD server; a
// statement sends a dozen requests and more, each of which would pay it
// again. Browsers keep the answer the same way. Platform-independent so that
// it is tested on every platform; used by api/platform/tls_proxy_windows.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace tb::api {

struct ProxyChoice {
    bool resolved = true; // false: the automatic configuration gave no answer (no WPAD server, the PAC
                          // script failed), so the static setting applies
    std::string proxy;    // "host:port"; "" = direct
    std::string bypass;   // the bypass list that came with it
};

class ProxyChoiceCache {
public:
    using Clock = std::chrono::steady_clock;

    explicit ProxyChoiceCache(Clock::duration keep = std::chrono::minutes(5), std::size_t capacity = 64)
        : keep_(keep), capacity_(capacity) {}

    // The choice stored for `key` less than `keep` before `now`, if any.
    std::optional<ProxyChoice> find(const std::string& key, Clock::time_point now);

    // Remembers `choice` for `key` from `now` on. When full, the entries that
    // expired go first, then the oldest.
    void store(const std::string& key, ProxyChoice choice, Clock::time_point now);

    // "<how the configuration is found>|<scheme>://<host>:<port>": a change of
    // the PAC URL (or of auto-detection) is another key, so a user who changes
    // the setting gets a fresh answer at once.
    static std::string key_of(const std::string& configuration, const std::string& url);

private:
    struct Entry {
        ProxyChoice choice;
        Clock::time_point stored;
    };
    const Clock::duration keep_;
    const std::size_t capacity_;
    std::mutex mutex_;
    std::map<std::string, Entry> entries_;
};

} // namespace tb::api
