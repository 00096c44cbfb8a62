// The daily-limited actions: counted per token, action and day in the cache
// over connections and processes, refused locally before the service's
// limit is spent, and a limit the service reports first is remembered.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"
#include "tests/support/test_platform.hpp"

using namespace tb::test;

namespace {

const std::string kBalance = "SELECT COUNT(*) FROM worktimeaccountbalance WHERE balance_date = '2024-06-30'";

void expect_limit_error(const std::vector<Diag>& diags, const std::string& action) {
    ASSERT_FALSE(diags.empty()) << "the call must be refused";
    EXPECT_EQ(diags[0].sqlstate, "HY000");
    const std::string& m = diags[0].message;
    EXPECT_NE(m.find("'" + action + "'"), std::string::npos) << m;
    EXPECT_NE(m.find("12 calls a day"), std::string::npos) << m;
    EXPECT_NE(m.find("resets at midnight"), std::string::npos) << m;
    EXPECT_NE(m.find("Europe/Berlin"), std::string::npos) << m;
}

TEST(DailyLimits, CountedOverConnectionsAndProcessesThenRefusedLocally) {
    SimProcess sim({"--users", "5", "--years", "2024-2024", "--today", "2025-06-13"});
    const std::string path = temp_cache_path();
    // CacheTTL=0: every statement asks the service again and spends a call.
    const std::string cs = sim.connection_string("Cache=" + path + ";CacheTTL=0");
    {
        OdbcConnection first;
        ASSERT_TRUE(SQL_SUCCEEDED(first.connect(cs)));
        for (int i = 0; i < 6; ++i) first.query(kBalance);
    }
    // A second process spends five more through the same cache file.
    for (int i = 0; i < 5; ++i) {
        const auto other = query_in_another_process(cs, kBalance);
        ASSERT_TRUE(other.ok) << other.output;
    }
    EXPECT_EQ(sim.requests("worktimeaccountbalance").size(), 11u);

    OdbcConnection second;
    ASSERT_TRUE(SQL_SUCCEEDED(second.connect(cs)));
    // One call is left: a statement needing two is refused whole, without a request.
    auto diags = second.query_error("SELECT COUNT(*) FROM worktimeaccountbalance "
                                    "WHERE balance_date IN ('2024-01-31', '2024-02-29')");
    ASSERT_FALSE(diags.empty());
    EXPECT_NE(diags[0].message.find("needs 2 calls"), std::string::npos) << diags[0].message;
    EXPECT_NE(diags[0].message.find("only 1 of its 12 calls"), std::string::npos) << diags[0].message;
    EXPECT_EQ(sim.requests("worktimeaccountbalance").size(), 11u);

    second.query(kBalance);   // the twelfth
    EXPECT_EQ(sim.requests("worktimeaccountbalance").size(), 12u);
    expect_limit_error(second.query_error(kBalance), "worktimeaccountbalance");
    EXPECT_EQ(sim.requests("worktimeaccountbalance").size(), 12u) << "the thirteenth call is refused locally";
    for (const auto& r : sim.requests("worktimeaccountbalance"))
        EXPECT_EQ(r.line.find("MAX_REQUESTS"), std::string::npos);

    // Other limited actions keep their own count; the connection stays usable.
    EXPECT_EQ(second.query("SELECT COUNT(*) FROM worktimeaccountinperiod "
                           "WHERE start_date = '2024-03-01' AND end_date = '2024-03-31'").size(), 1u);
    EXPECT_EQ(second.query("SELECT COUNT(*) FROM projects").size(), 1u);
    remove_cache_file(path);
}

TEST(DailyLimits, AnswersFromTheCacheSpendNothing) {
    SimProcess sim({"--users", "5", "--years", "2024-2024", "--today", "2025-06-13"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string("CacheTTL=300"))));
    for (int i = 0; i < 20; ++i) connection.query("SELECT * FROM salaries");
    EXPECT_EQ(sim.requests("salaries").size(), 1u);
}

TEST(DailyLimits, ALimitTheServiceReportsFirstIsRemembered) {
    // Other clients of the token spent calls the driver did not see: the
    // service says the limit is reached after two.
    SimProcess sim({"--users", "5", "--years", "2024-2024", "--today", "2025-06-13", "--daily-limit", "2"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string("CacheTTL=0"))));
    connection.query("SELECT * FROM personnelfiles");
    connection.query("SELECT * FROM personnelfiles");
    auto refused = connection.query_error("SELECT * FROM personnelfiles");
    expect_limit_error(refused, "personnelfiles");
    EXPECT_NE(refused[0].message.find("the service refused"), std::string::npos) << refused[0].message;
    EXPECT_EQ(sim.requests("personnelfiles").size(), 3u);
    expect_limit_error(connection.query_error("SELECT * FROM personnelfiles WHERE user_id = 1"), "personnelfiles");
    EXPECT_EQ(sim.requests("personnelfiles").size(), 3u) << "no call after the service said the limit is reached";
    // salaries is counted on its own.
    EXPECT_GT(connection.query("SELECT * FROM salaries").size(), 0u);
}

} // namespace
