// The GoodTime login through the driver manager (issue 15): the JWT's
// expiry makes exactly one fresh login and the statement succeeds, a token
// refused early gets one new login after the 401 and never more, a wrong
// password is 28000, and neither the password nor a token reaches a
// message, the simulator's log or the cache file. User/Password work as
// aliases of UID/PWD.
#include <gtest/gtest.h>

#include <thread>

#include "tests/odbc/goodtime_helpers.hpp"

using namespace tb::test;
using namespace tb::test::goodtime;

namespace {

std::string all_text(const std::vector<Diag>& diags) {
    std::string text;
    for (const auto& d : diags) text += "[" + d.sqlstate + "] " + d.message + "\n";
    return text;
}

// The log's lines in order, as "action status".
std::vector<std::string> sequence(const SimProcess& sim) {
    std::vector<std::string> out;
    for (const auto& r : sim.requests()) {
        const auto p = r.line.find("\"status\":");
        out.push_back(r.action + " " + r.line.substr(p + 9, r.line.find(',', p) - p - 9));
    }
    return out;
}

TEST(GoodTimeAuth, ExpiredTokenMakesOneFreshLoginAndTheStatementSucceeds) {
    SimProcess sim(sim_flags({"--jwt-lifetime", "2"}));
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(connection_string(sim, "CacheTTL=0"))));
    EXPECT_EQ(connection.query("SELECT * FROM goodtime.timetypes").size(), 5u);
    // Not a timing assertion: only makes sure the token's exp has passed.
    std::this_thread::sleep_for(std::chrono::milliseconds(3100));
    sim.clear_log();
    EXPECT_EQ(connection.query("SELECT * FROM goodtime.projects").size(), 7u);
    EXPECT_EQ(sim.requests("login").size(), 1u) << ::testing::PrintToString(sequence(sim));
    const auto reads = sim.requests("projects");
    EXPECT_EQ(count_status(reads, 200), 1u) << ::testing::PrintToString(sequence(sim));
    // Read from the claims, the expiry costs no refused request at best,
    // one at most (a 401 followed by the one login).
    EXPECT_LE(reads.size(), 2u) << ::testing::PrintToString(sequence(sim));
}

TEST(GoodTimeAuth, TokenRefusedBeforeItsExpGetsOneLoginAfterThe401) {
    // Every token is good for one authenticated request; exp lies an hour ahead.
    SimProcess sim(sim_flags({"--token-uses", "1"}));
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(connection_string(sim, "CacheTTL=0"))));
    EXPECT_EQ(connection.query("SELECT * FROM goodtime.timetypes").size(), 5u);
    sim.clear_log();
    EXPECT_EQ(connection.query("SELECT * FROM goodtime.projects").size(), 7u);
    EXPECT_EQ(sequence(sim), (std::vector<std::string>{"projects 401", "login 200", "projects 200"}));
}

TEST(GoodTimeAuth, ATokenRefusedAgainAfterTheFreshLoginIsAnErrorNotALoop) {
    SimProcess sim(sim_flags({"--token-uses", "1"}));
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(connection_string(sim, "CacheTTL=0"))));
    connection.query("SELECT * FROM goodtime.timetypes");
    // A statement of five requests (user_projects: one per user) with
    // tokens good for one request each: the driver may log in once per
    // 401 it meets but must end, with rows or with an error.
    sim.clear_log();
    try {
        connection.query("SELECT * FROM goodtime.user_projects");
    } catch (const std::exception&) {
    }
    EXPECT_LE(sim.requests("login").size(), sim.requests("projects/{useremail}").size());
    EXPECT_LE(sim.requests("projects/{useremail}").size(), 10u) << "at most one retry per request";
}

