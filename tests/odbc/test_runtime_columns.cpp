// Run-time columns (absence fields, personnel-file fields, work time account
// values): one request learns them, then SQLColumns and describe-before-
// execute make none, also from another connection sharing the cache file.
// And the tables an instance lacks: hidden from SQLTables once known.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

// SQLColumns of one table: the column names.
std::vector<std::string> columns_of(OdbcConnection& connection, const std::string& table) {
    SQLHSTMT stmt;
    SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
    SQLRETURN rc = SQLColumns(stmt, nullptr, 0, (SQLCHAR*)"timebutler", SQL_NTS, (SQLCHAR*)table.c_str(), SQL_NTS,
                              nullptr, 0);
    std::vector<std::string> names;
    if (SQL_SUCCEEDED(rc))
        for (const auto& row : fetch_rows(stmt)) names.push_back(row.at(3).value_or(""));
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return names;
}

// SQLPrepare, then SQLNumResultCols and SQLDescribeCol without executing.
std::vector<std::string> described(OdbcConnection& connection, const std::string& sql) {
    SQLHSTMT stmt;
    SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
    std::vector<std::string> names;
    if (SQL_SUCCEEDED(SQLPrepare(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS))) {
        SQLSMALLINT count = 0;
        SQLNumResultCols(stmt, &count);
        for (SQLSMALLINT c = 1; c <= count; ++c) {
            SQLCHAR name[256];
            SQLSMALLINT length = 0, type = 0, digits = 0, nullable = 0;
            SQLULEN size = 0;
            SQLDescribeCol(stmt, c, name, sizeof name, &length, &type, &size, &digits, &nullable);
            names.push_back(reinterpret_cast<char*>(name));
        }
    }
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return names;
}

std::vector<std::string> table_names(OdbcConnection& connection) {
    SQLHSTMT stmt;
    SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
    SQLTables(stmt, nullptr, 0, nullptr, 0, nullptr, 0, (SQLCHAR*)"TABLE", SQL_NTS);
    std::vector<std::string> names;
    for (const auto& row : fetch_rows(stmt)) names.push_back(row.at(2).value_or(""));
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return names;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

TEST(RuntimeColumns, OneRequestLearnsThemThenTheCacheKnows) {
    SimProcess sim({"--users", "5", "--years", "2023-2030", "--today", "2025-06-13"});
    const std::string path = temp_cache_path();
    const std::string cs = sim.connection_string("Cache=" + path);
    {
        OdbcConnection first;
        ASSERT_TRUE(SQL_SUCCEEDED(first.connect(cs)));
        sim.clear_log();
        auto absences = columns_of(first, "absences");
        EXPECT_TRUE(contains(absences, "dienstreise_zielort"));
        EXPECT_TRUE(contains(absences, "weiterbildung_kursgebuehr"));
        EXPECT_EQ(sim.requests().size(), 1u) << "one request learns the absence fields";
        EXPECT_EQ(columns_of(first, "absences"), absences);
        EXPECT_EQ(sim.requests().size(), 1u);

        auto balance = described(first, "SELECT * FROM worktimeaccountbalance");
        EXPECT_TRUE(contains(balance, "overtime_balance")) << balance.size();
        EXPECT_EQ(sim.requests("worktimeaccountbalance").size(), 1u);
        EXPECT_EQ(described(first, "SELECT * FROM worktimeaccountbalance"), balance);
        EXPECT_EQ(sim.requests("worktimeaccountbalance").size(), 1u);

        auto files = described(first, "SELECT * FROM personnelfiles");
        EXPECT_TRUE(contains(files, "home_address_zip_code"));
        EXPECT_EQ(sim.requests("personnelfiles").size(), 1u);
    }
    OdbcConnection second;
    ASSERT_TRUE(SQL_SUCCEEDED(second.connect(cs)));
    sim.clear_log();   // after the connect probe
    EXPECT_TRUE(contains(columns_of(second, "absences"), "dienstreise_entfernung_in_km"));
    EXPECT_TRUE(contains(described(second, "SELECT * FROM worktimeaccountbalance"), "target_working_time"));
    EXPECT_TRUE(contains(columns_of(second, "personnelfiles"), "emergency_contact_phone"));
    EXPECT_TRUE(contains(described(second, "SELECT * FROM personnelfiles"), "home_address_city"));
    EXPECT_TRUE(sim.requests().empty()) << "the schema is remembered in the cache file";

    // Personnel rows stay in memory, their column names in the file: a new
    // connection still reads them with every column.
    auto rows = second.query("SELECT home_address_zip_code FROM personnelfiles WHERE user_id = 1");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0], "04109");
    remove_cache_file(path);
}

TEST(RuntimeColumns, DescribeThenExecuteMakesOneRequest) {
    SimProcess sim({"--users", "5", "--years", "2023-2030", "--today", "2025-06-13"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    sim.clear_log();
    auto names = described(connection, "SELECT * FROM absences");
    EXPECT_TRUE(contains(names, "dienstreise_zielort"));
    // The learning request fetched the default year: executing needs no other.
    std::vector<std::string> executed;
    connection.query("SELECT * FROM absences", &executed);
    EXPECT_EQ(executed, names);
    EXPECT_EQ(sim.requests().size(), 1u);
}

TEST(MissingTables, HiddenFromSqlTablesOnceTheInstanceSaidSo) {
    SimProcess sim({"--profile", "older", "--users", "5", "--years", "2024-2024", "--today", "2025-06-13"});
    const std::string path = temp_cache_path();
    const std::string cs = sim.connection_string("Cache=" + path + ";CacheTTL=300");
    {
        OdbcConnection first;
        ASSERT_TRUE(SQL_SUCCEEDED(first.connect(cs)));
        EXPECT_TRUE(contains(table_names(first), "worktimeaccountbalance")) << "not known yet";
        sim.clear_log();
        auto diags = first.query_error("SELECT * FROM worktimeaccountbalance");
        ASSERT_FALSE(diags.empty());
        EXPECT_NE(diags[0].message.find("does not offer the action 'worktimeaccountbalance'"), std::string::npos)
            << diags[0].message;
        EXPECT_EQ(sim.requests().size(), 1u);
        auto tables = table_names(first);
        EXPECT_FALSE(contains(tables, "worktimeaccountbalance"));
        EXPECT_TRUE(contains(tables, "worktimeaccountinperiod")) << "not asked yet";
        EXPECT_TRUE(contains(tables, "personnelfiles"));
        EXPECT_EQ(tables.size(), 14u);
        EXPECT_TRUE(columns_of(first, "worktimeaccountbalance").empty());
    }
    OdbcConnection second;
    ASSERT_TRUE(SQL_SUCCEEDED(second.connect(cs)));
    sim.clear_log();   // after the connect probe
    EXPECT_FALSE(contains(table_names(second), "worktimeaccountbalance"));
    auto diags = second.query_error("SELECT * FROM worktimeaccountbalance WHERE balance_date = '2024-01-31'");
    ASSERT_FALSE(diags.empty());
    EXPECT_NE(diags[0].message.find("remembered"), std::string::npos) << diags[0].message;
    EXPECT_TRUE(sim.requests().empty()) << "within the TTL the cache answers";
    remove_cache_file(path);
}

} // namespace
