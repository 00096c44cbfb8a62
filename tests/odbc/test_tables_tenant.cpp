// Every read table against the simulator's `tenant` profile, through the
// driver manager: row counts, every column of known rows, the requests made
// (tests/odbc/read_tables.hpp holds the cases).
#include "tests/odbc/read_tables.hpp"

using namespace tb::test;

namespace {

constexpr SimProfile kProfile = SimProfile::Tenant;

class TenantTables : public ::testing::TestWithParam<TableCase> {
protected:
    static void SetUpTestSuite() { sim = new SimProcess(profile_flags(kProfile)); }
    static void TearDownTestSuite() { delete sim; }
    static SimProcess* sim;
};
SimProcess* TenantTables::sim = nullptr;

TEST_P(TenantTables, RowsValuesAndRequests) { check_table_case(*sim, GetParam()); }
INSTANTIATE_TEST_SUITE_P(Tenant, TenantTables, ::testing::ValuesIn(table_cases(kProfile)), CaseName());

TEST_F(TenantTables, MissingTablesGiveTheClearErrorOnce) {
    for (const auto& table : missing_tables(kProfile)) check_missing_table(*sim, table);
}

} // namespace
