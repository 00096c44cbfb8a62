// Every statement, result, descriptor and diagnostics entry point through the
// unixODBC driver manager, on an ANSI-connected and a W-connected connection
// (see test_entry_points.cpp for why both): prepare/execute, parameters and
// data at execution, cancel, cursor names, bound row arrays, SQLExtendedFetch,
// SQLGetData to every C type with its conversion errors, descriptors and
// diagnostic fields.
#include <gtest/gtest.h>

#include <cstring>

#include "tests/support/odbc_session.hpp"
#include "tests/support/odbc_wide.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

class EntryData : public ::testing::Test {
protected:
    static void SetUpTestSuite() { sim = new SimProcess({"--users", "6", "--years", "2024-2024"}); }
    static void TearDownTestSuite() { delete sim; }
    void SetUp() override {
        ASSERT_TRUE(SQL_SUCCEEDED(ansi.connect(sim->connection_string()))) << diag_text(SQL_HANDLE_DBC, ansi.dbc());
    }
    static SimProcess* sim;
    OdbcConnection ansi;
    WideConnection w{sim->connection_string()};
};
SimProcess* EntryData::sim = nullptr;

SQLRETURN exec(SQLHSTMT stmt, const std::string& sql) {
    return SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
}

// ------------------------------------------------------------- statements

TEST_F(EntryData, PrepareExecuteNativeSqlAndRowCountBothForms) {
    StatementHandle a(ansi.dbc());
    ASSERT_EQ(SQLPrepare(a, (SQLCHAR*)"SELECT user_id FROM users WHERE user_id <= ?", SQL_NTS), SQL_SUCCESS);
    SQLSMALLINT params = 0;
    ASSERT_EQ(SQLNumParams(a, &params), SQL_SUCCESS);
    EXPECT_EQ(params, 1);
    SQLSMALLINT type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    ASSERT_EQ(SQLDescribeParam(a, 1, &type, &size, &digits, &nullable), SQL_SUCCESS);
    // An ODBC 3 application binding SQL_C_WCHAR into an SQL_VARCHAR parameter.
    WString three = wide("3");
    SQLLEN three_length = SQLLEN(three.size() * sizeof(SQLWCHAR));
    ASSERT_EQ(SQLBindParameter(a, 1, SQL_PARAM_INPUT, SQL_C_WCHAR, SQL_VARCHAR, 10, 0, three.data(), 0, &three_length),
              SQL_SUCCESS);
    ASSERT_EQ(SQLExecute(a), SQL_SUCCESS) << diag_text(SQL_HANDLE_STMT, a);
    int rows = 0;
    while (SQLFetch(a) == SQL_SUCCESS) ++rows;
    EXPECT_EQ(rows, 3);
    SQLLEN count = -2;
    ASSERT_EQ(SQLRowCount(a, &count), SQL_SUCCESS);
    EXPECT_EQ(SQLMoreResults(a), SQL_NO_DATA);
    EXPECT_EQ(SQLCloseCursor(a), SQL_ERROR) << "SQLMoreResults closed the cursor";

    StatementHandle b(w.dbc());
    WString sql = wide("SELECT last_name FROM users WHERE user_id = 1");
    ASSERT_EQ(SQLPrepareW(b, sql.data(), SQL_NTS), SQL_SUCCESS);
    ASSERT_EQ(SQLExecute(b), SQL_SUCCESS);
    ASSERT_EQ(SQLFetch(b), SQL_SUCCESS);
    EXPECT_EQ(SQLCloseCursor(b), SQL_SUCCESS);
    ASSERT_EQ(SQLExecDirectW(b, sql.data(), SQL_NTS), SQL_SUCCESS);
    ASSERT_EQ(SQLFetch(b), SQL_SUCCESS);

    for (SQLHDBC dbc : {ansi.dbc(), w.dbc()}) {
        SQLCHAR out[128];
        SQLINTEGER out_length = 0;
        ASSERT_EQ(SQLNativeSql(dbc, (SQLCHAR*)"SELECT {fn UCASE(last_name)} FROM users", SQL_NTS, out, sizeof out,
                               &out_length),
                  SQL_SUCCESS);
        EXPECT_GT(out_length, 0);
        SQLWCHAR wout[128];
        WString in = wide("SELECT 1");
        ASSERT_EQ(SQLNativeSqlW(dbc, in.data(), SQL_NTS, wout, 128, &out_length), SQL_SUCCESS);
        EXPECT_EQ(narrow(wout), "SELECT 1");
    }
}

