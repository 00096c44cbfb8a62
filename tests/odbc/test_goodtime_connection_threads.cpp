// GoodTime statements of ONE connection on several threads at once: they
// share the connection's bearer token, and the simulator refuses every
// token after a few uses (--token-uses), so statements of several threads
// find it rejected and log in again at the same time. With CacheTTL=0 every
// statement asks the simulator. Every answer equals the statement's answer
// when it runs alone. Labelled `threads` (ThreadSanitizer); the Timebutler
// cases are test_connection_threads.cpp.
#include <gtest/gtest.h>

#include "tests/odbc/goodtime_helpers.hpp"
#include "tests/odbc/threaded_work.hpp"

using namespace tb::test;

namespace {

TEST(GoodTimeConnectionThreads, StatementsShareTheBearerTokenAndItsRenewal) {
    namespace gt = tb::test::goodtime;
    SimProcess sim(gt::sim_flags({"--token-uses", "5", "--latency-ms", "20"}));
    const std::string range = "start_time >= '2025-01-01' AND start_time < '2027-01-01'";
    const std::vector<Work> works = {
        query("SELECT * FROM goodtime.timetypes ORDER BY time_type_id"),
        query("SELECT * FROM goodtime.users ORDER BY login_email"),
        query("SELECT * FROM goodtime.projects ORDER BY project_id"),
        query("SELECT login_email, project_id, name FROM goodtime.user_projects ORDER BY login_email, project_id"),
        query("SELECT time_entry_id, login_email, start_time FROM goodtime.timeentries WHERE " + range +
              " ORDER BY time_entry_id"),
        catalog("SQLTables goodtime", [](SQLHSTMT h) {
            return SQLTables(h, nullptr, 0, sql_chars("goodtime"), SQL_NTS, sql_chars("%"), SQL_NTS, nullptr, 0);
        }),
    };
    const std::string cs = gt::connection_string(sim, "CacheTTL=0");
    const auto answers = answers_alone(cs, works);
    sim.clear_log();
    const auto failures = run_in_threads(cs, works, answers, 4, 2);
    EXPECT_TRUE(failures.empty()) << lines(failures);
    // The tokens did run out while the statements ran: besides the connect's
    // login, the statements logged in again.
    EXPECT_GT(sim.requests("login").size(), 1u);
}

} // namespace
