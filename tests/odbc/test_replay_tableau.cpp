// A replay of what Tableau's generic ODBC connector does (from its TDC
// customisation documentation and published driver traces): SQLGetInfo
// capability probes, metadata enumeration with SQLTables/SQLColumns, each
// table's shape read three ways (prepare without execute, WHERE 1=0, LIMIT 0)
// with no API request, then queries with ODBC escapes read through bound
// wide-string row arrays.
#include <gtest/gtest.h>

#include "tests/odbc/replay_common.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

class TableauReplay : public ::testing::Test {
protected:
    static void SetUpTestSuite() { sim = new SimProcess({"--users", "10", "--years", "2024-2024"}); }
    static void TearDownTestSuite() { delete sim; }
    void SetUp() override { ASSERT_TRUE(connection.connected()); }
    static SimProcess* sim;
    WideConnection connection{sim->connection_string()};
};
SimProcess* TableauReplay::sim = nullptr;

TEST_F(TableauReplay, CapabilityProbes) {
    const SQLHDBC dbc = connection.dbc();
    probe_info(dbc, {SQL_DRIVER_NAME, SQL_DRIVER_VER, SQL_DRIVER_ODBC_VER, SQL_ODBC_VER, SQL_DBMS_NAME, SQL_DBMS_VER,
                     SQL_SQL_CONFORMANCE, SQL_ODBC_INTERFACE_CONFORMANCE, SQL_CATALOG_NAME_SEPARATOR,
                     SQL_CATALOG_LOCATION, SQL_IDENTIFIER_QUOTE_CHAR, SQL_MAX_IDENTIFIER_LEN, SQL_TXN_CAPABLE,
                     SQL_CURSOR_COMMIT_BEHAVIOR, SQL_CURSOR_ROLLBACK_BEHAVIOR, SQL_CONVERT_FUNCTIONS,
                     SQL_STRING_FUNCTIONS, SQL_NUMERIC_FUNCTIONS, SQL_TIMEDATE_FUNCTIONS, SQL_TIMEDATE_ADD_INTERVALS,
                     SQL_TIMEDATE_DIFF_INTERVALS, SQL_SQL92_STRING_FUNCTIONS, SQL_SQL92_NUMERIC_VALUE_FUNCTIONS,
                     SQL_SQL92_DATETIME_FUNCTIONS, SQL_SQL92_PREDICATES, SQL_SQL92_VALUE_EXPRESSIONS,
                     SQL_AGGREGATE_FUNCTIONS, SQL_OJ_CAPABILITIES, SQL_GETDATA_EXTENSIONS, SQL_SUBQUERIES, SQL_UNION,
                     SQL_GROUP_BY, SQL_EXPRESSIONS_IN_ORDERBY, SQL_ORDER_BY_COLUMNS_IN_SELECT, SQL_MAX_ROW_SIZE,
                     SQL_STATIC_CURSOR_ATTRIBUTES1, SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1, SQL_SCROLL_OPTIONS,
                     SQL_BOOKMARK_PERSISTENCE, SQL_PARAM_ARRAY_ROW_COUNTS, SQL_PARAM_ARRAY_SELECTS,
                     SQL_DEFAULT_TXN_ISOLATION, SQL_TXN_ISOLATION_OPTION, SQL_CONVERT_CHAR, SQL_CONVERT_WCHAR});
    // Tableau builds LIMIT/TOP and outer joins from these answers.
    EXPECT_NE(info_mask(dbc, SQL_OJ_CAPABILITIES) & SQL_OJ_LEFT, 0u);
    EXPECT_NE(info_mask(dbc, SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1) & SQL_CA1_NEXT, 0u);
    EXPECT_NE(info_mask(dbc, SQL_GETDATA_EXTENSIONS) & SQL_GD_ANY_COLUMN, 0u);
}