TEST_F(EntryData, DataAtExecutionAndCancel) {
    for (SQLHDBC dbc : {ansi.dbc(), w.dbc()}) {
        StatementHandle stmt(dbc);
        ASSERT_EQ(SQLPrepare(stmt, (SQLCHAR*)"SELECT COUNT(*) FROM users WHERE last_name = ?", SQL_NTS), SQL_SUCCESS);
        SQLLEN at_exec = SQL_DATA_AT_EXEC;
        SQLPOINTER token = reinterpret_cast<SQLPOINTER>(42);
        ASSERT_EQ(SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 50, 0, token, 0, &at_exec),
                  SQL_SUCCESS);
        // Started, then cancelled: the statement is usable again.
        ASSERT_EQ(SQLExecute(stmt), SQL_NEED_DATA);
        EXPECT_EQ(SQLCancel(stmt), SQL_SUCCESS) << diag_text(SQL_HANDLE_STMT, stmt);
        // Now the whole sequence, the value sent in two pieces.
        ASSERT_EQ(SQLExecute(stmt), SQL_NEED_DATA) << diag_text(SQL_HANDLE_STMT, stmt);
        SQLPOINTER which = nullptr;
        ASSERT_EQ(SQLParamData(stmt, &which), SQL_NEED_DATA);
        EXPECT_EQ(which, token);
        ASSERT_EQ(SQLPutData(stmt, (SQLPOINTER) "no such ", SQL_NTS), SQL_SUCCESS);
        ASSERT_EQ(SQLPutData(stmt, (SQLPOINTER) "name", SQL_NTS), SQL_SUCCESS);
        ASSERT_EQ(SQLParamData(stmt, &which), SQL_SUCCESS) << diag_text(SQL_HANDLE_STMT, stmt);
        ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS);
        SQLINTEGER n = -1;
        ASSERT_EQ(SQLGetData(stmt, 1, SQL_C_SLONG, &n, 0, nullptr), SQL_SUCCESS);
        EXPECT_EQ(n, 0);
    }
}

TEST_F(EntryData, CursorNamesBothForms) {
    StatementHandle a(ansi.dbc());
    SQLCHAR name[64];
    SQLSMALLINT length = 0;
    ASSERT_EQ(SQLGetCursorName(a, name, sizeof name, &length), SQL_SUCCESS);
    EXPECT_EQ(std::string(reinterpret_cast<char*>(name)).rfind("SQL_CUR", 0), 0u);
    ASSERT_EQ(SQLSetCursorName(a, (SQLCHAR*)"report", SQL_NTS), SQL_SUCCESS);
    ASSERT_EQ(SQLGetCursorName(a, name, sizeof name, &length), SQL_SUCCESS);
    EXPECT_STREQ(reinterpret_cast<char*>(name), "report");

    StatementHandle b(w.dbc());
    WString wname = wide("wide_report");
    ASSERT_EQ(SQLSetCursorNameW(b, wname.data(), SQL_NTS), SQL_SUCCESS);
    SQLWCHAR out[64];
    ASSERT_EQ(SQLGetCursorNameW(b, out, 64, &length), SQL_SUCCESS);
    EXPECT_EQ(narrow(out), "wide_report");
}

// ---------------------------------------------------------------- results

