// A replay of the ODBC calls Power BI Desktop's ODBC connector makes (from its
// public documentation and traces published by driver vendors): an ODBC 3
// environment with connection pooling, SQLDriverConnectW without prompt and
// with the keys it injects, the SQLGetInfo capability probes, SQLGetFunctions,
// SQLGetTypeInfoW, the navigator (SQLTablesW with "TABLE,VIEW", SQLColumnsW),
// the preview (SQLExecDirectW, SQLColAttributeW per column, SQLGetData in the
// default types), the statements query folding produces, and a refresh that
// runs several connections of one environment on several threads.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <set>
#include <thread>

#include "tests/odbc/replay_common.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

class PowerBiReplay : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        // The preview has no filter: the driver's default window is the current
        // year, so the simulator's years reach it.
        const std::time_t now = std::time(nullptr);
        const int year = std::gmtime(&now)->tm_year + 1900;
        sim = new SimProcess({"--users", "12", "--years", "2024-" + std::to_string(std::max(year, 2025))});
    }
    static void TearDownTestSuite() { delete sim; }
    void SetUp() override {
        // Power BI turns on pooling for the process before allocating its
        // environment. The driver manager keeps that call to itself; Wine 10's
        // odbc32 dereferences the null handle (an access violation before the
        // first test), so tests/wine/run.sh sets TB_SKIP_PROCESS_POOLING.
        if (!std::getenv("TB_SKIP_PROCESS_POOLING"))
            SQLSetEnvAttr(SQL_NULL_HENV, SQL_ATTR_CONNECTION_POOLING, reinterpret_cast<SQLPOINTER>(SQL_CP_ONE_PER_HENV),
                          SQL_IS_INTEGER);
        ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env), SQL_SUCCESS);
        ASSERT_EQ(SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0), SQL_SUCCESS);
        dbc = connect();
    }
    void TearDown() override {
        disconnect(dbc);
        SQLFreeHandle(SQL_HANDLE_ENV, env);
    }
    SQLHDBC connect(const std::string& extra = "") const {
        SQLHDBC c = nullptr;
        EXPECT_EQ(SQLAllocHandle(SQL_HANDLE_DBC, env, &c), SQL_SUCCESS);
        SQLSetConnectAttrW(c, SQL_ATTR_LOGIN_TIMEOUT, reinterpret_cast<SQLPOINTER>(15), 0);
        // The keys Power BI adds to the user's connection string.
        WString in = wide(sim->connection_string(extra) + ";UID=;PWD=;Trusted_Connection=No");
        SQLWCHAR out[2048];
        SQLSMALLINT out_length = 0;
        SQLRETURN rc = SQLDriverConnectW(c, nullptr, in.data(), SQL_NTS, out, 2048, &out_length, SQL_DRIVER_NOPROMPT);
        EXPECT_TRUE(SQL_SUCCEEDED(rc)) << diag_text(SQL_HANDLE_DBC, c);
        return c;
    }
    static void disconnect(SQLHDBC c) {
        SQLDisconnect(c);
        SQLFreeHandle(SQL_HANDLE_DBC, c);
    }
    static SimProcess* sim;
    SQLHENV env = nullptr;
    SQLHDBC dbc = nullptr;
};
SimProcess* PowerBiReplay::sim = nullptr;

