// Reading the goodtime source through the driver manager (issue 15): every
// table equals the simulator's rows, the key columns of timeentries become
// exactly the requests they say (checked in the simulator's log), a join of
// timeentries to projects and timetypes, run-time columns, and both time
// formats the reference leaves open.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/odbc/goodtime_helpers.hpp"

using namespace tb::test;
using namespace tb::test::goodtime;

namespace {

constexpr size_t kDeclaredEntryColumns = 8;  // time_entry_id .. locked
const char* const kWholeRange = "start_time >= '2025-01-01' AND start_time < '2027-01-01'";

class GoodTimeReads : public ::testing::Test {
protected:
    static void SetUpTestSuite() { sim = new SimProcess(sim_flags()); }
    static void TearDownTestSuite() { delete sim; }
    void SetUp() override {
        // CacheTTL=0: every statement asks the simulator, so each one's requests can be counted.
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(connection_string(*sim, "CacheTTL=0"))));
        sim->clear_log();
    }
    static SimProcess* sim;
    OdbcConnection connection;
};
SimProcess* GoodTimeReads::sim = nullptr;

std::vector<TextRow> sorted(std::vector<TextRow> rows) {
    std::sort(rows.begin(), rows.end());
    return rows;
}

TEST_F(GoodTimeReads, TimetypesUsersAndProjectsEqualTheSimulators) {
    for (const char* table : {"timetypes", "users", "projects"}) {
        const auto rows = as_text(connection.query(std::string("SELECT * FROM goodtime.") + table));
        EXPECT_TRUE(same_rows(sorted(rows), sorted(sim_rows(table)))) << table;
        EXPECT_EQ(sim->requests(table).size(), 1u) << table;
    }
    // Umlauts arrive intact.
    const auto names = connection.query("SELECT name FROM goodtime.timetypes WHERE time_type_id = 102");
    ASSERT_EQ(names.size(), 1u);
    EXPECT_EQ(names[0][0].value_or(""), "\xC3\x9C" "berstunden");
}

TEST_F(GoodTimeReads, UserProjectsIsOneRequestPerUser) {
    const auto rows = as_text(connection.query("SELECT login_email, project_id, name FROM goodtime.user_projects"));
    EXPECT_TRUE(same_rows(sorted(rows), sorted(sim_rows("user_projects"))));
    const auto requests = sim->requests("projects/{useremail}");
    EXPECT_EQ(requests.size(), 5u);
    std::set<std::string> asked;
    for (const auto& r : requests) asked.insert(r.line);
    for (const auto& user : sim_rows("users"))
        EXPECT_TRUE(std::any_of(requests.begin(), requests.end(),
                                [&](const LoggedRequest& r) { return r.has("useremail", user[0]); }))
            << "no request for " << user[0];
    EXPECT_EQ(count_status(requests, 200), requests.size()) << "a request named nobody (an e-mail sent unencoded?)";
}

TEST_F(GoodTimeReads, TimeentriesOfTwoYearsEqualTheSimulatorsWithOneRequestPerUser) {
    std::vector<std::string> columns;
    const auto rows = connection.query(
        std::string("SELECT * FROM goodtime.timeentries WHERE ") + kWholeRange + " ORDER BY time_entry_id", &columns);
    const auto expected = sim_rows("timeentries");
    ASSERT_EQ(rows.size(), expected.size());
    EXPECT_TRUE(same_rows(as_text(rows, kDeclaredEntryColumns), first_columns(expected, kDeclaredEntryColumns)));
    const auto requests = sim->requests("timeentries");
    EXPECT_EQ(requests.size(), 5u) << "one request per user";
    EXPECT_EQ(count_status(requests, 200), requests.size());
    for (const auto& user : sim_rows("users"))
        EXPECT_TRUE(std::any_of(requests.begin(), requests.end(),
                                [&](const LoggedRequest& r) { return r.has("useremail", user[0]); }))
            << "no request for " << user[0];
}

TEST_F(GoodTimeReads, FieldsTheCatalogLacksAreRunTimeColumns) {
    std::vector<std::string> columns;
    const auto rows = connection.query(std::string("SELECT * FROM goodtime.timeentries WHERE ") + kWholeRange +
                                           " ORDER BY time_entry_id",
                                       &columns);
    const auto duration = std::find(columns.begin(), columns.end(), "duration");
    const auto billable = std::find(columns.begin(), columns.end(), "billable");
    ASSERT_NE(duration, columns.end()) << ::testing::PrintToString(columns);
    ASSERT_NE(billable, columns.end()) << ::testing::PrintToString(columns);
    const auto expected = sim_rows("timeentries");
    ASSERT_EQ(rows.size(), expected.size());
    const size_t d = size_t(duration - columns.begin()), b = size_t(billable - columns.begin());
    for (size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(canonical(rows[i][d]), expected[i][8]) << "duration of " << expected[i][0];
        // A JSON boolean: 1/0 as a BIT, or true/false as text.
        const std::string got = canonical(rows[i][b]);
        EXPECT_TRUE(got == expected[i][9] || got == (expected[i][9] == "1" ? "true" : "false"))
            << "billable of " << expected[i][0] << ": " << got;
    }
}

TEST_F(GoodTimeReads, LoginEmailAndStartPredicateMakeExactlyOneRequest) {
    const auto rows = query_with(connection,
                                 "SELECT * FROM goodtime.timeentries WHERE login_email = ? AND "
                                 "start_time >= '2025-01-01' ORDER BY time_entry_id",
                                 {kPlusUser});
    const auto requests = sim->requests("timeentries");
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_TRUE(requests[0].has("useremail", kPlusUser)) << requests[0].line;
    EXPECT_EQ(count_status(requests, 200), 1u) << requests[0].line;
    // Every entry of the user from 2025-01-01 on, the later ones of the data included.
    std::vector<TextRow> expected;
    for (const auto& row : sim_rows("timeentries"))
        if (row[1] == kPlusUser && row[2] >= "2025-01-01") expected.push_back(row);
    EXPECT_TRUE(same_rows(as_text(rows, kDeclaredEntryColumns), first_columns(expected, kDeclaredEntryColumns)));
}

