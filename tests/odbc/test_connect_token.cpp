// The connect-time token check: at most one request per server, token and
// CacheTTL, remembered in the cache (so across connections and processes with
// a file cache); an instance that lacks the probe's action still connects; a
// wrong token is still 28000 at connect. Counted in the simulator's request log.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"
#include "tests/support/test_platform.hpp"

using namespace tb::test;

namespace {

std::string with_token(const std::string& connection_string, const std::string& token) {
    const std::string key = std::string(";Token=") + kToken + ";";
    std::string out = connection_string;
    out.replace(out.find(key), key.size(), ";Token=" + token + ";");
    return out;
}

class ConnectToken : public ::testing::TestWithParam<const char*> {};

TEST_P(ConnectToken, SecondConnectMakesNoRequest) {
    SimProcess sim({"--profile", GetParam(), "--users", "5", "--years", "2024-2024"});
    const std::string path = temp_cache_path();
    const std::string cs = sim.connection_string("Cache=" + path + ";CacheTTL=300");
    {
        OdbcConnection first;
        ASSERT_TRUE(SQL_SUCCEEDED(first.connect(cs)));
        EXPECT_EQ(sim.requests().size(), 1u) << "the first connect checks the token once";
    }
    sim.clear_log();
    for (int i = 0; i < 3; ++i) {
        OdbcConnection again;
        ASSERT_TRUE(SQL_SUCCEEDED(again.connect(cs)));
    }
    EXPECT_EQ(sim.requests().size(), 0u) << "a connect within CacheTTL of an accepted check asks nothing";

    // Another process on the same cache file (isql; tb_query under Wine) connects without a request.
    const auto other = query_in_another_process(cs, "SELECT 1");
    ASSERT_TRUE(other.ok) << other.output;
    EXPECT_EQ(sim.requests().size(), 0u) << "a second process reads the note from the cache file";
    remove_cache_file(path);
}

INSTANTIATE_TEST_SUITE_P(Editions, ConnectToken, ::testing::Values("full", "tenant", "older"));

// Excel (Microsoft Query, a refresh of a query table) connects by DSN with
// SQLConnect each time; the DSN names a file cache as register.sh writes it.
TEST(ConnectTokenCheck, ExcelStyleDsnConnectsMakeNoRequestWhileTheCacheIsFresh) {
    SimProcess sim({"--users", "5", "--years", "2024-2024"});
    const std::string cache = temp_cache_path();
    UserDsn dsn("TB Excel", {{"Driver", driver_path()},
                             {"Server", sim.server()},
                             {"Token", kToken},
                             {"CAFile", ca_file()},
                             {"Cache", cache},
                             {"CacheTTL", "300"}});
    auto connect_by_dsn = [] {
        SQLHENV env = SQL_NULL_HENV;
        SQLHDBC dbc = SQL_NULL_HDBC;
        SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
        SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
        SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
        const SQLRETURN rc = SQLConnect(dbc, reinterpret_cast<SQLCHAR*>(const_cast<char*>("TB Excel")), SQL_NTS,
                                        nullptr, 0, nullptr, 0);
        if (SQL_SUCCEEDED(rc)) SQLDisconnect(dbc);
        SQLFreeHandle(SQL_HANDLE_DBC, dbc);
        SQLFreeHandle(SQL_HANDLE_ENV, env);
        return rc;
    };
    ASSERT_TRUE(SQL_SUCCEEDED(connect_by_dsn()));
    EXPECT_EQ(sim.requests("holidaysets").size(), 1u);
    sim.clear_log();
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(SQL_SUCCEEDED(connect_by_dsn()));
    EXPECT_EQ(sim.requests().size(), 0u);
    remove_cache_file(cache);
}

TEST(ConnectTokenCheck, FreshRowsOfTheTokenSpareTheCheck) {
    SimProcess sim({"--users", "5", "--years", "2024-2024"});
    const std::string path = temp_cache_path();
    // Rows loaded by the first connection also prove the token to the second.
    {
        OdbcConnection first;
        ASSERT_TRUE(SQL_SUCCEEDED(first.connect(sim.connection_string("Cache=" + path + ";CacheTTL=300"))));
        EXPECT_GT(first.query("SELECT * FROM projects").size(), 0u);
    }
    sim.clear_log();
    OdbcConnection second;
    ASSERT_TRUE(SQL_SUCCEEDED(second.connect(sim.connection_string("Cache=" + path + ";CacheTTL=300"))));
    EXPECT_GT(second.query("SELECT * FROM projects").size(), 0u);
    EXPECT_EQ(sim.requests().size(), 0u) << "connect and query both answered from the cache";
    remove_cache_file(path);
}

TEST(ConnectTokenCheck, WrongTokenIsRefusedAtConnectEvenBesideAnAcceptedOne) {
    SimProcess sim({"--users", "5", "--years", "2024-2024"});
    const std::string path = temp_cache_path();
    const std::string cs = sim.connection_string("Cache=" + path);
    {
        OdbcConnection good;
        ASSERT_TRUE(SQL_SUCCEEDED(good.connect(cs)));
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
        OdbcConnection bad;
        ASSERT_EQ(bad.connect(with_token(cs, "wrong-token-1234")), SQL_ERROR);
        auto diag = bad.connect_diag();
        ASSERT_FALSE(diag.empty());
        EXPECT_EQ(diag[0].sqlstate, "28000") << diag[0].message;
        EXPECT_EQ(diag[0].message.find("wrong-token-1234"), std::string::npos) << "never the token in a message";
    }
    remove_cache_file(path);
}

TEST(ConnectTokenCheck, InstanceWithoutTheProbeActionConnects) {
    SimProcess sim({"--users", "5", "--years", "2024-2024", "--without-actions", "holidaysets"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())))
        << (connection.connect_diag().empty() ? "" : connection.connect_diag()[0].message);
    EXPECT_EQ(connection.query("SELECT COUNT(*) FROM users")[0][0], "5");
    // The missing action is remembered: a query of its table fails at once, naming it.
    sim.clear_log();
    auto diag = connection.query_error("SELECT * FROM holidaysets");
    ASSERT_FALSE(diag.empty());
    EXPECT_NE(diag[0].message.find("holidaysets"), std::string::npos) << diag[0].message;
    EXPECT_TRUE(sim.requests("holidaysets").empty()) << "known missing within CacheTTL";
}

TEST(ConnectTokenCheck, WrongTokenWhereTheProbeActionIsUnknownFailsAtTheFirstQuery) {
    // An unknown action (HTTP 400) counts as "token accepted": the service
    // answers it before looking at the token. The wrong token then meets its
    // 401 on the first read, as 28000 naming the Token key, never as rows.
    SimProcess sim({"--without-actions", "holidaysets"});
    OdbcConnection bad;
    ASSERT_TRUE(SQL_SUCCEEDED(bad.connect(with_token(sim.connection_string(), "wrong-token-1234"))));
    auto diag = bad.query_error("SELECT * FROM projects");
    ASSERT_FALSE(diag.empty());
    EXPECT_EQ(diag[0].sqlstate, "28000") << diag[0].message;
    EXPECT_NE(diag[0].message.find("Token"), std::string::npos) << diag[0].message;
}

} // namespace