TEST_F(PowerBiReplay, ConnectProbesCapabilities) {
    probe_info(dbc, {SQL_DRIVER_NAME, SQL_DRIVER_VER, SQL_DRIVER_ODBC_VER, SQL_DBMS_NAME, SQL_DBMS_VER,
                     SQL_DATA_SOURCE_NAME, SQL_SERVER_NAME, SQL_USER_NAME, SQL_DATABASE_NAME, SQL_IDENTIFIER_QUOTE_CHAR,
                     SQL_IDENTIFIER_CASE, SQL_QUOTED_IDENTIFIER_CASE, SQL_CATALOG_NAME_SEPARATOR, SQL_CATALOG_TERM,
                     SQL_CATALOG_USAGE, SQL_CATALOG_NAME, SQL_SCHEMA_TERM, SQL_SCHEMA_USAGE, SQL_TABLE_TERM,
                     SQL_SEARCH_PATTERN_ESCAPE, SQL_LIKE_ESCAPE_CLAUSE, SQL_SPECIAL_CHARACTERS, SQL_SQL_CONFORMANCE,
                     SQL_ODBC_INTERFACE_CONFORMANCE, SQL_AGGREGATE_FUNCTIONS, SQL_GROUP_BY, SQL_ORDER_BY_COLUMNS_IN_SELECT,
                     SQL_STRING_FUNCTIONS, SQL_NUMERIC_FUNCTIONS, SQL_TIMEDATE_FUNCTIONS, SQL_SYSTEM_FUNCTIONS,
                     SQL_CONVERT_FUNCTIONS, SQL_SQL92_PREDICATES, SQL_SQL92_RELATIONAL_JOIN_OPERATORS,
                     SQL_SQL92_STRING_FUNCTIONS, SQL_SQL92_NUMERIC_VALUE_FUNCTIONS, SQL_SQL92_DATETIME_FUNCTIONS,
                     SQL_SQL92_VALUE_EXPRESSIONS, SQL_OJ_CAPABILITIES, SQL_GETDATA_EXTENSIONS, SQL_CONCAT_NULL_BEHAVIOR,
                     SQL_MAX_IDENTIFIER_LEN, SQL_MAX_COLUMN_NAME_LEN, SQL_MAX_TABLE_NAME_LEN, SQL_MAX_SCHEMA_NAME_LEN,
                     SQL_TXN_CAPABLE, SQL_CONVERT_VARCHAR, SQL_CONVERT_WVARCHAR, SQL_CONVERT_INTEGER,
                     SQL_CONVERT_BIGINT, SQL_CONVERT_DECIMAL, SQL_CONVERT_TIMESTAMP, SQL_CONVERT_DATE,
                     SQL_KEYWORDS, SQL_COLUMN_ALIAS, SQL_ACCESSIBLE_TABLES, SQL_DATA_SOURCE_READ_ONLY,
                     SQL_MULT_RESULT_SETS, SQL_ASYNC_MODE, SQL_BATCH_SUPPORT, 180, 1750});
    EXPECT_EQ(info_text(dbc, SQL_IDENTIFIER_QUOTE_CHAR), "\"");
    EXPECT_EQ(info_text(dbc, SQL_DRIVER_ODBC_VER), "03.80");
    EXPECT_EQ(info_mask(dbc, SQL_CATALOG_USAGE), 0u) << "no catalog part in generated names";
    EXPECT_NE(info_mask(dbc, SQL_SCHEMA_USAGE) & SQL_SU_DML_STATEMENTS, 0u) << "\"timebutler\".\"users\" is valid";
    EXPECT_NE(info_mask(dbc, SQL_AGGREGATE_FUNCTIONS) & SQL_AF_SUM, 0u);
    EXPECT_NE(info_mask(dbc, SQL_SQL92_RELATIONAL_JOIN_OPERATORS) & SQL_SRJO_INNER_JOIN, 0u);
    SQLUSMALLINT functions[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE] = {};
    ASSERT_EQ(SQLGetFunctions(dbc, SQL_API_ODBC3_ALL_FUNCTIONS, functions), SQL_SUCCESS);
    for (SQLUSMALLINT f : {SQL_API_SQLTABLES, SQL_API_SQLCOLUMNS, SQL_API_SQLGETTYPEINFO, SQL_API_SQLCOLATTRIBUTE,
                           SQL_API_SQLBINDPARAMETER, SQL_API_SQLGETDATA})
        EXPECT_TRUE(SQL_FUNC_EXISTS(functions, f)) << f;
    StatementHandle stmt(dbc);
    ASSERT_EQ(SQLGetTypeInfoW(stmt, SQL_ALL_TYPES), SQL_SUCCESS);
    auto columns = column_meta(stmt);
    EXPECT_EQ(columns.size(), 19u);
    EXPECT_GE(read_all_with_getdata(stmt, columns), 5u);
}

TEST_F(PowerBiReplay, NavigatorListsTablesAndColumnsWithoutRequests) {
    sim->clear_log();
    StatementHandle stmt(dbc);
    WString kinds = wide("TABLE,VIEW");
    ASSERT_EQ(SQLTablesW(stmt, nullptr, 0, nullptr, 0, nullptr, 0, kinds.data(), SQL_NTS), SQL_SUCCESS);
    auto meta = column_meta(stmt);
    std::set<std::string> tables;
    while (SQL_SUCCEEDED(SQLFetch(stmt))) {
        SQLWCHAR name[256];
        SQLLEN indicator = 0;
        ASSERT_EQ(SQLGetData(stmt, 3, SQL_C_WCHAR, name, sizeof name, &indicator), SQL_SUCCESS);
        tables.insert(narrow(name));
    }
    for (const char* t : {"users", "absences", "worktime", "projects"}) EXPECT_TRUE(tables.count(t)) << t;
    WString table = wide("worktime");
    ASSERT_EQ(SQLColumnsW(stmt, nullptr, 0, nullptr, 0, table.data(), SQL_NTS, nullptr, 0), SQL_SUCCESS);
    EXPECT_GE(read_all_with_getdata(stmt, column_meta(stmt)), 10u);
    EXPECT_TRUE(sim->requests("worktime").empty()) << "the navigator needs no data";
}

