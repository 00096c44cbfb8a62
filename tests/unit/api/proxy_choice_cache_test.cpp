#include "api/proxy_choice_cache.hpp"

#include <gtest/gtest.h>

using namespace tb::api;
using namespace std::chrono_literals;

namespace {

const ProxyChoiceCache::Clock::time_point t0{};

TEST(ProxyChoiceCache, KeepsAChoiceForItsTimeThenForgetsIt) {
    ProxyChoiceCache cache(5min);
    const std::string key = ProxyChoiceCache::key_of("auto-detect", "https://acme.timebutler.de/api/v1/users");
    EXPECT_FALSE(cache.find(key, t0).has_value());
    cache.store(key, {true, "proxy.corp:8080", "*.corp"}, t0);
    auto found = cache.find(key, t0 + 4min);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->proxy, "proxy.corp:8080");
    EXPECT_EQ(found->bypass, "*.corp");
    EXPECT_FALSE(cache.find(key, t0 + 5min).has_value());
    EXPECT_FALSE(cache.find(key, t0 + 4min).has_value()) << "an expired entry is gone";
}

TEST(ProxyChoiceCache, NoAnswerIsKeptToo) {
    // No WPAD server: finding that out is what takes seconds.
    ProxyChoiceCache cache;
    cache.store("auto-detect|https://a:443", {false, "", ""}, t0);
    auto found = cache.find("auto-detect|https://a:443", t0 + 1s);
    ASSERT_TRUE(found.has_value());
    EXPECT_FALSE(found->resolved);
    EXPECT_EQ(found->proxy, "");
}

TEST(ProxyChoiceCache, KeysDifferByConfigurationAndServerNotByPath) {
    const auto a = ProxyChoiceCache::key_of("auto-detect", "https://acme.timebutler.de/api/v1/users");
    EXPECT_EQ(a, ProxyChoiceCache::key_of("auto-detect", "https://acme.timebutler.de/api/v1/absences?x=1"));
    EXPECT_EQ(a, "auto-detect|https://acme.timebutler.de");
    EXPECT_NE(a, ProxyChoiceCache::key_of("pac:http://wpad.corp/proxy.pac", "https://acme.timebutler.de/api/v1/users"));
    EXPECT_NE(a, ProxyChoiceCache::key_of("auto-detect", "https://acme.timebutler.de:8443/api/v1/users"));
    EXPECT_NE(a, ProxyChoiceCache::key_of("auto-detect", "https://other.example/api/v1/users"));
    EXPECT_EQ(ProxyChoiceCache::key_of("x", "https://user@host:1/p"), "x|https://host:1");
}

TEST(ProxyChoiceCache, WhenFullTheOldestGoes) {
    ProxyChoiceCache cache(5min, 2);
    cache.store("a", {true, "pa", ""}, t0);
    cache.store("b", {true, "pb", ""}, t0 + 1s);
    cache.store("c", {true, "pc", ""}, t0 + 2s);
    EXPECT_FALSE(cache.find("a", t0 + 3s).has_value());
    EXPECT_TRUE(cache.find("b", t0 + 3s).has_value());
    EXPECT_TRUE(cache.find("c", t0 + 3s).has_value());
}

} // namespace
