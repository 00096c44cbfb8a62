// Catalog result sets through the driver manager, as clients that size their
// buffers by the description use them (DBD::ODBC, RODBC, isql): every
// described text column holds the longest value returned, for every catalog
// function. And SQLTables' enumerations with a NULL catalog (DBD::ODBC).
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

class CatalogSizes : public ::testing::Test {
protected:
    static void SetUpTestSuite() { sim = new SimProcess({"--users", "5", "--years", "2024"}); }
    static void TearDownTestSuite() { delete sim; }
    void SetUp() override {
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim->connection_string("Cache=memory"))));
    }

    // Runs one catalog call on a fresh statement and checks each text
    // column's described size against every value. Returns the row count.
    int check(const std::string& what, const std::function<SQLRETURN(SQLHSTMT)>& call) {
        SQLHSTMT stmt;
        SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
        const SQLRETURN rc = call(stmt);
        EXPECT_TRUE(SQL_SUCCEEDED(rc)) << what;
        SQLSMALLINT count = 0;
        SQLNumResultCols(stmt, &count);
        std::vector<SQLULEN> sizes(std::size_t(count) + 1);
        std::vector<bool> is_text(std::size_t(count) + 1);
        std::vector<std::string> names(std::size_t(count) + 1);
        for (SQLSMALLINT c = 1; c <= count; ++c) {
            SQLCHAR name[128];
            SQLSMALLINT name_length, type, digits, nullable;
            SQLDescribeCol(stmt, SQLUSMALLINT(c), name, sizeof name, &name_length, &type, &sizes[std::size_t(c)],
                           &digits, &nullable);
            names[std::size_t(c)] = (char*)name;
            is_text[std::size_t(c)] = type == SQL_WVARCHAR || type == SQL_VARCHAR || type == SQL_WCHAR ||
                                      type == SQL_CHAR || type == SQL_WLONGVARCHAR || type == SQL_LONGVARCHAR;
        }
        int rows = 0;
        while (SQL_SUCCEEDED(SQLFetch(stmt))) {
            ++rows;
            for (SQLSMALLINT c = 1; c <= count; ++c) {
                if (!is_text[std::size_t(c)]) continue;
                std::vector<SQLWCHAR> buffer(20000);
                SQLLEN indicator = 0;
                const SQLRETURN got = SQLGetData(stmt, SQLUSMALLINT(c), SQL_C_WCHAR, buffer.data(),
                                                 SQLLEN(buffer.size() * sizeof(SQLWCHAR)), &indicator);
                EXPECT_EQ(got, SQL_SUCCESS) << what << " " << names[std::size_t(c)];
                if (indicator == SQL_NULL_DATA) continue;
                const SQLULEN chars = SQLULEN(indicator) / sizeof(SQLWCHAR);
                EXPECT_LE(chars, sizes[std::size_t(c)])
                    << what << ": column " << names[std::size_t(c)] << " is described as "
                    << sizes[std::size_t(c)] << " characters and carries " << chars;
                ++checked;
            }
        }
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        return rows;
    }
    static SimProcess* sim;
    OdbcConnection connection;
    int checked = 0;
};
SimProcess* CatalogSizes::sim = nullptr;

SQLCHAR* s(const char* text) { return (SQLCHAR*)text; }