TEST_F(EntryData, DescribeAndColAttributeBothForms) {
    StatementHandle a(ansi.dbc());
    ASSERT_EQ(SQLPrepare(a, (SQLCHAR*)"SELECT user_id, last_name FROM users", SQL_NTS), SQL_SUCCESS);
    SQLCHAR name[64];
    SQLSMALLINT length = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    ASSERT_EQ(SQLDescribeCol(a, 2, name, sizeof name, &length, &type, &size, &digits, &nullable), SQL_SUCCESS);
    EXPECT_STREQ(reinterpret_cast<char*>(name), "last_name");
    EXPECT_EQ(type, SQL_WVARCHAR);
    SQLCHAR text[64];
    SQLLEN number = 0;
    ASSERT_EQ(SQLColAttribute(a, 2, SQL_DESC_TABLE_NAME, text, sizeof text, &length, nullptr), SQL_SUCCESS);
    EXPECT_STREQ(reinterpret_cast<char*>(text), "users");
    ASSERT_EQ(SQLColAttribute(a, 1, SQL_DESC_CONCISE_TYPE, nullptr, 0, nullptr, &number), SQL_SUCCESS);
    EXPECT_EQ(number, SQL_BIGINT);

    StatementHandle b(w.dbc());
    WString sql = wide("SELECT user_id, last_name FROM users");
    ASSERT_EQ(SQLPrepareW(b, sql.data(), SQL_NTS), SQL_SUCCESS);
    SQLWCHAR wname[64];
    ASSERT_EQ(SQLDescribeColW(b, 1, wname, 64, &length, &type, &size, &digits, &nullable), SQL_SUCCESS);
    EXPECT_EQ(narrow(wname), "user_id");
    EXPECT_EQ(length, 7);
    SQLWCHAR wtext[64];
    ASSERT_EQ(SQLColAttributeW(b, 2, SQL_DESC_NAME, wtext, sizeof wtext, &length, nullptr), SQL_SUCCESS);
    EXPECT_EQ(narrow(wtext), "last_name");
    EXPECT_EQ(length, SQLSMALLINT(9 * sizeof(SQLWCHAR))) << "SQLColAttributeW lengths are in bytes";
}

