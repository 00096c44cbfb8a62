// Source=goodtime through the unixODBC driver manager against the
// simulator's GoodTime profile (--api goodtime): the five tables in schema
// goodtime, a filtered read making exactly the requests its key columns say,
// the join of timeentries to projects and timetypes, a refused password
// (28000, the password in no message), a token the service stops taking
// (one fresh login), and INSERT / DELETE sent once each.
#include <gtest/gtest.h>

#include <sql.h>
#include <sqlext.h>

#include <string>
#include <vector>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

constexpr const char* kUser = "juergen.mueller@example.com";
constexpr const char* kPassword = "demo-password";

std::string goodtime_cs(const SimProcess& sim, const std::string& password = kPassword) {
    return "Driver=" + driver_path() + ";Source=goodtime;Server=" + sim.server() + ";CAFile=" + ca_file() +
           ";UID=" + kUser + ";PWD=" + password + ";Cache=memory";
}

std::string text(const std::optional<std::string>& v) { return v ? *v : "NULL"; }

std::size_t count_of(const SimProcess& sim, const std::string& action) { return sim.requests(action).size(); }

} // namespace

TEST(GoodTimeSource, TablesAreListedUnderSchemaGoodtime) {
    SimProcess sim({"--api", "goodtime"});
    OdbcConnection c;
    ASSERT_TRUE(SQL_SUCCEEDED(c.connect(goodtime_cs(sim))));
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    ASSERT_TRUE(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, c.dbc(), &stmt)));
    ASSERT_TRUE(SQL_SUCCEEDED(SQLTables(stmt, nullptr, 0, (SQLCHAR*)"goodtime", SQL_NTS, (SQLCHAR*)"%", SQL_NTS,
                                        nullptr, 0)));
    std::vector<std::string> names;
    for (const auto& row : fetch_rows(stmt)) {
        EXPECT_EQ(text(row[1]), "goodtime");
        names.push_back(text(row[2]));
    }
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(names, (std::vector<std::string>{"timetypes", "users", "projects", "user_projects", "timeentries"}));
    // The Timebutler schema is not this connection's.
    auto errors = c.query_error("SELECT * FROM timebutler.users");
    ASSERT_FALSE(errors.empty());
    EXPECT_EQ(errors.front().sqlstate, "42S02");
}

TEST(GoodTimeSource, FilteredReadIsExactlyOneRequestAndJoins) {
    SimProcess sim({"--api", "goodtime"});
    OdbcConnection c;
    ASSERT_TRUE(SQL_SUCCEEDED(c.connect(goodtime_cs(sim))));
    sim.clear_log();
    auto rows = c.query("SELECT time_entry_id, login_email, start_time, end_time, time_type_id, project_id, comment, "
                        "locked FROM goodtime.timeentries WHERE login_email = 'anna+zeit@example.com' AND "
                        "start_time >= '2025-03-04' AND start_time < '2025-03-05'");
    const auto log = sim.requests();
    ASSERT_EQ(log.size(), 1u) << (log.empty() ? "" : log.front().line);
    EXPECT_EQ(log[0].action, "timeentries");
    EXPECT_TRUE(log[0].has("useremail", "anna+zeit@example.com")) << log[0].line;
    EXPECT_TRUE(log[0].has("start", "2025-03-04")) << log[0].line;
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(text(rows[0][0]), "1080");
    EXPECT_EQ(text(rows[0][1]), "anna+zeit@example.com");
    EXPECT_EQ(text(rows[0][2]), "2025-03-04 09:16:00");
    EXPECT_EQ(text(rows[0][3]), "2025-03-04 14:01:00");
    EXPECT_EQ(text(rows[0][4]), "101");
    EXPECT_EQ(text(rows[0][5]), "205");
    EXPECT_EQ(text(rows[0][6]), "Export nach C:\\Daten\\Zeiten");
    EXPECT_EQ(text(rows[0][7]), "1");

    // The join, from the cache for the entries; projects and timetypes once each.
    sim.clear_log();
    auto joined = c.query("SELECT e.time_entry_id, p.name, t.name, e.duration FROM goodtime.timeentries e "
                          "JOIN goodtime.projects p ON p.project_id = e.project_id "
                          "JOIN goodtime.timetypes t ON t.time_type_id = e.time_type_id "
                          "WHERE e.login_email = 'anna+zeit@example.com' AND e.start_time >= '2025-03-04' "
                          "AND e.start_time < '2025-03-05'");
    ASSERT_EQ(joined.size(), 1u);
    EXPECT_EQ(text(joined[0][1]), "Interne Verwaltung");
    EXPECT_EQ(text(joined[0][2]), "Arbeitszeit");
    EXPECT_EQ(text(joined[0][3]), "285");   // a run-time column
    EXPECT_EQ(count_of(sim, "projects"), 1u);
    EXPECT_EQ(count_of(sim, "timetypes"), 1u);
    EXPECT_EQ(count_of(sim, "timeentries"), 0u);
}