TEST_F(GoodTimeReads, StartPredicateIsThePeriodOfTheRequest) {
    const auto rows = query_with(connection,
                                 "SELECT time_entry_id, start_time FROM goodtime.timeentries WHERE login_email = ? "
                                 "AND start_time >= '2025-03-01' AND start_time < '2025-04-01' ORDER BY 1",
                                 {kPlusUser});
    const auto requests = sim->requests("timeentries");
    ASSERT_EQ(requests.size(), 1u);
    // The period sent covers March 2025 and is not the whole data range.
    EXPECT_EQ(requests[0].line.find("\"start\":\"2024"), std::string::npos) << requests[0].line;
    std::vector<TextRow> expected;
    for (const auto& row : sim_rows("timeentries"))
        if (row[1] == kPlusUser && row[2] >= "2025-03-01" && row[2] < "2025-04-01") expected.push_back({row[0], row[2]});
    EXPECT_TRUE(same_rows(as_text(rows), expected));
    EXPECT_FALSE(expected.empty());
}

TEST_F(GoodTimeReads, WithoutPredicatesTheCurrentMonthOfEveryUser) {
    const auto rows = connection.query("SELECT time_entry_id FROM goodtime.timeentries ORDER BY 1");
    const auto requests = sim->requests("timeentries");
    EXPECT_EQ(requests.size(), 5u) << "one request per user";
    std::vector<TextRow> expected;
    for (const auto& row : sim_rows("timeentries"))
        if (row[2].compare(0, 7, current_month()) == 0) expected.push_back({row[0]});
    EXPECT_TRUE(same_rows(as_text(rows), expected));
}

TEST_F(GoodTimeReads, JoinOfTimeentriesToProjectsAndTimetypes) {
    const auto rows = query_with(connection,
                                 "SELECT e.time_entry_id, p.name, t.name FROM goodtime.timeentries e "
                                 "JOIN goodtime.projects p ON p.project_id = e.project_id "
                                 "JOIN goodtime.timetypes t ON t.time_type_id = e.time_type_id "
                                 "WHERE e.login_email = ? AND e.start_time >= '2025-03-01' "
                                 "AND e.start_time < '2025-07-01' ORDER BY e.time_entry_id",
                                 {kPlusUser});
    std::map<std::string, std::string> project, type;
    for (const auto& p : sim_rows("projects")) project[p[0]] = p[1];
    for (const auto& t : sim_rows("timetypes")) type[t[0]] = t[1];
    std::vector<TextRow> expected;
    for (const auto& e : sim_rows("timeentries"))
        if (e[1] == kPlusUser && e[2] >= "2025-03-01" && e[2] < "2025-07-01" && e[5] != "\\N")
            expected.push_back({e[0], project.at(e[5]), type.at(e[4])});
    ASSERT_FALSE(expected.empty());
    EXPECT_TRUE(same_rows(as_text(rows), expected));
    EXPECT_EQ(sim->requests("timeentries").size(), 1u);
}

// The reference does not say how times are sent: epoch milliseconds read
// as the same TIMESTAMP values as ISO 8601.
TEST(GoodTimeTimeFormats, EpochMillisecondsReadAsTheSameTimestamps) {
    SimProcess sim(sim_flags({"--time-format", "epoch-ms"}));
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(connection_string(sim))));
    const auto rows = query_with(connection,
                                 "SELECT * FROM goodtime.timeentries WHERE login_email = ? AND "
                                 "start_time >= '2025-01-01' AND start_time < '2025-07-01' ORDER BY time_entry_id",
                                 {kUser});
    std::vector<TextRow> expected;
    for (const auto& row : sim_rows("timeentries"))
        if (row[1] == kUser && row[2] < "2025-07-01") expected.push_back(row);
    ASSERT_FALSE(expected.empty());
    EXPECT_TRUE(same_rows(as_text(rows, kDeclaredEntryColumns), first_columns(expected, kDeclaredEntryColumns)));
}

// The reference does not say how the login sends the token either.
TEST(GoodTimeLoginAnswers, RawJsonStringAndObjectAllWork) {
    for (const char* form : {"raw", "json-string", "object"}) {
        SimProcess sim(sim_flags({"--login-answer", form}));
        OdbcConnection connection;
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(connection_string(sim)))) << form;
        EXPECT_EQ(connection.query("SELECT * FROM goodtime.timetypes").size(), 5u) << form;
        const auto reads = sim.requests("timetypes");
        ASSERT_EQ(reads.size(), 1u) << form;
        EXPECT_EQ(count_status(reads, 200), 1u) << form << ": " << reads[0].line;
    }
}

// Without the "lockable time entries" feature the service sends no locked
// property: the column reads NULL, nothing is made up.
TEST(GoodTimeLocking, WithoutTheFeatureLockedIsNull) {
    SimProcess sim(sim_flags({"--no-locking"}));
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(connection_string(sim))));
    const auto rows = query_with(connection,
                                 "SELECT locked FROM goodtime.timeentries WHERE login_email = ? AND "
                                 "start_time >= '2025-01-01' AND start_time < '2025-02-01'",
                                 {kUser});
    ASSERT_FALSE(rows.empty());
    for (const auto& row : rows) EXPECT_FALSE(row[0].has_value());
}

}  // namespace
