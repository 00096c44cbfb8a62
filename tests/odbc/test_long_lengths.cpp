// SQLSMALLINT length outputs above 32,767 through the driver manager: a
// 40,000-character identifier makes a message, a column name and attribute
// text longer than the type can count. Each length is clamped and reported
// as truncation (SQL_SUCCESS_WITH_INFO, 01004 where a record is posted),
// never wrapped to a negative number.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

const std::string kLongName(40000, 'x');

class LongLengths : public ::testing::Test {
protected:
    static void SetUpTestSuite() { sim = new SimProcess({"--users", "5", "--years", "2024"}); }
    static void TearDownTestSuite() { delete sim; }
    void SetUp() override {
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim->connection_string("Cache=memory"))));
        SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
    }
    void TearDown() override { SQLFreeHandle(SQL_HANDLE_STMT, stmt); }
    bool has_state(const char* sqlstate) {
        for (const auto& d : diagnostics(SQL_HANDLE_STMT, stmt))
            if (d.sqlstate == sqlstate) return true;
        return false;
    }
    static SimProcess* sim;
    OdbcConnection connection;
    SQLHSTMT stmt = SQL_NULL_HSTMT;
};
SimProcess* LongLengths::sim = nullptr;

TEST_F(LongLengths, DiagnosticMessageLengthIsClampedNotNegative) {
    const std::string sql = "SELECT " + kLongName + " FROM users";
    ASSERT_EQ(SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS), SQL_ERROR);
    SQLCHAR state[6];
    SQLINTEGER native;
    std::vector<SQLCHAR> message(32767);
    SQLSMALLINT length = 0;
    SQLRETURN rc = SQLGetDiagRec(SQL_HANDLE_STMT, stmt, 1, state, &native, message.data(), SQLSMALLINT(message.size()),
                                 &length);
    ASSERT_TRUE(SQL_SUCCEEDED(rc));
    EXPECT_EQ(std::string((char*)state), "42S22");
    EXPECT_GT(length, 0) << "wrapped";
    EXPECT_NE(std::string((char*)message.data()).find(std::string(100, 'x')), std::string::npos);

    std::vector<SQLWCHAR> wide(32767);
    SQLWCHAR wstate[6];
    length = 0;
    rc = SQLGetDiagRecW(SQL_HANDLE_STMT, stmt, 1, wstate, &native, wide.data(), SQLSMALLINT(wide.size()), &length);
    ASSERT_TRUE(SQL_SUCCEEDED(rc));
    EXPECT_GT(length, 0) << "wrapped";

    length = 0;
    rc = SQLGetDiagField(SQL_HANDLE_STMT, stmt, 1, SQL_DIAG_MESSAGE_TEXT, message.data(), SQLSMALLINT(message.size()),
                         &length);
    ASSERT_TRUE(SQL_SUCCEEDED(rc));
    EXPECT_GT(length, 0) << "wrapped";

    // The W form counts bytes: 80,000 of them.
    length = 0;
    rc = SQLGetDiagFieldW(SQL_HANDLE_STMT, stmt, 1, SQL_DIAG_MESSAGE_TEXT, wide.data(), 32766, &length);
    ASSERT_TRUE(SQL_SUCCEEDED(rc));
    EXPECT_GT(length, 0) << "wrapped";
}

TEST_F(LongLengths, ColumnNameLengthIsClampedWithTruncation) {
    const std::string sql = "SELECT 1 AS " + kLongName + " FROM users WHERE user_id = 1";
    ASSERT_TRUE(SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS)));
    std::vector<SQLCHAR> name(256);
    SQLSMALLINT name_length = 0, type, digits, nullable;
    SQLULEN size;
    SQLRETURN rc = SQLDescribeCol(stmt, 1, name.data(), SQLSMALLINT(name.size()), &name_length, &type, &size, &digits,
                                  &nullable);
    EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(name_length, 32767);
    EXPECT_TRUE(has_state("01004"));
    EXPECT_EQ(std::string((char*)name.data()), std::string(255, 'x'));

    // Only the length asked for: still clamped, still reported.
    name_length = 0;
    rc = SQLDescribeCol(stmt, 1, nullptr, 0, &name_length, &type, &size, &digits, &nullable);
    EXPECT_TRUE(SQL_SUCCEEDED(rc));
    EXPECT_EQ(name_length, 32767);

    std::vector<SQLWCHAR> wide(256);
    name_length = 0;
    rc = SQLDescribeColW(stmt, 1, wide.data(), SQLSMALLINT(wide.size()), &name_length, &type, &size, &digits,
                         &nullable);
    EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(name_length, 32767);

    SQLSMALLINT text_length = 0;
    rc = SQLColAttribute(stmt, 1, SQL_DESC_NAME, name.data(), SQLSMALLINT(name.size()), &text_length, nullptr);
    EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(text_length, 32767);
    EXPECT_TRUE(has_state("01004"));

    // Bytes in the W form: the largest even count.
    text_length = 0;
    rc = SQLColAttributeW(stmt, 1, SQL_DESC_LABEL, wide.data(), SQLSMALLINT(wide.size() * sizeof(SQLWCHAR)),
                          &text_length, nullptr);
    EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(text_length, 32766);
}

} // namespace
