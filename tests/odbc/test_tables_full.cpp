// Every read table against the simulator's `full` profile, through the
// driver manager: row counts, every column of known rows, the requests made
// (tests/odbc/read_tables.hpp holds the cases).
#include "tests/odbc/read_tables.hpp"

using namespace tb::test;

namespace {

constexpr SimProfile kProfile = SimProfile::Full;

class FullTables : public ::testing::TestWithParam<TableCase> {
protected:
    static void SetUpTestSuite() { sim = new SimProcess(profile_flags(kProfile)); }
    static void TearDownTestSuite() { delete sim; }
    static SimProcess* sim;
};
SimProcess* FullTables::sim = nullptr;

TEST_P(FullTables, RowsValuesAndRequests) { check_table_case(*sim, GetParam()); }
INSTANTIATE_TEST_SUITE_P(Full, FullTables, ::testing::ValuesIn(table_cases(kProfile)), CaseName());

TEST_F(FullTables, RunningClockReadsItsStartTime) {
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim->connection_string("Cache=off"))));
    ASSERT_TRUE(connection.query_error("INSERT INTO timeclock (command, user_id) VALUES ('start', 2)").empty());
    sim->clear_log();
    auto rows = connection.query("SELECT result, state, clock_started_at, pause_started_at FROM timeclock "
                                 "WHERE user_id = 2");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0], "OK");
    EXPECT_EQ(rows[0][1], "RUNNING");
    ASSERT_TRUE(rows[0][2].has_value());
    EXPECT_EQ(rows[0][2]->substr(0, 10), "2025-06-13") << *rows[0][2];   // the simulator's --today
    EXPECT_FALSE(rows[0][3].has_value());
    ASSERT_EQ(sim->requests().size(), 1u);
    EXPECT_EQ(logged_params(sim->requests()[0]), R"({"command":"status","userid":"2"})");
    EXPECT_TRUE(connection.query_error("INSERT INTO timeclock (command, user_id) VALUES ('cancel', 2)").empty());
}

TEST_F(FullTables, PersonnelTablesWithoutPersonnelTokenNameTheKey) {
    OdbcConnection connection;
    std::string cs = sim->connection_string();
    cs.replace(cs.find(";PersonnelToken="), std::string(";PersonnelToken=").size() + std::string(kPersonnelToken).size(), "");
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(cs)));
    sim->clear_log();
    for (const char* table : {"personnelfiles", "salaries"}) {
        auto diags = connection.query_error(std::string("SELECT * FROM ") + table);
        ASSERT_FALSE(diags.empty()) << table;
        EXPECT_EQ(diags[0].sqlstate, "28000");
        EXPECT_NE(diags[0].message.find("PersonnelToken"), std::string::npos) << diags[0].message;
    }
    EXPECT_TRUE(sim->requests().empty());
}

} // namespace
