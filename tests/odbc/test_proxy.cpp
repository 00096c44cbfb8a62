// The Proxy and NoProxy connection keys: requests go through an HTTP CONNECT
// proxy (tests/support/connect_proxy) and are seen in its log; a proxy that
// cannot be reached is 08001 naming the proxy.
#include <gtest/gtest.h>

#include "tests/support/connect_proxy.hpp"
#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

TEST(ProxyKey, RequestsGoThroughTheProxy) {
    SimProcess sim({"--users", "5", "--years", "2024-2024"});
    ConnectProxy proxy;
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string("Proxy=" + proxy.address()))));
    auto rows = connection.query("SELECT COUNT(*) FROM users");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].value(), "5");
    const auto targets = proxy.targets();
    ASSERT_FALSE(targets.empty());
    for (const auto& t : targets) EXPECT_EQ(t, "127.0.0.1:" + std::to_string(sim.port()));
}

TEST(ProxyKey, NoProxyHostBypassesTheProxy) {
    SimProcess sim({"--users", "5", "--years", "2024-2024"});
    ConnectProxy proxy;
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(
        connection.connect(sim.connection_string("Proxy=" + proxy.address() + ";NoProxy=127.0.0.1"))));
    EXPECT_EQ(connection.query("SELECT COUNT(*) FROM users").size(), 1u);
    EXPECT_TRUE(proxy.targets().empty());
}

TEST(ProxyKey, UnreachableProxyIs08001NamingIt) {
    SimProcess sim({"--users", "5", "--years", "2024-2024"});
    OdbcConnection connection;
    // Port 9 on loopback: nothing listens there.
    ASSERT_EQ(connection.connect(sim.connection_string("Proxy=127.0.0.1:9")), SQL_ERROR);
    auto diags = connection.connect_diag();
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].sqlstate, "08001");
    EXPECT_NE(diags[0].message.find("proxy 127.0.0.1:9"), std::string::npos) << diags[0].message;
    EXPECT_TRUE(sim.requests().empty());
}

} // namespace