TEST_F(TableauReplay, MetadataEnumerationMakesNoRequests) {
    sim->clear_log();
    StatementHandle stmt(connection.dbc());
    WString all = wide(SQL_ALL_SCHEMAS), empty = wide("");
    ASSERT_EQ(SQLTablesW(stmt, empty.data(), 0, all.data(), SQL_NTS, empty.data(), 0, nullptr, 0), SQL_SUCCESS);
    EXPECT_EQ(read_all_with_getdata(stmt, column_meta(stmt)), 1u);
    WString schema = wide("timebutler"), percent = wide("%");
    ASSERT_EQ(SQLTablesW(stmt, nullptr, 0, schema.data(), SQL_NTS, percent.data(), SQL_NTS, nullptr, 0), SQL_SUCCESS);
    EXPECT_GE(read_all_with_getdata(stmt, column_meta(stmt)), 10u);

    // Each way Tableau reads a table's shape: describe only, no rows, no request.
    for (const char* sql : {R"(SELECT * FROM "timebutler"."worktime")",
                            R"(SELECT * FROM "timebutler"."worktime" WHERE 1=0)",
                            R"(SELECT * FROM "timebutler"."worktime" LIMIT 0)"}) {
        StatementHandle probe(connection.dbc());
        WString text = wide(sql);
        ASSERT_EQ(SQLPrepareW(probe, text.data(), SQL_NTS), SQL_SUCCESS) << diag_text(SQL_HANDLE_STMT, probe);
        auto prepared = column_meta(probe);
        ASSERT_GE(prepared.size(), 10u) << sql;
        for (SQLUSMALLINT i = 1; i <= prepared.size(); ++i) {
            SQLWCHAR name[128];
            SQLSMALLINT length = 0, type = 0, digits = 0, nullable = 0;
            SQLULEN size = 0;
            ASSERT_EQ(SQLDescribeColW(probe, i, name, 128, &length, &type, &size, &digits, &nullable), SQL_SUCCESS);
            EXPECT_EQ(type, prepared[i - 1].concise_type) << narrow(name);
        }
        // The plain SELECT is only prepared; the two empty forms are executed.
        if (std::string(sql) != R"(SELECT * FROM "timebutler"."worktime")") {
            ASSERT_EQ(SQLExecute(probe), SQL_SUCCESS) << diag_text(SQL_HANDLE_STMT, probe);
            EXPECT_EQ(SQLFetch(probe), SQL_NO_DATA) << sql;
            EXPECT_EQ(column_meta(probe).size(), prepared.size()) << sql;
        }
    }
    EXPECT_TRUE(sim->requests("worktime").empty()) << "metadata probes must not fetch data";
}

