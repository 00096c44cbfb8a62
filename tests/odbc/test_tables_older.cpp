// Every read table against the simulator's `older` profile, through the
// driver manager: row counts, every column of known rows, the requests made
// (tests/odbc/read_tables.hpp holds the cases).
#include "tests/odbc/read_tables.hpp"

using namespace tb::test;

namespace {

constexpr SimProfile kProfile = SimProfile::Older;

class OlderTables : public ::testing::TestWithParam<TableCase> {
protected:
    static void SetUpTestSuite() { sim = new SimProcess(profile_flags(kProfile)); }
    static void TearDownTestSuite() { delete sim; }
    static SimProcess* sim;
};
SimProcess* OlderTables::sim = nullptr;

TEST_P(OlderTables, RowsValuesAndRequests) { check_table_case(*sim, GetParam()); }
INSTANTIATE_TEST_SUITE_P(Older, OlderTables, ::testing::ValuesIn(table_cases(kProfile)), CaseName());

TEST_F(OlderTables, MissingTablesGiveTheClearErrorOnce) {
    for (const auto& table : missing_tables(kProfile)) check_missing_table(*sim, table);
}

} // namespace