TEST_F(CatalogSizes, EveryCatalogFunctionDescribesItsTextWideEnough) {
    const int tables = check("SQLTables", [](SQLHSTMT h) {
        return SQLTables(h, nullptr, 0, nullptr, 0, s("%"), SQL_NTS, nullptr, 0);
    });
    EXPECT_GT(tables, 10);
    check("SQLColumns", [](SQLHSTMT h) { return SQLColumns(h, nullptr, 0, nullptr, 0, s("%"), SQL_NTS, s("%"), SQL_NTS); });
    check("SQLGetTypeInfo", [](SQLHSTMT h) { return SQLGetTypeInfo(h, SQL_ALL_TYPES); });
    check("SQLProcedures", [](SQLHSTMT h) { return SQLProcedures(h, nullptr, 0, nullptr, 0, s("%"), SQL_NTS); });
    check("SQLProcedureColumns", [](SQLHSTMT h) {
        return SQLProcedureColumns(h, nullptr, 0, nullptr, 0, s("%"), SQL_NTS, s("%"), SQL_NTS);
    });
    check("SQLTablePrivileges", [](SQLHSTMT h) {
        return SQLTablePrivileges(h, nullptr, 0, nullptr, 0, s("%"), SQL_NTS);
    });
    for (const char* table : {"users", "absences", "worktime", "projects", "services", "workdays", "holidays",
                              "salaries", "timeclock", "worktime_events"}) {
        const std::string t = table;
        check("SQLStatistics " + t, [&](SQLHSTMT h) {
            return SQLStatistics(h, nullptr, 0, nullptr, 0, s(t.c_str()), SQL_NTS, SQL_INDEX_ALL, SQL_QUICK);
        });
        check("SQLPrimaryKeys " + t,
              [&](SQLHSTMT h) { return SQLPrimaryKeys(h, nullptr, 0, nullptr, 0, s(t.c_str()), SQL_NTS); });
        check("SQLForeignKeys to " + t, [&](SQLHSTMT h) {
            return SQLForeignKeys(h, nullptr, 0, nullptr, 0, s(t.c_str()), SQL_NTS, nullptr, 0, nullptr, 0, nullptr, 0);
        });
        check("SQLForeignKeys from " + t, [&](SQLHSTMT h) {
            return SQLForeignKeys(h, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0, s(t.c_str()), SQL_NTS);
        });
        check("SQLSpecialColumns " + t, [&](SQLHSTMT h) {
            return SQLSpecialColumns(h, SQL_BEST_ROWID, nullptr, 0, nullptr, 0, s(t.c_str()), SQL_NTS, SQL_SCOPE_SESSION,
                                     SQL_NULLABLE);
        });
        check("SQLColumnPrivileges " + t, [&](SQLHSTMT h) {
            return SQLColumnPrivileges(h, nullptr, 0, nullptr, 0, s(t.c_str()), SQL_NTS, s("%"), SQL_NTS);
        });
    }
    EXPECT_GT(checked, 1000);
}

// Reads the given column of every row of an SQLTables call as text.
std::vector<std::string> tables_column(SQLHDBC dbc, SQLCHAR* catalog, SQLCHAR* schema, SQLCHAR* table, SQLCHAR* type,
                                       SQLUSMALLINT column) {
    SQLHSTMT stmt;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
    std::vector<std::string> out;
    EXPECT_TRUE(SQL_SUCCEEDED(SQLTables(stmt, catalog, catalog ? SQL_NTS : 0, schema, schema ? SQL_NTS : 0, table,
                                        table ? SQL_NTS : 0, type, type ? SQL_NTS : 0)));
    while (SQL_SUCCEEDED(SQLFetch(stmt))) {
        char value[256] = {};
        SQLLEN indicator;
        SQLGetData(stmt, column, SQL_C_CHAR, value, sizeof value, &indicator);
        out.push_back(indicator == SQL_NULL_DATA ? "NULL" : value);
    }
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return out;
}

TEST_F(CatalogSizes, SchemaEnumerationWithNullCatalog) {
    const auto with_empty = tables_column(connection.dbc(), s(""), s("%"), s(""), nullptr, 2);
    const auto with_null = tables_column(connection.dbc(), nullptr, s("%"), s(""), nullptr, 2);
    EXPECT_EQ(with_empty, std::vector<std::string>{"timebutler"});
    EXPECT_EQ(with_null, std::vector<std::string>{"timebutler"});
}

TEST_F(CatalogSizes, TableTypeEnumerationWithNullCatalog) {
    const auto with_empty = tables_column(connection.dbc(), s(""), s(""), s(""), s("%"), 4);
    const auto with_null = tables_column(connection.dbc(), nullptr, s(""), s(""), s("%"), 4);
    EXPECT_EQ(with_empty, std::vector<std::string>{"TABLE"});
    EXPECT_EQ(with_null, std::vector<std::string>{"TABLE"});
}

TEST_F(CatalogSizes, NullTableStillListsEveryTable) {
    // A NULL table is "every table", not an enumeration.
    const auto names = tables_column(connection.dbc(), nullptr, s("%"), nullptr, nullptr, 3);
    EXPECT_GT(names.size(), 10u);
}

} // namespace