TEST_F(TableauReplay, QueriesWithEscapesThroughBoundRowArrays) {
    StatementHandle stmt(connection.dbc());
    // Bound wide strings, 1,024 rows per fetch, as Tableau's extract reader does.
    constexpr SQLULEN kRows = 1024;
    std::vector<SQLWCHAR> type(kRows * 64);
    std::vector<SQLLEN> type_ind(kRows), sum_ind(kRows);
    std::vector<SQLDOUBLE> sum(kRows);
    SQLULEN fetched = 0;
    ASSERT_EQ(SQLSetStmtAttrW(stmt, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(kRows), 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttrW(stmt, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLBindCol(stmt, 1, SQL_C_WCHAR, type.data(), 64 * sizeof(SQLWCHAR), type_ind.data()), SQL_SUCCESS);
    ASSERT_EQ(SQLBindCol(stmt, 2, SQL_C_DOUBLE, sum.data(), 0, sum_ind.data()), SQL_SUCCESS);
    ASSERT_TRUE(exec_wide(stmt, R"(SELECT "absences"."type" AS "type",
  SUM("absences"."workdays") AS "sum_workdays_ok"
FROM "timebutler"."absences" "absences"
WHERE (("absences"."date_from" >= {d '2024-01-01'}) AND ("absences"."date_from" < {d '2025-01-01'}))
GROUP BY "absences"."type")"));
    ASSERT_TRUE(SQL_SUCCEEDED(SQLFetch(stmt))) << diag_text(SQL_HANDLE_STMT, stmt);
    ASSERT_GT(fetched, 0u);
    for (SQLULEN r = 0; r < fetched; ++r) {
        EXPECT_FALSE(narrow(&type[r * 64]).empty());
        EXPECT_GT(sum[r], 0.0);
    }
    EXPECT_EQ(SQLFetch(stmt), SQL_NO_DATA);
    ASSERT_EQ(SQLFreeStmt(stmt, SQL_UNBIND), SQL_SUCCESS);

    ASSERT_TRUE(exec_wide(stmt, R"(SELECT CAST({fn TRUNCATE(EXTRACT(YEAR FROM "worktime"."date"),0)} AS INTEGER) AS "yr_date_ok"
FROM "timebutler"."worktime" "worktime"
WHERE "worktime"."year" = 2024
GROUP BY "yr_date_ok")"));
    EXPECT_EQ(read_all_with_getdata(stmt, column_meta(stmt)), 1u);

    ASSERT_TRUE(exec_wide(stmt, R"(SELECT SUM({fn CONVERT("worktime"."working_seconds", SQL_BIGINT)}) AS "sum_working_seconds_ok" FROM "timebutler"."worktime" "worktime" WHERE "worktime"."year" = 2024 HAVING (COUNT(1) > 0))"));
    EXPECT_EQ(read_all_with_getdata(stmt, column_meta(stmt)), 1u);
}

// Tableau's level-of-detail shape: the outer query joined to a grouped derived
// table, grouped by a name both sides have, which the select list aliases once.
TEST_F(TableauReplay, LevelOfDetailGroupsByTheSelectListAlias) {
    StatementHandle stmt(connection.dbc());
    ASSERT_TRUE(exec_wide(stmt, R"(SELECT "FGL"."user_id" AS "user_id",
  SUM("FGL"."working_seconds") AS "sum_working_seconds_ok",
  MIN("t0"."__measure__0") AS "first_date"
FROM "timebutler"."worktime" "FGL"
  INNER JOIN (
  SELECT "worktime"."user_id" AS "user_id",
    MIN("worktime"."date") AS "__measure__0"
  FROM "timebutler"."worktime" "worktime"
  WHERE "worktime"."year" = 2024
  GROUP BY "worktime"."user_id"
) "t0" ON ("FGL"."user_id" = "t0"."user_id")
WHERE "FGL"."year" = 2024
GROUP BY "user_id")"));
    EXPECT_EQ(read_all_with_getdata(stmt, column_meta(stmt)), 10u) << "one row per user";
    // A name that no alias settles stays an error naming it.
    WString ambiguous = wide(R"(SELECT "a"."user_id" AS "uid", COUNT(*) AS "n" FROM "timebutler"."worktime" "a" JOIN "timebutler"."users" "b" ON "a"."user_id" = "b"."user_id" WHERE "a"."year" = 2024 GROUP BY "user_id")");
    ASSERT_EQ(SQLExecDirectW(stmt, ambiguous.data(), SQL_NTS), SQL_ERROR);
    const std::string diag = diag_text(SQL_HANDLE_STMT, stmt);
    EXPECT_NE(diag.find("42000"), std::string::npos) << diag;
    EXPECT_NE(diag.find("ambiguous"), std::string::npos) << diag;
}

// Tableau opens a connection for metadata and more for queries; with the
// cache fresh for this server and token none of those connects asks anything.
TEST_F(TableauReplay, ConnectsWithAFreshCacheMakeNoRequests) {
    const std::string path = temp_cache_path();
    const std::string cs = sim->connection_string("Cache=" + path + ";CacheTTL=300");
    {
        WideConnection first(cs);
        ASSERT_TRUE(first.connected());
        StatementHandle stmt(first.dbc());
        ASSERT_TRUE(exec_wide(stmt, R"(SELECT "users"."user_id" AS "user_id" FROM "timebutler"."users" "users")"));
        EXPECT_EQ(read_all_with_getdata(stmt, column_meta(stmt)), 10u);
    }
    sim->clear_log();
    for (int i = 0; i < 3; ++i) {
        WideConnection again(cs);
        ASSERT_TRUE(again.connected());
        StatementHandle stmt(again.dbc());
        ASSERT_TRUE(exec_wide(stmt, R"(SELECT "users"."user_id" AS "user_id" FROM "timebutler"."users" "users")"));
        EXPECT_EQ(read_all_with_getdata(stmt, column_meta(stmt)), 10u);
    }
    EXPECT_TRUE(sim->requests().empty()) << sim->requests().size() << " requests";
    remove_cache_file(path);
}

} // namespace
