// The goodtime source's catalog through the driver manager (issue 15):
// Source=goodtime lists the five tables under the schema goodtime with
// their declared columns, types and keys, and none of Timebutler's.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/odbc/goodtime_helpers.hpp"

using namespace tb::test;
using namespace tb::test::goodtime;

namespace {

class GoodTimeCatalog : public ::testing::Test {
protected:
    static void SetUpTestSuite() { sim = new SimProcess(sim_flags()); }
    static void TearDownTestSuite() { delete sim; }
    void SetUp() override {
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(connection_string(*sim)))) << connect_text();
        ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt), SQL_SUCCESS);
    }
    void TearDown() override {
        if (stmt) SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    }
    std::string connect_text() const {
        std::string text;
        for (const auto& d : connection.connect_diag()) text += "[" + d.sqlstate + "] " + d.message + " ";
        return text;
    }
    std::vector<Row> fetch() {
        auto rows = fetch_rows(stmt);
        SQLFreeStmt(stmt, SQL_CLOSE);
        return rows;
    }
    static SimProcess* sim;
    OdbcConnection connection;
    SQLHSTMT stmt = SQL_NULL_HSTMT;
};
SimProcess* GoodTimeCatalog::sim = nullptr;

SQLCHAR* s(const char* text) { return (SQLCHAR*)text; }

TEST_F(GoodTimeCatalog, TablesListsTheFiveTablesUnderSchemaGoodtime) {
    ASSERT_TRUE(SQL_SUCCEEDED(SQLTables(stmt, nullptr, 0, nullptr, 0, s("%"), SQL_NTS, nullptr, 0)));
    std::set<std::string> names;
    for (const auto& row : fetch()) {
        ASSERT_GE(row.size(), 4u);
        EXPECT_EQ(row[1].value_or("(null)"), "goodtime") << "TABLE_SCHEM of " << row[2].value_or("");
        names.insert(row[2].value_or(""));
    }
    EXPECT_EQ(names, (std::set<std::string>{"projects", "timeentries", "timetypes", "user_projects", "users"}));
}

TEST_F(GoodTimeCatalog, TablesWithSchemaGoodtimeFindsThemAndTimebutlerNone) {
    ASSERT_TRUE(SQL_SUCCEEDED(SQLTables(stmt, nullptr, 0, s("goodtime"), SQL_NTS, s("%"), SQL_NTS, nullptr, 0)));
    EXPECT_EQ(fetch().size(), 5u);
    ASSERT_TRUE(SQL_SUCCEEDED(SQLTables(stmt, nullptr, 0, nullptr, 0, s("absences"), SQL_NTS, nullptr, 0)));
    EXPECT_TRUE(fetch().empty()) << "a Timebutler table under the goodtime source";
}

TEST_F(GoodTimeCatalog, ColumnsHaveTheDeclaredNamesAndTypes) {
    const std::map<std::string, std::vector<std::string>> declared = {
        {"timetypes", {"time_type_id", "name"}},
        {"users", {"login_email"}},
        {"projects", {"project_id", "name"}},
        {"user_projects", {"login_email", "project_id", "name"}},
        {"timeentries",
         {"time_entry_id", "login_email", "start_time", "end_time", "time_type_id", "project_id", "comment", "locked"}},
    };
    for (const auto& [table, columns] : declared) {
        ASSERT_TRUE(SQL_SUCCEEDED(SQLColumns(stmt, nullptr, 0, s("goodtime"), SQL_NTS, s(table.c_str()), SQL_NTS,
                                             nullptr, 0)));
        std::vector<std::string> names;
        std::map<std::string, int> types;
        for (const auto& row : fetch()) {
            EXPECT_EQ(row[1].value_or(""), "goodtime");
            names.push_back(row[3].value_or(""));
            types[row[3].value_or("")] = std::stoi(row[4].value_or("0"));  // DATA_TYPE
        }
        // Declared columns first, in order; run-time columns may follow.
        ASSERT_GE(names.size(), columns.size()) << table;
        EXPECT_EQ(std::vector<std::string>(names.begin(), names.begin() + long(columns.size())), columns) << table;
        for (const auto& c : columns) {
            const int t = types[c];
            if (c.ends_with("_id")) {
                EXPECT_TRUE(t == SQL_INTEGER || t == SQL_BIGINT) << table << "." << c << " type " << t;
            }
            if (c == "name" || c == "login_email" || c == "comment") {
                EXPECT_TRUE(t == SQL_VARCHAR || t == SQL_WVARCHAR || t == SQL_LONGVARCHAR || t == SQL_WLONGVARCHAR)
                    << table << "." << c << " type " << t;
            }
        }
        if (table == "timeentries") {
            EXPECT_EQ(types["start_time"], SQL_TYPE_TIMESTAMP);
            EXPECT_EQ(types["end_time"], SQL_TYPE_TIMESTAMP);
            EXPECT_EQ(types["locked"], SQL_BIT);
        }
    }
}

TEST_F(GoodTimeCatalog, PrimaryKeys) {
    const std::map<std::string, std::vector<std::string>> keys = {
        {"timetypes", {"time_type_id"}}, {"projects", {"project_id"}}, {"users", {"login_email"}},
        {"timeentries", {"time_entry_id"}}};
    for (const auto& [table, columns] : keys) {
        ASSERT_TRUE(SQL_SUCCEEDED(SQLPrimaryKeys(stmt, nullptr, 0, s("goodtime"), SQL_NTS, s(table.c_str()), SQL_NTS)));
        std::vector<std::string> got;
        for (const auto& row : fetch()) got.push_back(row[3].value_or(""));
        EXPECT_EQ(got, columns) << table;
    }
}

TEST_F(GoodTimeCatalog, ForeignKeysOfTimeentries) {
    ASSERT_TRUE(SQL_SUCCEEDED(SQLForeignKeys(stmt, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0, s("goodtime"),
                                             SQL_NTS, s("timeentries"), SQL_NTS)));
    std::set<std::string> references;  // "pktable.pkcolumn <- fkcolumn"
    for (const auto& row : fetch())
        references.insert(row[2].value_or("") + "." + row[3].value_or("") + " <- " + row[7].value_or(""));
    EXPECT_TRUE(references.count("timetypes.time_type_id <- time_type_id")) << ::testing::PrintToString(references);
    EXPECT_TRUE(references.count("projects.project_id <- project_id")) << ::testing::PrintToString(references);
    EXPECT_TRUE(references.count("users.login_email <- login_email")) << ::testing::PrintToString(references);
}

TEST_F(GoodTimeCatalog, UnknownTableNamesTheSchemasTables) {
    const auto diags = connection.query_error("SELECT * FROM goodtime.timeentry");
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].sqlstate, "42S02");
    EXPECT_NE(diags[0].message.find("timeentry"), std::string::npos) << diags[0].message;
}

}  // namespace