TEST(GoodTimeSource, EveryUserIsOneRequestEach) {
    SimProcess sim({"--api", "goodtime"});
    OdbcConnection c;
    ASSERT_TRUE(SQL_SUCCEEDED(c.connect(goodtime_cs(sim))));
    sim.clear_log();
    auto rows = c.query("SELECT login_email, count(*) FROM goodtime.timeentries WHERE start_time >= '2025-01-01' "
                        "AND start_time < '2025-02-01' GROUP BY login_email ORDER BY login_email");
    EXPECT_EQ(count_of(sim, "users"), 1u);
    EXPECT_EQ(count_of(sim, "timeentries"), 5u);
    std::size_t total = 0;
    for (const auto& r : rows) total += std::stoul(text(r[1]));
    EXPECT_EQ(total, 42u);   // the seeded entries of January 2025
    auto projects = c.query("SELECT project_id FROM goodtime.user_projects WHERE login_email = 'soenke.koehler@example.com' "
                            "ORDER BY project_id");
    ASSERT_EQ(projects.size(), 2u);
    EXPECT_EQ(text(projects[0][0]), "201");
}

TEST(GoodTimeSource, WrongPasswordIs28000AndNeverShown) {
    SimProcess sim({"--api", "goodtime"});
    OdbcConnection c;
    const std::string secret = "wrong-secret-4711";
    EXPECT_FALSE(SQL_SUCCEEDED(c.connect(goodtime_cs(sim, secret))));
    auto diag = c.connect_diag();
    ASSERT_FALSE(diag.empty());
    EXPECT_EQ(diag.front().sqlstate, "28000");
    for (const auto& d : diag) EXPECT_EQ(d.message.find(secret), std::string::npos) << d.message;
    for (const auto& r : sim.requests()) EXPECT_EQ(r.line.find(secret), std::string::npos) << r.line;
}

TEST(GoodTimeSource, RefusedTokenMakesOneFreshLogin) {
    // The service stops taking a token after 2 requests, before its exp.
    SimProcess sim({"--api", "goodtime", "--token-uses", "2"});
    OdbcConnection c;
    ASSERT_TRUE(SQL_SUCCEEDED(c.connect(goodtime_cs(sim))));
    EXPECT_EQ(count_of(sim, "login"), 1u);
    c.query("SELECT * FROM goodtime.timetypes");
    c.query("SELECT * FROM goodtime.projects");
    auto rows = c.query("SELECT * FROM goodtime.users");
    EXPECT_EQ(rows.size(), 5u);
    EXPECT_EQ(count_of(sim, "login"), 2u);
}

TEST(GoodTimeSource, InsertAndDeleteAreSentOnceAndShowInTheNextSelect) {
    SimProcess sim({"--api", "goodtime"});
    OdbcConnection c;
    ASSERT_TRUE(SQL_SUCCEEDED(c.connect(goodtime_cs(sim))));
    const std::string where = " WHERE login_email = 'bjoern.weiss@example.com' AND start_time >= '2026-01-05' AND "
                              "start_time < '2026-01-06'";
    const auto before = c.query("SELECT count(*) FROM goodtime.timeentries" + where);
    // An invalid row (end before start) sends nothing.
    sim.clear_log();
    auto errors = c.query_error("INSERT INTO goodtime.timeentries (login_email, start_time, end_time, time_type_id, "
                                "project_id, comment) VALUES ('bjoern.weiss@example.com', '2026-01-05 12:00:00', "
                                "'2026-01-05 08:00:00', 101, 201, 'x')");
    ASSERT_FALSE(errors.empty());
    EXPECT_EQ(count_of(sim, "createtimeentry"), 0u);
    // An unknown time type neither.
    errors = c.query_error("INSERT INTO goodtime.timeentries (login_email, start_time, end_time, time_type_id, "
                           "project_id) VALUES ('bjoern.weiss@example.com', '2026-01-05 08:00:00', "
                           "'2026-01-05 12:00:00', 999, 201)");
    ASSERT_FALSE(errors.empty());
    EXPECT_EQ(count_of(sim, "createtimeentry"), 0u);

    // A statement without a result set: query_error returns no diagnostics when it succeeds.
    EXPECT_TRUE(c.query_error("INSERT INTO goodtime.timeentries (login_email, start_time, end_time, time_type_id, "
                              "project_id, comment) VALUES ('bjoern.weiss@example.com', '2026-01-05 08:00:00', "
                              "'2026-01-05 12:30:00', 101, 201, 'Review')")
                    .empty());
    EXPECT_EQ(count_of(sim, "createtimeentry"), 1u);
    const auto id = text(c.query("SELECT LAST_INSERT_ID()")[0][0]);
    const auto after = c.query("SELECT count(*) FROM goodtime.timeentries" + where);
    EXPECT_EQ(std::stoi(text(after[0][0])), std::stoi(text(before[0][0])) + 1);
    const auto created = c.query("SELECT comment, start_time FROM goodtime.timeentries WHERE time_entry_id = " + id +
                                 " AND login_email = 'bjoern.weiss@example.com' AND start_time >= '2026-01-05'");
    ASSERT_EQ(created.size(), 1u);
    EXPECT_EQ(text(created[0][0]), "Review");

    EXPECT_TRUE(c.query_error("DELETE FROM goodtime.timeentries WHERE time_entry_id = " + id).empty());
    EXPECT_EQ(count_of(sim, "deletetimeentry"), 1u);
    const auto gone = c.query("SELECT count(*) FROM goodtime.timeentries" + where);
    EXPECT_EQ(text(gone[0][0]), text(before[0][0]));
}
