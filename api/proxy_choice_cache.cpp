#include "api/proxy_choice_cache.hpp"

#include <algorithm>

namespace tb::api {

std::optional<ProxyChoice> ProxyChoiceCache::find(const std::string& key, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    if (now - it->second.stored >= keep_ || now < it->second.stored) {
        entries_.erase(it);
        return std::nullopt;
    }
    return it->second.choice;
}

void ProxyChoiceCache::store(const std::string& key, ProxyChoice choice, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (capacity_ == 0) return;
    if (entries_.size() >= capacity_ && !entries_.count(key)) {
        std::erase_if(entries_, [&](const auto& item) { return now - item.second.stored >= keep_; });
        if (entries_.size() >= capacity_) {
            const auto oldest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
                return a.second.stored < b.second.stored;
            });
            entries_.erase(oldest);
        }
    }
    entries_[key] = Entry{std::move(choice), now};
}

std::string ProxyChoiceCache::key_of(const std::string& configuration, const std::string& url) {
    // scheme://[user@]host[:port]/... -> scheme://host:port; the path does not
    // change the choice a PAC script makes for the requests this driver sends.
    std::string origin = url;
    const auto scheme_end = url.find("://");
    if (scheme_end != std::string::npos) {
        const auto path = url.find_first_of("/?#", scheme_end + 3);
        origin = url.substr(0, path == std::string::npos ? url.size() : path);
        const auto at = origin.find('@', scheme_end + 3);
        if (at != std::string::npos) origin.erase(scheme_end + 3, at + 1 - (scheme_end + 3));
    }
    return configuration + "|" + origin;
}

} // namespace tb::api
