// Pushdown seen from the simulator's request log: which API requests the
// statements BI tools send really make.
#include <gtest/gtest.h>

#include <set>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

class Pushdown : public ::testing::Test {
protected:
    static void SetUpTestSuite() { sim = new SimProcess({"--users", "8", "--years", "2024-2025"}); }
    static void TearDownTestSuite() { delete sim; }
    void SetUp() override {
        // Cache=off: every statement shows its own requests.
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim->connection_string("Cache=off"))));
        sim->clear_log();
    }
    std::set<std::string> months(const std::vector<LoggedRequest>& requests) {
        std::set<std::string> out;
        for (const auto& r : requests)
            for (int m = 1; m <= 12; ++m)
                if (r.has("month", std::to_string(m))) out.insert(std::to_string(m));
        return out;
    }
    static SimProcess* sim;
    OdbcConnection connection;
};
SimProcess* Pushdown::sim = nullptr;

TEST_F(Pushdown, PowerBiFourDerivedTablesDeepMakesTwoWorktimeRequests) {
    auto rows = connection.query(
        "select \"_\".\"user_id\", \"_\".\"date\", \"_\".\"working_seconds\" from ("
        " select \"user_id\", \"date\", \"working_seconds\", \"year\", \"month\" from ("
        "  select \"user_id\", \"date\", \"working_seconds\", \"year\", \"month\" from ("
        "   select \"user_id\", \"date\", \"working_seconds\", \"year\", \"month\" from \"timebutler\".\"worktime\" \"$Table\""
        "  ) \"rows\") \"ITBL\") \"_\" where \"_\".\"year\" = 2025 and \"_\".\"month\" in (1, 2) limit 1001");
    EXPECT_GT(rows.size(), 0u);
    auto requests = sim->requests("worktime");
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(months(requests), (std::set<std::string>{"1", "2"}));
    for (const auto& r : requests) EXPECT_TRUE(r.has("year", "2025")) << r.line;
}

TEST_F(Pushdown, MetadataProbesMakeNoRequest) {
    std::vector<std::string> names;
    EXPECT_EQ(connection.query("SELECT * FROM \"timebutler\".\"worktime\" WHERE 1=0", &names).size(), 0u);
    EXPECT_GT(names.size(), 10u);
    EXPECT_EQ(connection.query("SELECT * FROM \"timebutler\".\"worktime\" LIMIT 0").size(), 0u);
    EXPECT_EQ(connection.query("SELECT TOP 0 * FROM absences").size(), 0u);
    EXPECT_TRUE(sim->requests().empty());
}

TEST_F(Pushdown, DateRangeOnAbsencesSelectsItsYear) {
    connection.query("SELECT \"absences\".\"type\" AS \"type\", SUM(\"absences\".\"workdays\") AS \"days\" "
                     "FROM \"timebutler\".\"absences\" \"absences\" WHERE ((\"absences\".\"date_from\" >= {d '2024-01-01'}) "
                     "AND (\"absences\".\"date_from\" < {d '2025-01-01'})) GROUP BY \"absences\".\"type\"");
    auto requests = sim->requests("absences");
    ASSERT_GE(requests.size(), 1u);
    EXPECT_TRUE(requests[0].has("year", "2024")) << requests[0].line;
    for (const auto& r : requests) EXPECT_FALSE(r.has("year", "2026")) << r.line;
}

TEST_F(Pushdown, InListAndParametersBecomeOneRequestEach) {
    connection.query("SELECT COUNT(*) FROM worktime WHERE year = 2024 AND month IN (3, 4, 5)");
    EXPECT_EQ(months(sim->requests("worktime")), (std::set<std::string>{"3", "4", "5"}));
}

TEST_F(Pushdown, OrAcrossColumnsDoesNotRestrict) {
    // year = 2024 OR user_id = 1 cannot pick a year: the default (current year) is asked.
    connection.query("SELECT COUNT(*) FROM absences WHERE year = 2024 OR user_id = 1");
    auto requests = sim->requests("absences");
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_FALSE(requests[0].has("year", "2024")) << requests[0].line;
}

TEST_F(Pushdown, JoinOfTwoTablesRequestsEachOnce) {
    auto rows = connection.query(
        "select count(*) as \"CNT\", \"ITBL\".\"department\" from \"timebutler\".\"absences\" as \"OTBL\" "
        "inner join \"timebutler\".\"users\" as \"ITBL\" on ((\"OTBL\".\"user_id\" = \"ITBL\".\"user_id\" and "
        "\"OTBL\".\"user_id\" is not null) and \"ITBL\".\"user_id\" is not null or \"OTBL\".\"user_id\" is null and "
        "\"ITBL\".\"user_id\" is null) where \"OTBL\".\"year\" = 2024 group by \"ITBL\".\"department\"");
    EXPECT_GT(rows.size(), 0u);
    EXPECT_EQ(sim->requests("absences").size(), 1u);
    EXPECT_TRUE(sim->requests("absences")[0].has("year", "2024"));
    EXPECT_EQ(sim->requests("users").size(), 1u);
}

} // namespace
