// Ids and counts beyond 32 bits through the driver manager: they are BIGINT,
// read whole; a count that fits no 64-bit integer is a diagnostic naming
// the table, column and row, and reads NULL; an id that fits none is an error,
// since a NULL id would drop its row from every join: nothing is clamped
// silently.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"
#include "tests/support/test_platform.hpp"

using namespace tb::test;

namespace {

class BigIds : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir = new std::string(make_temp_dir("tb-big-ids-"));
        std::ofstream(*dir + "/projects.csv")
            << "ID of the project;Name;State;Budget in hours;Comments;Creation date\n"
               "1;Klein;Active;10;;01/01/2024\n"
               "3000000000;Groß;Active;5000000000;;01/01/2024\n"
               "9223372036854775807;Größte;Active;;;01/01/2024\n"
               "4;Zu klein;Active;-9223372036854775809;;01/01/2024\n";
        sim = new SimProcess({"--users", "5", "--fixture", *dir});
    }
    static void TearDownTestSuite() {
        delete sim;
        std::filesystem::remove_all(*dir);
        delete dir;
    }
    void SetUp() override {
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim->connection_string("Cache=memory"))));
    }
    static SimProcess* sim;
    static std::string* dir;
    OdbcConnection connection;
};
SimProcess* BigIds::sim = nullptr;
std::string* BigIds::dir = nullptr;

TEST_F(BigIds, IdsAndCountsAreBigintAndReadWhole) {
    SQLHSTMT stmt;
    SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
    const char* sql = "SELECT project_id, budget_hours FROM projects WHERE name = 'Groß'";
    ASSERT_TRUE(SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR*)sql, SQL_NTS)));
    for (SQLUSMALLINT c : {1, 2}) {
        SQLLEN concise = 0;
        SQLColAttribute(stmt, c, SQL_DESC_CONCISE_TYPE, nullptr, 0, nullptr, &concise);
        EXPECT_EQ(concise, SQL_BIGINT) << "column " << c;
    }
    ASSERT_TRUE(SQL_SUCCEEDED(SQLFetch(stmt)));
    // The default C type of a BIGINT is SQL_C_SBIGINT: no 22003 on 3e9.
    SQLBIGINT id = 0, budget = 0;
    SQLLEN indicator;
    EXPECT_EQ(SQLGetData(stmt, 1, SQL_C_DEFAULT, &id, sizeof id, &indicator), SQL_SUCCESS);
    EXPECT_EQ(id, 3000000000LL);
    EXPECT_EQ(SQLGetData(stmt, 2, SQL_C_SBIGINT, &budget, sizeof budget, &indicator), SQL_SUCCESS);
    EXPECT_EQ(budget, 5000000000LL);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);

    auto rows = connection.query("SELECT project_id FROM projects WHERE name = 'Größte'");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].value_or("NULL"), "9223372036854775807");
}

TEST_F(BigIds, ACountThatFitsNothingIsADiagnosticNamingRowAndColumn) {
    SQLHSTMT stmt;
    SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
    const char* sql = "SELECT name, budget_hours FROM projects ORDER BY name";
    const SQLRETURN rc = SQLExecDirect(stmt, (SQLCHAR*)sql, SQL_NTS);
    EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO);
    bool named = false;
    for (const auto& d : diagnostics(SQL_HANDLE_STMT, stmt))
        named = named || (d.message.find("budget_hours") != std::string::npos &&
                          d.message.find("row 4") != std::string::npos &&
                          d.message.find("-9223372036854775809") != std::string::npos);
    EXPECT_TRUE(named) << "no diagnostic names the column, row and value";
    auto rows = fetch_rows(stmt);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(rows.size(), 4u);
    for (const auto& row : rows) {
        if (row[0] == "Zu klein") EXPECT_FALSE(row[1].has_value()) << "read as " << *row[1];
        // Never the clamped extreme.
        EXPECT_NE(row[1].value_or(""), "-9223372036854775808");
    }
}

// project_id cannot be NULL: a NULL there would silently drop the project's
// hours from every join on it, so the answer is an error naming the row and
// the value, nothing of it is cached, and the connection keeps working.
TEST(BigIdsInAKey, AnIdThatFitsNothingIsAnErrorNamingRowColumnAndValue) {
    const std::string dir = make_temp_dir("tb-big-key-");
    std::ofstream(dir + "/projects.csv") << "ID of the project;Name;State;Budget in hours;Comments;Creation date\n"
                                             "1;Klein;Active;10;;01/01/2024\n"
                                             "-9223372036854775809;Zu klein;Active;;;01/01/2024\n";
    {
        SimProcess sim({"--users", "5", "--fixture", dir});
        OdbcConnection connection;
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string("Cache=memory"))));
        SQLHSTMT stmt;
        SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
        const char* sql = "SELECT p.name, COUNT(*) FROM projects p GROUP BY p.name";
        EXPECT_EQ(SQLExecDirect(stmt, (SQLCHAR*)sql, SQL_NTS), SQL_ERROR);
        const auto diags = diagnostics(SQL_HANDLE_STMT, stmt);
        ASSERT_FALSE(diags.empty());
        const std::string& message = diags[0].message;
        EXPECT_NE(message.find("projects"), std::string::npos) << message;
        EXPECT_NE(message.find("project_id"), std::string::npos) << message;
        EXPECT_NE(message.find("row 2"), std::string::npos) << message;
        EXPECT_NE(message.find("-9223372036854775809"), std::string::npos) << message;
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        // Nothing was cached: the next read asks again, and other tables work.
        sim.clear_log();
        EXPECT_EQ(connection.query("SELECT COUNT(*) FROM users").size(), 1u);
        SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
        EXPECT_EQ(SQLExecDirect(stmt, (SQLCHAR*)sql, SQL_NTS), SQL_ERROR);
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        EXPECT_EQ(sim.requests("projects").size(), 1u) << "the refused answer must not have been cached";
    }
    std::filesystem::remove_all(dir);
}

} // namespace