TEST(GoodTimeAuth, WrongPasswordIs28000AndTheValueIsNowhere) {
    SimProcess sim(sim_flags());
    const std::string wrong = "wrong-pw-81d2c";
    const std::string cache = temp_cache_path();
    OdbcConnection connection;
    const SQLRETURN rc = connection.connect(connection_string(sim, "Cache=" + cache, kUser, wrong));
    std::vector<Diag> diags;
    if (SQL_SUCCEEDED(rc)) {
        // A driver that logs in at the first statement instead: 28000 there.
        diags = connection.query_error("SELECT * FROM goodtime.timetypes");
    } else {
        diags = connection.connect_diag();
    }
    ASSERT_FALSE(diags.empty()) << "a wrong password was accepted";
    EXPECT_EQ(diags[0].sqlstate, "28000") << all_text(diags);
    EXPECT_EQ(all_text(diags).find(wrong), std::string::npos) << all_text(diags);
    const auto logins = sim.requests("login");
    ASSERT_GE(logins.size(), 1u);
    EXPECT_EQ(count_status(logins, 401), logins.size());
    EXPECT_LE(logins.size(), 2u) << "a refused login is not retried in a loop";
    for (const auto& r : sim.requests()) EXPECT_EQ(r.line.find(wrong), std::string::npos) << r.line;
    for (const char* suffix : {"", "-wal", "-shm"})
        EXPECT_EQ(file_bytes(cache + suffix).find(wrong), std::string::npos) << "in " << cache << suffix;
    remove_cache_file(cache);
}

TEST(GoodTimeAuth, NeitherPasswordNorTokenReachesTheCacheFileOrTheLog) {
    SimProcess sim(sim_flags());
    const std::string cache = temp_cache_path();
    {
        OdbcConnection connection;
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(connection_string(sim, "Cache=" + cache))));
        EXPECT_EQ(connection.query("SELECT * FROM goodtime.timetypes").size(), 5u);
        query_with(connection,
                   "SELECT * FROM goodtime.timeentries WHERE login_email = ? AND start_time >= '2025-01-01' "
                   "AND start_time < '2025-02-01'",
                   {kUser});
    }
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const std::string bytes = file_bytes(cache + suffix);
        EXPECT_EQ(bytes.find(kPassword), std::string::npos) << "password in " << cache << suffix;
        EXPECT_EQ(bytes.find(kJwtHeader), std::string::npos) << "a token in " << cache << suffix;
    }
    EXPECT_FALSE(file_bytes(cache).empty()) << "the rows were cached in the file";
    for (const auto& r : sim.requests()) {
        EXPECT_EQ(r.line.find(kPassword), std::string::npos) << r.line;
        EXPECT_EQ(r.line.find(kJwtHeader), std::string::npos) << r.line;
    }
    remove_cache_file(cache);
}

TEST(GoodTimeAuth, UserAndPasswordAreAliasesOfUidAndPwd) {
    SimProcess sim(sim_flags());
    OdbcConnection connection;
    const std::string cs = "Driver=" + driver_path() + ";Source=goodtime;Server=" + sim.server() + ";User=" +
                           kPlusUser + ";Password=" + kPassword + ";CAFile=" + ca_file() + ";Cache=memory";
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(cs))) << all_text(connection.connect_diag());
    EXPECT_EQ(connection.query("SELECT * FROM goodtime.users").size(), 5u);
    const auto logins = sim.requests("login");
    ASSERT_GE(logins.size(), 1u);
    EXPECT_TRUE(logins[0].has("loginemail", kPlusUser)) << logins[0].line;
}

TEST(GoodTimeAuth, APasswordWithJsonSpecialCharactersLogsIn) {
    // '"' and '\' must be escaped in the JSON body, the umlaut sent as UTF-8.
    const std::string password = "pa\"ss\\w\xC3\xB6rd";
    SimProcess sim({"--api", "goodtime", "--api-password", password});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(connection_string(sim, "", kUser, password))))
        << all_text(connection.connect_diag());
    EXPECT_EQ(connection.query("SELECT * FROM goodtime.timetypes").size(), 5u);
    EXPECT_EQ(count_status(sim.requests("login"), 401), 0u);
}

TEST(GoodTimeAuth, MissingPasswordIs28000WithoutARequest) {
    SimProcess sim(sim_flags());
    OdbcConnection connection;
    const std::string cs = "Driver=" + driver_path() + ";Source=goodtime;Server=" + sim.server() + ";UID=" + kUser +
                           ";CAFile=" + ca_file() + ";Cache=memory";
    ASSERT_EQ(connection.connect(cs), SQL_ERROR);
    const auto diags = connection.connect_diag();
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].sqlstate, "28000") << all_text(diags);
    EXPECT_TRUE(sim.requests().empty());
}

}  // namespace