// A refresh connects many times; with the default file cache fresh for this
// server and token, none of those connects makes a request.
TEST_F(PowerBiReplay, RepeatedConnectsWithAFreshCacheMakeNoRequests) {
    const std::string path = temp_cache_path();
    const std::string cache = "Cache=" + path + ";CacheTTL=300";
    SQLHDBC first = connect(cache);
    {
        StatementHandle stmt(first);
        ASSERT_TRUE(exec_wide(stmt, R"(select "project_id", "name" from "timebutler"."projects")"));
        EXPECT_GT(read_all_with_getdata(stmt, column_meta(stmt)), 0u);
    }
    disconnect(first);
    sim->clear_log();
    for (int i = 0; i < 4; ++i) {
        SQLHDBC c = connect(cache);
        {
            StatementHandle stmt(c);
            EXPECT_TRUE(exec_wide(stmt, R"(select "project_id", "name" from "timebutler"."projects")"));
            EXPECT_GT(read_all_with_getdata(stmt, column_meta(stmt)), 0u);
        }
        disconnect(c);
    }
    EXPECT_TRUE(sim->requests().empty()) << sim->requests().size() << " requests, first: "
                                         << sim->requests().front().line;
    remove_cache_file(path);
}

// Statement shapes query folding produces (tests/odbc keeps its own copies).
TEST_F(PowerBiReplay, PreviewAndFoldedQueries) {
    StatementHandle stmt(dbc);
    ASSERT_TRUE(exec_wide(stmt, R"(select top 1000 * from "timebutler"."absences" "$Table")"));
    auto columns = column_meta(stmt);
    ASSERT_GE(columns.size(), 10u);
    EXPECT_EQ(columns[0].name, "year");
    EXPECT_GT(read_all_with_getdata(stmt, columns), 0u);

    ASSERT_TRUE(exec_wide(stmt, R"(select "_"."user_id", "_"."date", "_"."working_seconds"
from (select "user_id", "date", "working_seconds", "year", "month" from "timebutler"."worktime" "$Table") "_"
where "_"."year" = 2025 and "_"."month" = 3)"));
    EXPECT_GT(read_all_with_getdata(stmt, column_meta(stmt)), 0u);
    auto month = sim->requests("worktime");
    ASSERT_FALSE(month.empty());
    EXPECT_TRUE(month.back().has("month", "3")) << month.back().line;

    ASSERT_TRUE(exec_wide(stmt, R"(select "user_id",
    sum("working_seconds") as "C1"
from "timebutler"."worktime"
where "year" = 2025 and "month" = 3
group by "user_id"
order by "C1" desc,
        "user_id"
limit 1001)"));
    EXPECT_EQ(read_all_with_getdata(stmt, column_meta(stmt)), 12u);

    // The slicer search, parameters bound as SQL_C_WCHAR / SQL_VARCHAR.
    ASSERT_EQ(SQLFreeStmt(stmt, SQL_CLOSE), SQL_SUCCESS);
    WString sql = wide(R"(select "last_name" from ( select "last_name" from "timebutler"."users" where { fn locate(?, (case when "last_name" is not null then "last_name" else ? end), ?) } >= ? ) as "ITBL" group by "last_name" order by "last_name" limit 101)");
    ASSERT_EQ(SQLPrepareW(stmt, sql.data(), SQL_NTS), SQL_SUCCESS) << diag_text(SQL_HANDLE_STMT, stmt);
    WString values[] = {wide("er"), wide("x"), wide("1"), wide("1")};
    SQLLEN lengths[4];
    for (SQLUSMALLINT i = 0; i < 4; ++i) {
        lengths[i] = SQLLEN(values[i].size() * sizeof(SQLWCHAR));
        ASSERT_EQ(SQLBindParameter(stmt, i + 1, SQL_PARAM_INPUT, SQL_C_WCHAR, SQL_VARCHAR, 100, 0, values[i].data(),
                                   lengths[i], &lengths[i]),
                  SQL_SUCCESS);
    }
    ASSERT_EQ(SQLExecute(stmt), SQL_SUCCESS) << diag_text(SQL_HANDLE_STMT, stmt);
    SQLWCHAR name[256];
    SQLLEN indicator = 0;
    while (SQL_SUCCEEDED(SQLFetch(stmt))) {
        ASSERT_EQ(SQLGetData(stmt, 1, SQL_C_WCHAR, name, sizeof name, &indicator), SQL_SUCCESS);
        EXPECT_NE(narrow(name).find("er"), std::string::npos) << narrow(name);
    }
    ASSERT_EQ(SQLFreeStmt(stmt, SQL_RESET_PARAMS), SQL_SUCCESS);

    ASSERT_TRUE(exec_wide(stmt, R"(select count(*) as "CNT", "ITBL"."department" from "timebutler"."absences" as "OTBL" inner join "timebutler"."users" as "ITBL" on (("OTBL"."user_id" = "ITBL"."user_id" and "OTBL"."user_id" is not null) and "ITBL"."user_id" is not null or "OTBL"."user_id" is null and "ITBL"."user_id" is null) where "OTBL"."year" = 2024 group by "ITBL"."department")"));
    EXPECT_GT(read_all_with_getdata(stmt, column_meta(stmt)), 0u);
}

// A refresh: one connection per table on its own thread, all of one
// environment, each reading its result with bound wide-string row arrays.
TEST_F(PowerBiReplay, ParallelRefreshOnSeveralConnectionsOfOneEnvironment) {
    const std::vector<std::string> queries = {
        R"(select "user_id", "last_name", "department" from "timebutler"."users")",
        R"(select "absence_id", "type", "state" from "timebutler"."absences" where "year" = 2024)",
        R"(select "worktime_id", "state", "comments" from "timebutler"."worktime" where "year" = 2024 and "month" = 5)",
        R"(select "absence_id", "type", "state" from "timebutler"."absences" where "year" = 2025)"};
    auto run = [&](const std::string& sql, std::size_t& rows_out) {
        SQLHDBC c = connect();
        {
            StatementHandle stmt(c);
            constexpr SQLULEN kRows = 64;
            static_assert(kRows > 1);
            std::vector<SQLINTEGER> ids(kRows);
            std::vector<SQLLEN> id_ind(kRows), a_ind(kRows), b_ind(kRows);
            std::vector<SQLWCHAR> a(kRows * 128), b(kRows * 256);
            SQLULEN fetched = 0;
            EXPECT_EQ(SQLSetStmtAttrW(stmt, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(kRows), 0),
                      SQL_SUCCESS);
            EXPECT_EQ(SQLSetStmtAttrW(stmt, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), SQL_SUCCESS);
            EXPECT_EQ(SQLBindCol(stmt, 1, SQL_C_SLONG, ids.data(), 0, id_ind.data()), SQL_SUCCESS);
            EXPECT_EQ(SQLBindCol(stmt, 2, SQL_C_WCHAR, a.data(), 128 * sizeof(SQLWCHAR), a_ind.data()), SQL_SUCCESS);
            EXPECT_EQ(SQLBindCol(stmt, 3, SQL_C_WCHAR, b.data(), 256 * sizeof(SQLWCHAR), b_ind.data()), SQL_SUCCESS);
            EXPECT_TRUE(exec_wide(stmt, sql));
            SQLRETURN rc;
            std::size_t rows = 0;
            while ((rc = SQLFetch(stmt)) == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO) rows += fetched;
            EXPECT_EQ(rc, SQL_NO_DATA) << diag_text(SQL_HANDLE_STMT, stmt);
            rows_out = rows;
        }
        disconnect(c);
    };
    // Each query alone first, then all at once: the same row counts.
    std::vector<std::size_t> alone(queries.size()), together(queries.size());
    for (std::size_t i = 0; i < queries.size(); ++i) run(queries[i], alone[i]);
    std::vector<std::thread> threads;
    for (int round = 0; round < 2; ++round) {
        for (std::size_t i = 0; i < queries.size(); ++i)
            threads.emplace_back([&, i] { run(queries[i], together[i]); });
        for (auto& t : threads) t.join();
        threads.clear();
        for (std::size_t i = 0; i < queries.size(); ++i) {
            EXPECT_GT(alone[i], 0u) << queries[i];
            EXPECT_EQ(together[i], alone[i]) << queries[i];
        }
    }
}

} // namespace
