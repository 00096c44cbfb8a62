// Helpers for tests that call the W entry points and handle raw ODBC handles:
// SQLWCHAR strings (2 bytes under unixODBC, 4 under iODBC), connecting through
// SQLDriverConnectW, and return-code checks that print the diagnostics.
#pragma once

#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include <string>

#include <gtest/gtest.h>

#include "tests/support/odbc_session.hpp"

namespace tb::test {

using WString = std::basic_string<SQLWCHAR>;

// UTF-8 to SQLWCHAR (UTF-16 with surrogates when SQLWCHAR is 2 bytes).
WString wide(const std::string& utf8);
// SQLWCHAR text (length in characters, or SQL_NTS) to UTF-8.
std::string narrow(const SQLWCHAR* text, SQLLEN length = SQL_NTS);

// The diagnostics of a handle as one line per record, for failure messages.
std::string diag_text(SQLSMALLINT type, SQLHANDLE handle);

// An environment and a connection, connected through SQLDriverConnectW, so
// unixODBC routes the application's calls to the driver's W entry points.
class WideConnection {
public:
    explicit WideConnection(const std::string& connection_string, SQLINTEGER odbc_version = SQL_OV_ODBC3);
    ~WideConnection();
    WideConnection(const WideConnection&) = delete;
    WideConnection& operator=(const WideConnection&) = delete;
    SQLHENV env() const { return env_; }
    SQLHDBC dbc() const { return dbc_; }
    bool connected() const { return connected_; }

private:
    SQLHENV env_ = SQL_NULL_HENV;
    SQLHDBC dbc_ = SQL_NULL_HDBC;
    bool connected_ = false;
};

// A statement handle freed at scope end.
class StatementHandle {
public:
    explicit StatementHandle(SQLHDBC dbc);
    ~StatementHandle();
    StatementHandle(const StatementHandle&) = delete;
    StatementHandle& operator=(const StatementHandle&) = delete;
    operator SQLHSTMT() const { return stmt_; }

private:
    SQLHSTMT stmt_ = SQL_NULL_HSTMT;
};

// The first SQLSTATE of a handle ("" when there is none).
std::string first_state(SQLSMALLINT type, SQLHANDLE handle);

} // namespace tb::test

// Asserts success (with info allowed) and prints the handle's diagnostics otherwise.
#define TB_ASSERT_OK(rc, type, handle) ASSERT_TRUE(SQL_SUCCEEDED(rc)) << ::tb::test::diag_text(type, handle)
#define TB_EXPECT_OK(rc, type, handle) EXPECT_TRUE(SQL_SUCCEEDED(rc)) << ::tb::test::diag_text(type, handle)
