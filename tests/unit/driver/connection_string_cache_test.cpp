// The Cache key: a mode word or a path. Windows users write paths with
// backslashes; a word that is neither a mode nor a path is an error, not a
// file silently created in the working folder.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "driver/connection_string.hpp"
#include "engine/error.hpp"

using namespace tb::driver;

namespace {

tb::engine::SessionConfig config_of(const std::string& text) {
    std::vector<std::string> unknown;
    return make_config(parse_connection_string(text), unknown);
}

TEST(ConnectionStringCache, TakesAWindowsPathWithBackslashes) {
    EXPECT_EQ(config_of(R"(Server=https://h;Cache=C:\Users\anna\tb.sqlite)").cache, R"(C:\Users\anna\tb.sqlite)");
    EXPECT_EQ(config_of(R"(Server=https://h;Cache=\\server\share\tb.sqlite)").cache, R"(\\server\share\tb.sqlite)");
}

TEST(ConnectionStringCache, TakesAPosixPathAndTheModes) {
    EXPECT_EQ(config_of("Server=https://h;Cache=/tmp/tb.sqlite").cache, "/tmp/tb.sqlite");
    EXPECT_EQ(config_of("Server=https://h;Cache=MEMORY").cache, "memory");
    const auto off = config_of("Server=https://h;Cache=off");
    EXPECT_EQ(off.cache, "memory");
    EXPECT_EQ(off.cache_ttl_seconds, 0);
}

TEST(ConnectionStringCache, AMisspeltModeIsAnErrorNamingTheKeyAndValue) {
    try {
        config_of("Server=https://h;Cache=memroy");
        FAIL() << "Cache=memroy was accepted";
    } catch (const tb::engine::Error& e) {
        EXPECT_EQ(e.sqlstate, "HY024");
        EXPECT_NE(std::string(e.what()).find("'memroy'"), std::string::npos) << e.what();
    }
}

} // namespace
