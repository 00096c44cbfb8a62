// What the service sends is checked before it is believed or cached (issue
// 11, points 2, 3, 4, 6): fields are decoded as the service writes them (no
// quoting), an undecodable line is an error naming table, partition and
// line, a junk 200 answer is an error naming the action and its first bytes
// (tokens scrubbed), and run-time columns are bounded. Everything through the
// driver manager to the simulator's fault modes (tests/sim/faults.hpp).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"
#include "tests/support/test_platform.hpp"

using namespace tb::test;

namespace {

// One statement's outcome: return code, every diagnostic record, the rows.
struct Outcome {
    SQLRETURN rc = SQL_ERROR;
    std::vector<Diag> diags;
    std::vector<Row> rows;
    std::string all_messages() const {
        std::string out;
        for (const auto& d : diags) out += d.sqlstate + " " + d.message + "\n";
        return out;
    }
    bool has_state(const std::string& state) const {
        for (const auto& d : diags)
            if (d.sqlstate == state) return true;
        return false;
    }
};

Outcome run(OdbcConnection& connection, const std::string& sql) {
    Outcome out;
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
    out.rc = SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
    out.diags = diagnostics(SQL_HANDLE_STMT, stmt);
    if (SQL_SUCCEEDED(out.rc)) out.rows = fetch_rows(stmt);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return out;
}

std::string connection_with_token(const SimProcess& sim, const std::string& token, const std::string& extra = "") {
    return "Driver=" + driver_path() + ";Server=" + sim.server() + ";Token=" + token + ";CAFile=" + ca_file() +
           ";Cache=memory;" + extra;
}

const char* const kWorktimeHeader =
    "?year;?month;ID of the work time entry;User ID;Employee number;Date (dd/mm/yyyy);Start time (hh:mm);"
    "End time (hh:mm);Working time in seconds;Pause in seconds;State;ID of the project;ID of the service;Comments;"
    "Auto stopped\n";

// A fixture directory holding worktime.csv: 20 entries of March 2024.
std::string worktime_fixture(const std::string& comment_of_entry_5) {
    const std::string dir = make_temp_dir("tb-answer-fixture-");
    std::ofstream out(dir + "/worktime.csv");
    out << kWorktimeHeader;
    for (int i = 1; i <= 20; ++i) {
        char day[16];
        std::snprintf(day, sizeof day, "%02d/03/2024", i);
        out << "2024;3;" << 9000 + i << ";1;00101;" << day << ";08:00;16:30;28800;1800;Done;1;1;"
            << (i == 5 ? comment_of_entry_5 : std::string("Eintrag ") + std::to_string(i)) << ";false\n";
    }
    return dir;
}

// Point 2: a comment starting with '"' is a comment, not the start of a
// quoted field that swallows the rest of the month.
TEST(AnswerDecoding, CommentStartingWithAQuoteLosesNoRow) {
    const std::string dir = worktime_fixture("\"Kunde sagt: super");
    SimProcess sim({"--fixture", dir, "--today", "2024-06-13"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    auto count = run(connection, "SELECT COUNT(*) FROM worktime WHERE year = 2024 AND month = 3");
    ASSERT_EQ(count.rc, SQL_SUCCESS) << count.all_messages();
    EXPECT_EQ(count.rows.at(0).at(0), "20");
    auto comment = run(connection, "SELECT comments, auto_stopped FROM worktime WHERE year = 2024 AND month = 3 "
                                   "AND worktime_id = 9005");
    ASSERT_EQ(comment.rows.size(), 1u) << comment.all_messages();
    EXPECT_EQ(comment.rows[0][0], "\"Kunde sagt: super");
    EXPECT_EQ(comment.rows[0][1], "0");
    std::filesystem::remove_all(dir);
}

// The same through the generated account: a field opening a quote on the
// second line of the 2024 absences changes no count.
TEST(AnswerDecoding, UnbalancedQuoteInGeneratedAnswer) {
    SimProcess sim({"--fault", "unbalanced-quote:absences", "--today", "2024-06-13"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    auto count = run(connection, "SELECT COUNT(*) FROM absences WHERE year = 2024");
    ASSERT_TRUE(SQL_SUCCEEDED(count.rc)) << count.all_messages();
    EXPECT_EQ(count.rows.at(0).at(0), "133");
}

// A line with a field more than the header: an error naming the table, the
// partition and the line, and nothing of the answer kept.
TEST(AnswerDecoding, UndecodableLineIsAnErrorNotAMergeOrADrop) {
    SimProcess sim({"--fault", "extra-field:absences:1", "--today", "2024-06-13"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    auto failed = run(connection, "SELECT COUNT(*) FROM absences WHERE year = 2024");
    ASSERT_EQ(failed.rc, SQL_ERROR) << failed.all_messages();
    ASSERT_FALSE(failed.diags.empty());
    const std::string& message = failed.diags[0].message;
    EXPECT_NE(message.find("[Timebutler][ODBC]"), std::string::npos) << message;
    EXPECT_NE(message.find("table absences"), std::string::npos) << message;
    EXPECT_NE(message.find("year=2024"), std::string::npos) << message;
    EXPECT_NE(message.find("line 3 "), std::string::npos) << message;
    // Nothing was cached: the repeat asks again and gets every row.
    sim.clear_log();
    auto again = run(connection, "SELECT COUNT(*) FROM absences WHERE year = 2024");
    ASSERT_TRUE(SQL_SUCCEEDED(again.rc)) << again.all_messages();
    EXPECT_EQ(again.rows.at(0).at(0), "133");
    EXPECT_EQ(sim.requests("absences").size(), 1u);
}

struct JunkCase {
    const char* kind;
    const char* shows;  // what the message quotes of the body ("" for none)
};

class JunkAnswer : public ::testing::TestWithParam<JunkCase> {};

// Point 3: a 200 answer that is not the table's CSV is an error naming the
// action and the first bytes; nothing of it is cached; the connection works.
TEST_P(JunkAnswer, IsAnErrorAndNothingIsCached) {
    const JunkCase c = GetParam();
    SimProcess sim({"--fault", std::string(c.kind) + ":projects:1"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    auto failed = run(connection, "SELECT * FROM projects");
    ASSERT_EQ(failed.rc, SQL_ERROR) << c.kind << ": " << failed.rows.size() << " rows " << failed.all_messages();
    ASSERT_FALSE(failed.diags.empty());
    const std::string& message = failed.diags[0].message;
    EXPECT_EQ(failed.diags[0].sqlstate, "08S01") << message;
    EXPECT_NE(message.find("action 'projects'"), std::string::npos) << message;
    EXPECT_NE(message.find(c.shows), std::string::npos) << message;
    EXPECT_EQ(message.find(kToken), std::string::npos) << message;
    for (char ch : message) EXPECT_FALSE(static_cast<unsigned char>(ch) < 0x20) << message;

    sim.clear_log();
    auto again = run(connection, "SELECT project_id, name FROM projects ORDER BY project_id");
    ASSERT_EQ(again.rc, SQL_SUCCESS) << again.all_messages();
    EXPECT_EQ(again.rows.size(), 12u);
    EXPECT_EQ(again.rows.at(0).at(1), "Website-Relaunch");
    EXPECT_EQ(sim.requests("projects").size(), 1u) << "the junk answer must not have been cached";
}

INSTANTIATE_TEST_SUITE_P(Bodies, JunkAnswer,
                         ::testing::Values(JunkCase{"html", "<!DOCTYPE html>"}, JunkCase{"empty", "it is empty"},
                                           JunkCase{"ok", "'OK\\n'"},
                                           JunkCase{"internal-error", "INTERNAL_ERROR"},
                                           JunkCase{"random", "it began: '"},
                                           JunkCase{"content-type", "text/html"},
                                           JunkCase{"echo", "auth=***"}),
                         [](const auto& info) {
                             std::string name = info.param.kind;
                             for (char& ch : name)
                                 if (ch == '-') ch = '_';
                             return name;
                         });

// A header line alone is a genuine empty result, not junk.
TEST(JunkAnswerEdge, HeaderOnlyIsAValidEmptyResult) {
    SimProcess sim({"--users", "3", "--today", "2024-06-13"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    auto empty = run(connection, "SELECT * FROM absences WHERE year = 2031");
    EXPECT_EQ(empty.rc, SQL_SUCCESS) << empty.all_messages();
    EXPECT_TRUE(empty.rows.empty());
}

// The header-less timeclock status has its own shape check.
TEST(JunkAnswerEdge, TimeclockStatusThatIsNotAStatusLine) {
    SimProcess sim({"--users", "3", "--fault", "ok:timeclock:1"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    auto failed = run(connection, "SELECT * FROM timeclock WHERE user_id = 1");
    ASSERT_EQ(failed.rc, SQL_ERROR) << failed.rows.size() << " rows " << failed.all_messages();
    EXPECT_NE(failed.diags.at(0).message.find("action 'timeclock'"), std::string::npos) << failed.all_messages();
    auto again = run(connection, "SELECT result, state FROM timeclock WHERE user_id = 1");
    ASSERT_EQ(again.rc, SQL_SUCCESS) << again.all_messages();
    ASSERT_EQ(again.rows.size(), 1u);
    EXPECT_EQ(again.rows[0][0], "OK");
    EXPECT_EQ(again.rows[0][1], "IDLE");
}

// Point 6: the personnel token is scrubbed as well.
TEST(TokenScrubbing, EchoedPersonnelTokenIsScrubbed) {
    SimProcess sim({"--users", "3", "--fault", "echo:salaries:1"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    auto failed = run(connection, "SELECT * FROM salaries");
    ASSERT_EQ(failed.rc, SQL_ERROR) << failed.all_messages();
    const std::string messages = failed.all_messages();
    EXPECT_NE(messages.find("auth=***"), std::string::npos) << messages;
    EXPECT_EQ(messages.find(kPersonnelToken), std::string::npos) << messages;
    EXPECT_EQ(messages.find(kToken), std::string::npos) << messages;
}

// A one-letter token is scrubbed where it appears, not in every word.
TEST(TokenScrubbing, OneLetterTokenLeavesMessagesIntact) {
    SimProcess sim({"--users", "3", "--token", "t", "--fault", "html:projects:1", "--fault", "echo:services:1"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(connection_with_token(sim, "t"))));
    auto html = run(connection, "SELECT * FROM projects");
    ASSERT_EQ(html.rc, SQL_ERROR);
    EXPECT_NE(html.diags.at(0).message.find("Bitte versuchen Sie"), std::string::npos) << html.all_messages();
    EXPECT_NE(html.diags.at(0).message.find("the service's CSV"), std::string::npos) << html.all_messages();
    auto echo = run(connection, "SELECT * FROM services");
    ASSERT_EQ(echo.rc, SQL_ERROR);
    EXPECT_NE(echo.diags.at(0).message.find("auth=***"), std::string::npos) << echo.all_messages();
    EXPECT_EQ(echo.diags.at(0).message.find("auth=t"), std::string::npos) << echo.all_messages();

    // libcurl's own text (a refused connection) keeps its words too.
    OdbcConnection refused;
    const std::string cs = "Driver=" + driver_path() + ";Server=https://127.0.0.1:1;Token=t;CAFile=" + ca_file() +
                           ";Cache=memory";
    ASSERT_FALSE(SQL_SUCCEEDED(refused.connect(cs)));
    const auto diag = refused.connect_diag();
    ASSERT_FALSE(diag.empty());
    EXPECT_EQ(diag[0].message.find("***"), std::string::npos) << diag[0].message;
    EXPECT_NE(diag[0].message.find("connect"), std::string::npos) << diag[0].message;
}

std::vector<std::string> column_names(OdbcConnection& connection, const std::string& table) {
    SQLHSTMT stmt;
    SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
    SQLColumns(stmt, nullptr, 0, (SQLCHAR*)"timebutler", SQL_NTS, (SQLCHAR*)table.c_str(), SQL_NTS, nullptr, 0);
    std::vector<std::string> names;
    for (const auto& row : fetch_rows(stmt)) names.push_back(row.at(3).value_or(""));
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return names;
}

// Point 4: a table without run-time columns ignores unknown header names
// (with a warning) and never alters the shared cache file.
TEST(RuntimeColumnBounds, TableWithoutRuntimeColumnsIgnoresUnknownNames) {
    SimProcess sim({"--fault", "huge-header:projects:1"});
    const std::string path = temp_cache_path();
    std::size_t declared = 0;
    {
        OdbcConnection connection;
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string("Cache=" + path))));
        declared = column_names(connection, "projects").size();
        ASSERT_GE(declared, 6u);
        auto rows = run(connection, "SELECT project_id FROM projects");
        ASSERT_EQ(rows.rc, SQL_SUCCESS_WITH_INFO) << rows.all_messages();
        EXPECT_EQ(rows.rows.size(), 12u);
        EXPECT_TRUE(rows.has_state("01000")) << rows.all_messages();
        EXPECT_NE(rows.all_messages().find("'Extra field 1'"), std::string::npos) << rows.all_messages();
        EXPECT_EQ(column_names(connection, "projects").size(), declared);
    }
    OdbcConnection other;
    ASSERT_TRUE(SQL_SUCCEEDED(other.connect(sim.connection_string("Cache=" + path))));
    EXPECT_EQ(column_names(other, "projects").size(), declared);
    EXPECT_EQ(run(other, "SELECT COUNT(*) FROM projects").rows.at(0).at(0), "12");
    remove_cache_file(path);
}

// A table with run-time columns takes at most 200, names at most 64 bytes,
// and says what it dropped; the cache file stays usable for every connection.
TEST(RuntimeColumnBounds, HugeHeaderIsBoundedWithAWarning) {
    SimProcess sim({"--users", "5", "--fault", "huge-header:absences:1", "--today", "2024-06-13"});
    const std::string path = temp_cache_path();
    std::size_t columns = 0;
    {
        OdbcConnection connection;
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string("Cache=" + path))));
        auto rows = run(connection, "SELECT COUNT(*) FROM absences WHERE year = 2024");
        ASSERT_EQ(rows.rc, SQL_SUCCESS_WITH_INFO) << rows.all_messages();
        const std::string messages = rows.all_messages();
        EXPECT_NE(messages.find("longer than 64 bytes"), std::string::npos) << messages;
        EXPECT_NE(messages.find("most it may have (200)"), std::string::npos) << messages;
        columns = column_names(connection, "absences").size();
    }
    OdbcConnection other;
    ASSERT_TRUE(SQL_SUCCEEDED(other.connect(sim.connection_string("Cache=" + path))));
    EXPECT_EQ(column_names(other, "absences").size(), columns);
    EXPECT_LE(columns, 30u + 200u);
    auto later = run(other, "SELECT COUNT(*) FROM absences WHERE year = 2023");
    ASSERT_TRUE(SQL_SUCCEEDED(later.rc)) << later.all_messages();
    EXPECT_NE(later.rows.at(0).at(0), "0");
    remove_cache_file(path);
}

// 6,000 equal names: named in linear time and bounded (on 889bc9b this took
// about a minute and then broke the table).
TEST(RuntimeColumnBounds, DuplicateHeaderNames) {
    SimProcess sim({"--users", "5", "--fault", "duplicate-header:absences:1", "--today", "2024-06-13"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    auto rows = run(connection, "SELECT COUNT(*) FROM absences WHERE year = 2024");
    ASSERT_EQ(rows.rc, SQL_SUCCESS_WITH_INFO) << rows.all_messages();
    EXPECT_NE(rows.all_messages().find("'weiterbildung_zusatzfeld_"), std::string::npos) << rows.all_messages();
    const auto names = column_names(connection, "absences");
    EXPECT_NE(std::find(names.begin(), names.end(), "weiterbildung_zusatzfeld_2"), names.end());
    EXPECT_LE(names.size(), 30u + 200u);
}

// A cache file an older driver poisoned (a run-time column on projects,
// which has none) repairs itself: the table is made anew and refetched.
TEST(RuntimeColumnBounds, PoisonedCacheFileRepairsItself) {
    SimProcess sim;
    const std::string path = temp_cache_path();
    std::size_t declared = 0;
    {
        OdbcConnection connection;
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string("Cache=" + path))));
        ASSERT_EQ(connection.query("SELECT * FROM projects").size(), 12u);
        declared = column_names(connection, "projects").size();
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "ALTER TABLE projects ADD COLUMN extra_field_1 TEXT;"
                           "INSERT INTO _runtime_columns(tbl, name, position) VALUES ('projects', 'extra_field_1', 99);",
                           nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
    sim.clear_log();
    OdbcConnection again;
    ASSERT_TRUE(SQL_SUCCEEDED(again.connect(sim.connection_string("Cache=" + path))));
    EXPECT_EQ(column_names(again, "projects").size(), declared);
    EXPECT_EQ(again.query("SELECT * FROM projects").size(), 12u);
    EXPECT_EQ(sim.requests("projects").size(), 1u) << "the repaired table's rows are fetched again";
    remove_cache_file(path);
}

} // namespace