TEST_F(EntryData, BoundRowArraysRowWiseAndColumnWise) {
    StatementHandle stmt(w.dbc());
    // Column-wise: wide strings, 4 rows per fetch.
    SQLWCHAR names[4][32];
    SQLLEN name_lengths[4];
    SQLINTEGER ids[4];
    SQLLEN id_lengths[4];
    SQLUSMALLINT status[4];
    SQLULEN fetched = 0;
    ASSERT_EQ(SQLSetStmtAttr(stmt, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(4), 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttr(stmt, SQL_ATTR_ROW_STATUS_PTR, status, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttr(stmt, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLBindCol(stmt, 1, SQL_C_SLONG, ids, 0, id_lengths), SQL_SUCCESS);
    ASSERT_EQ(SQLBindCol(stmt, 2, SQL_C_WCHAR, names, sizeof names[0], name_lengths), SQL_SUCCESS);
    ASSERT_EQ(exec(stmt, "SELECT user_id, last_name FROM users ORDER BY user_id"), SQL_SUCCESS);
    ASSERT_EQ(SQLFetchScroll(stmt, SQL_FETCH_NEXT, 0), SQL_SUCCESS);
    EXPECT_EQ(fetched, 4u);
    EXPECT_EQ(ids[3], 4);
    EXPECT_EQ(SQLLEN(narrow(names[0]).size()) > 0, true);
    ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS);
    EXPECT_EQ(fetched, 2u);
    EXPECT_EQ(status[2], SQL_ROW_NOROW);
    EXPECT_EQ(SQLFetchScroll(stmt, SQL_FETCH_PRIOR, 0), SQL_ERROR) << "forward-only";

    // Row-wise into structs.
    struct Row { SQLINTEGER id; SQLLEN id_length; char name[40]; SQLLEN name_length; } rows[3];
    StatementHandle r(ansi.dbc());
    ASSERT_EQ(SQLSetStmtAttr(r, SQL_ATTR_ROW_BIND_TYPE, reinterpret_cast<SQLPOINTER>(sizeof(Row)), 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttr(r, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(3), 0), SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttr(r, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), SQL_SUCCESS);
    ASSERT_EQ(SQLBindCol(r, 1, SQL_C_SLONG, &rows[0].id, 0, &rows[0].id_length), SQL_SUCCESS);
    ASSERT_EQ(SQLBindCol(r, 2, SQL_C_CHAR, rows[0].name, sizeof rows[0].name, &rows[0].name_length), SQL_SUCCESS);
    ASSERT_EQ(exec(r, "SELECT user_id, last_name FROM users ORDER BY user_id DESC"), SQL_SUCCESS);
    ASSERT_EQ(SQLFetch(r), SQL_SUCCESS);
    EXPECT_EQ(fetched, 3u);
    EXPECT_EQ(rows[0].id, 6);
    EXPECT_EQ(rows[2].id, 4);
    EXPECT_EQ(rows[1].name_length, SQLLEN(std::strlen(rows[1].name)));
}

TEST_F(EntryData, ExtendedFetchAndSetPosThroughTheDriverManager) {
    StatementHandle stmt(ansi.dbc());
    ASSERT_EQ(SQLSetStmtAttr(stmt, SQL_ROWSET_SIZE, reinterpret_cast<SQLPOINTER>(4), 0), SQL_SUCCESS);
    SQLINTEGER ids[4];
    SQLLEN lengths[4];
    ASSERT_EQ(SQLBindCol(stmt, 1, SQL_C_SLONG, ids, 0, lengths), SQL_SUCCESS);
    ASSERT_EQ(exec(stmt, "SELECT user_id FROM users ORDER BY user_id"), SQL_SUCCESS);
    SQLULEN fetched = 0;
    SQLUSMALLINT status[4] = {};
    ASSERT_EQ(SQLExtendedFetch(stmt, SQL_FETCH_NEXT, 0, &fetched, status), SQL_SUCCESS)
        << diag_text(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(fetched, 4u);
    EXPECT_EQ(ids[0], 1);
    EXPECT_EQ(ids[3], 4);
    EXPECT_EQ(status[0], SQL_ROW_SUCCESS);
    EXPECT_EQ(SQLSetPos(stmt, 1, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_SUCCESS) << diag_text(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(SQLSetPos(stmt, 2, SQL_REFRESH, SQL_LOCK_NO_CHANGE), SQL_ERROR);
    ASSERT_EQ(SQLExtendedFetch(stmt, SQL_FETCH_NEXT, 0, &fetched, status), SQL_SUCCESS);
    EXPECT_EQ(fetched, 2u);
    EXPECT_EQ(status[2], SQL_ROW_NOROW);
    EXPECT_EQ(SQLExtendedFetch(stmt, SQL_FETCH_NEXT, 0, &fetched, status), SQL_NO_DATA);
}

// ---------------------------------------------------------- conversions

// One cell of each kind, read back into every C type the ODBC conversion
// table allows for it.
TEST_F(EntryData, GetDataToEveryAllowedCType) {
    StatementHandle stmt(ansi.dbc());
    // A fixed-size cell is read once per row (then SQL_NO_DATA): each read
    // below starts on a freshly fetched row.
    auto fetch = [&] {
        SQLFreeStmt(stmt, SQL_CLOSE);
        ASSERT_EQ(exec(stmt, "SELECT user_id, last_name, '2024-02-29 10:20:30' AS ts, 7.25 AS amount "
                             "FROM users WHERE user_id = 6"),
                  SQL_SUCCESS)
            << diag_text(SQL_HANDLE_STMT, stmt);
        ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS);
    };
    SQLLEN ind = 0;
    // Integer column: every numeric C type, bit, text, binary.
    auto read_int = [&](SQLSMALLINT c_type, void* out, SQLLEN size = 0) {
        fetch();
        SQLRETURN rc = SQLGetData(stmt, 1, c_type, out, size, &ind);
        EXPECT_EQ(rc, SQL_SUCCESS) << "C type " << c_type << ": " << diag_text(SQL_HANDLE_STMT, stmt);
    };
    SQLSCHAR tiny; read_int(SQL_C_STINYINT, &tiny); EXPECT_EQ(tiny, 6);
    SQLCHAR utiny; read_int(SQL_C_UTINYINT, &utiny); EXPECT_EQ(utiny, 6);
    SQLSMALLINT small; read_int(SQL_C_SSHORT, &small); EXPECT_EQ(small, 6);
    SQLUSMALLINT usmall; read_int(SQL_C_USHORT, &usmall); EXPECT_EQ(usmall, 6);
    SQLINTEGER integer; read_int(SQL_C_SLONG, &integer); EXPECT_EQ(integer, 6);
    SQLUINTEGER uinteger; read_int(SQL_C_ULONG, &uinteger); EXPECT_EQ(uinteger, 6u);
    SQLBIGINT big; read_int(SQL_C_SBIGINT, &big); EXPECT_EQ(big, 6);
    SQLUBIGINT ubig; read_int(SQL_C_UBIGINT, &ubig); EXPECT_EQ(ubig, 6u);
    SQLDOUBLE dbl; read_int(SQL_C_DOUBLE, &dbl); EXPECT_EQ(dbl, 6.0);
    SQLREAL real; read_int(SQL_C_FLOAT, &real); EXPECT_EQ(real, 6.0f);
    SQL_NUMERIC_STRUCT numeric; read_int(SQL_C_NUMERIC, &numeric); EXPECT_EQ(numeric.val[0], 6);
    char text[32]; read_int(SQL_C_CHAR, text, sizeof text); EXPECT_STREQ(text, "6");
    SQLWCHAR wtext[32]; read_int(SQL_C_WCHAR, wtext, sizeof wtext); EXPECT_EQ(narrow(wtext), "6");
    unsigned char binary[32]; read_int(SQL_C_BINARY, binary, sizeof binary); EXPECT_GT(ind, 0);
    // 6 does not fit SQL_C_BIT: 22003, and the row stays readable.
    SQLCHAR bit = 9;
    fetch();
    EXPECT_EQ(SQLGetData(stmt, 1, SQL_C_BIT, &bit, 0, &ind), SQL_ERROR);
    EXPECT_EQ(first_state(SQL_HANDLE_STMT, stmt), "22003");

    // Text column: text into a number is 22018.
    fetch();
    EXPECT_EQ(SQLGetData(stmt, 2, SQL_C_SLONG, &integer, 0, &ind), SQL_ERROR);
    EXPECT_EQ(first_state(SQL_HANDLE_STMT, stmt), "22018");
    // Piecewise text: 01004, then the rest, then SQL_NO_DATA.
    char piece[3];
    ASSERT_EQ(SQLGetData(stmt, 2, SQL_C_CHAR, piece, sizeof piece, &ind), SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(first_state(SQL_HANDLE_STMT, stmt), "01004");
    SQLRETURN rc;
    while ((rc = SQLGetData(stmt, 2, SQL_C_CHAR, piece, sizeof piece, &ind)) == SQL_SUCCESS_WITH_INFO) {}
    EXPECT_EQ(rc, SQL_SUCCESS);
    EXPECT_EQ(SQLGetData(stmt, 2, SQL_C_CHAR, piece, sizeof piece, &ind), SQL_NO_DATA);

    // Timestamp text: date, time and timestamp structs.
    SQL_TIMESTAMP_STRUCT ts{};
    fetch();
    ASSERT_EQ(SQLGetData(stmt, 3, SQL_C_TYPE_TIMESTAMP, &ts, 0, &ind), SQL_SUCCESS) << diag_text(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(ts.year, 2024);
    EXPECT_EQ(ts.second, 30);
    SQL_DATE_STRUCT date{};
    fetch();
    // The time part dropped is fractional truncation: 01S07, not 01004.
    EXPECT_EQ(SQLGetData(stmt, 3, SQL_C_TYPE_DATE, &date, 0, &ind), SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(first_state(SQL_HANDLE_STMT, stmt), "01S07") << diag_text(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(date.day, 29);
    SQL_TIME_STRUCT time{};
    fetch();
    EXPECT_EQ(SQLGetData(stmt, 3, SQL_C_TYPE_TIME, &time, 0, &ind), SQL_SUCCESS);
    EXPECT_EQ(time.minute, 20);
    // A number is no date: 07006.
    EXPECT_EQ(SQLGetData(stmt, 4, SQL_C_TYPE_DATE, &date, 0, &ind), SQL_ERROR);
    EXPECT_EQ(first_state(SQL_HANDLE_STMT, stmt), "07006");
    // Decimal: the fraction lost into an integer is reported; then as a double.
    EXPECT_EQ(SQLGetData(stmt, 4, SQL_C_SLONG, &integer, 0, &ind), SQL_SUCCESS_WITH_INFO);
    EXPECT_EQ(first_state(SQL_HANDLE_STMT, stmt), "01S07") << diag_text(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(integer, 7);
    fetch();
    EXPECT_EQ(SQLGetData(stmt, 4, SQL_C_DOUBLE, &dbl, 0, &ind), SQL_SUCCESS);
    EXPECT_EQ(dbl, 7.25);
}

TEST_F(EntryData, ImpossibleDatesAre22007AndOverflowIs22003) {
    StatementHandle stmt(w.dbc());
    ASSERT_EQ(exec(stmt, "SELECT '2023-02-29' AS bad_day, user_id * 1000 AS big FROM users WHERE user_id = 1"),
              SQL_SUCCESS)
        << diag_text(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS);
    SQL_DATE_STRUCT date{};
    SQLLEN ind = 0;
    EXPECT_EQ(SQLGetData(stmt, 1, SQL_C_TYPE_DATE, &date, 0, &ind), SQL_ERROR);
    EXPECT_EQ(first_state(SQL_HANDLE_STMT, stmt), "22007") << diag_text(SQL_HANDLE_STMT, stmt);
    SQLSCHAR tiny = 0;
    EXPECT_EQ(SQLGetData(stmt, 2, SQL_C_STINYINT, &tiny, 0, &ind), SQL_ERROR);
    EXPECT_EQ(first_state(SQL_HANDLE_STMT, stmt), "22003");
    SQLSMALLINT small = 0;
    EXPECT_EQ(SQLGetData(stmt, 2, SQL_C_SSHORT, &small, 0, &ind), SQL_SUCCESS) << "the cell is still readable";
    EXPECT_EQ(small, 1000);
}

// ------------------------------------------------------------ descriptors

TEST_F(EntryData, DescriptorFieldsRecordsAndCopies) {
    StatementHandle stmt(ansi.dbc());
    ASSERT_EQ(SQLPrepare(stmt, (SQLCHAR*)"SELECT user_id, last_name FROM users ORDER BY user_id", SQL_NTS), SQL_SUCCESS);
    // The IRD describes the prepared statement by itself (no SQLNumResultCols first).
    SQLHDESC ird = nullptr, ard = nullptr;
    ASSERT_EQ(SQLGetStmtAttr(stmt, SQL_ATTR_IMP_ROW_DESC, &ird, 0, nullptr), SQL_SUCCESS);
    ASSERT_EQ(SQLGetStmtAttr(stmt, SQL_ATTR_APP_ROW_DESC, &ard, 0, nullptr), SQL_SUCCESS);
    SQLSMALLINT count = 0;
    ASSERT_EQ(SQLGetDescField(ird, 0, SQL_DESC_COUNT, &count, 0, nullptr), SQL_SUCCESS)
        << diag_text(SQL_HANDLE_DESC, ird);
    EXPECT_EQ(count, 2);
    SQLCHAR name[64];
    SQLSMALLINT name_length = 0, type = 0, sub = 0, precision = 0, scale = 0, nullable = 0;
    SQLLEN length = 0;
    ASSERT_EQ(SQLGetDescRec(ird, 2, name, sizeof name, &name_length, &type, &sub, &length, &precision, &scale,
                            &nullable),
              SQL_SUCCESS);
    EXPECT_STREQ(reinterpret_cast<char*>(name), "last_name");
    SQLWCHAR wname[64];
    ASSERT_EQ(SQLGetDescRecW(ird, 1, wname, 64, &name_length, &type, &sub, &length, &precision, &scale, &nullable),
              SQL_SUCCESS);
    EXPECT_EQ(narrow(wname), "user_id");
    ASSERT_EQ(SQLGetDescFieldW(ird, 1, SQL_DESC_NAME, wname, sizeof wname, nullptr), SQL_SUCCESS);
    EXPECT_EQ(narrow(wname), "user_id");
    EXPECT_EQ(SQLSetDescField(ird, 1, SQL_DESC_TYPE, reinterpret_cast<SQLPOINTER>(SQL_C_CHAR), 0), SQL_ERROR)
        << "an IRD is read-only";

    // An explicit descriptor as the ARD: bound through SQLSetDescRec and SQLSetDescField(W).
    SQLHDESC mine = nullptr;
    ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_DESC, ansi.dbc(), &mine), SQL_SUCCESS);
    SQLINTEGER id = 0;
    SQLLEN id_ind = 0;
    ASSERT_EQ(SQLSetDescRec(mine, 1, SQL_C_SLONG, 0, sizeof id, 0, 0, &id, &id_ind, &id_ind), SQL_SUCCESS)
        << diag_text(SQL_HANDLE_DESC, mine);
    WString label = wide("the id");
    ASSERT_EQ(SQLSetDescFieldW(mine, 1, SQL_DESC_NAME, label.data(), SQL_NTS), SQL_SUCCESS);
    ASSERT_EQ(SQLSetStmtAttr(stmt, SQL_ATTR_APP_ROW_DESC, mine, 0), SQL_SUCCESS) << diag_text(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(SQLExecute(stmt), SQL_SUCCESS);
    ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS);
    EXPECT_EQ(id, 1);

    // SQLCopyDesc: the explicit ARD copied into the implicit ARD of another statement.
    StatementHandle other(ansi.dbc());
    SQLHDESC other_ard = nullptr;
    ASSERT_EQ(SQLGetStmtAttr(other, SQL_ATTR_APP_ROW_DESC, &other_ard, 0, nullptr), SQL_SUCCESS);
    ASSERT_EQ(SQLCopyDesc(mine, other_ard), SQL_SUCCESS) << diag_text(SQL_HANDLE_DESC, other_ard);
    id = 0;
    ASSERT_EQ(exec(other, "SELECT user_id FROM users WHERE user_id = 5"), SQL_SUCCESS);
    ASSERT_EQ(SQLFetch(other), SQL_SUCCESS);
    EXPECT_EQ(id, 5);
    SQLLEN octets = 0;   // SQL_DESC_OCTET_LENGTH is an SQLLEN (ODBC 3.x)
    ASSERT_EQ(SQLGetDescField(other_ard, 1, SQL_DESC_OCTET_LENGTH, &octets, 0, nullptr), SQL_SUCCESS);
    EXPECT_EQ(octets, SQLLEN(sizeof id));
    EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DESC, mine), SQL_SUCCESS);
    (void)ard;
}

// ------------------------------------------------------------ diagnostics

TEST_F(EntryData, DiagnosticFieldsWithRowAndColumnNumbers) {
    for (SQLHDBC dbc : {ansi.dbc(), w.dbc()}) {
        StatementHandle stmt(dbc);
        SQLCHAR names[2][4];
        SQLLEN lengths[2];
        SQLUSMALLINT status[2];
        ASSERT_EQ(SQLSetStmtAttr(stmt, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(2), 0), SQL_SUCCESS);
        ASSERT_EQ(SQLSetStmtAttr(stmt, SQL_ATTR_ROW_STATUS_PTR, status, 0), SQL_SUCCESS);
        ASSERT_EQ(SQLBindCol(stmt, 2, SQL_C_CHAR, names, sizeof names[0], lengths), SQL_SUCCESS);
        ASSERT_EQ(exec(stmt, "SELECT user_id, email FROM users ORDER BY user_id"), SQL_SUCCESS);
        // Every e-mail address is longer than 3 bytes: 01004 per row, on column 2.
        ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS_WITH_INFO);
        SQLINTEGER number = 0;
        ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_STMT, stmt, 0, SQL_DIAG_NUMBER, &number, 0, nullptr), SQL_SUCCESS);
        EXPECT_EQ(number, 2);
        SQLLEN row = 0;
        SQLINTEGER column = 0;
        ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_STMT, stmt, 2, SQL_DIAG_ROW_NUMBER, &row, 0, nullptr), SQL_SUCCESS);
        ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_STMT, stmt, 2, SQL_DIAG_COLUMN_NUMBER, &column, 0, nullptr), SQL_SUCCESS);
        EXPECT_EQ(row, 2);
        EXPECT_EQ(column, 2);
        SQLWCHAR state[6];
        SQLSMALLINT length = 0;
        ASSERT_EQ(SQLGetDiagFieldW(SQL_HANDLE_STMT, stmt, 1, SQL_DIAG_SQLSTATE, state, sizeof state, &length),
                  SQL_SUCCESS);
        EXPECT_EQ(narrow(state), "01004");
        SQLWCHAR message[512];
        SQLINTEGER native = 0;
        ASSERT_EQ(SQLGetDiagRecW(SQL_HANDLE_STMT, stmt, 1, state, &native, message, 512, &length), SQL_SUCCESS);
        EXPECT_EQ(narrow(message).rfind("[Timebutler][ODBC]", std::string::npos) != std::string::npos, true)
            << narrow(message);
        SQLCHAR class_origin[32];
        ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_STMT, stmt, 1, SQL_DIAG_CLASS_ORIGIN, class_origin, sizeof class_origin,
                                  &length),
                  SQL_SUCCESS);
        EXPECT_STREQ(reinterpret_cast<char*>(class_origin), "ISO 9075");
        SQLRETURN rc = 0;
        ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_STMT, stmt, 0, SQL_DIAG_RETURNCODE, &rc, 0, nullptr), SQL_SUCCESS);
        EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO);
    }
}

} // namespace
