// What the BI replays share: W statements, SQLGetInfo probes and reading a
// result the way the tools do (SQLColAttributeW per column, then SQLGetData
// or bound wide-string row arrays).
#pragma once

#include <string>
#include <vector>

#include "tests/support/odbc_wide.hpp"

namespace tb::test {

// Executes `sql` through SQLExecDirectW; fails the test with the diagnostics.
inline ::testing::AssertionResult exec_wide(SQLHSTMT stmt, const std::string& sql) {
    WString text = wide(sql);
    SQLRETURN rc = SQLExecDirectW(stmt, text.data(), SQL_NTS);
    if (SQL_SUCCEEDED(rc)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << sql << "\n" << diag_text(SQL_HANDLE_STMT, stmt);
}

struct ColumnMeta {
    std::string name;
    SQLLEN concise_type = 0;
    SQLLEN length = 0;
    SQLLEN nullable = 0;
};

// SQLColAttributeW for every column, as Power BI and Tableau read a result's shape.
inline std::vector<ColumnMeta> column_meta(SQLHSTMT stmt) {
    SQLSMALLINT count = 0;
    EXPECT_EQ(SQLNumResultCols(stmt, &count), SQL_SUCCESS);
    std::vector<ColumnMeta> out;
    for (SQLUSMALLINT i = 1; i <= SQLUSMALLINT(count); ++i) {
        ColumnMeta m;
        SQLWCHAR name[256];
        SQLSMALLINT length = 0;
        EXPECT_EQ(SQLColAttributeW(stmt, i, SQL_DESC_NAME, name, sizeof name, &length, nullptr), SQL_SUCCESS);
        m.name = narrow(name);
        EXPECT_EQ(SQLColAttributeW(stmt, i, SQL_DESC_CONCISE_TYPE, nullptr, 0, nullptr, &m.concise_type), SQL_SUCCESS);
        EXPECT_EQ(SQLColAttributeW(stmt, i, SQL_DESC_LENGTH, nullptr, 0, nullptr, &m.length), SQL_SUCCESS);
        EXPECT_EQ(SQLColAttributeW(stmt, i, SQL_DESC_NULLABLE, nullptr, 0, nullptr, &m.nullable), SQL_SUCCESS);
        for (SQLUSMALLINT field : {SQL_DESC_TYPE_NAME, SQL_DESC_BASE_TABLE_NAME, SQL_DESC_LABEL}) {
            SQLWCHAR text[256];
            EXPECT_EQ(SQLColAttributeW(stmt, i, field, text, sizeof text, &length, nullptr), SQL_SUCCESS) << field;
        }
        for (SQLUSMALLINT field : {SQL_DESC_UNSIGNED, SQL_DESC_PRECISION, SQL_DESC_SCALE, SQL_DESC_DISPLAY_SIZE,
                                   SQL_DESC_OCTET_LENGTH, SQL_DESC_SEARCHABLE, SQL_DESC_UPDATABLE}) {
            SQLLEN value = 0;
            EXPECT_EQ(SQLColAttributeW(stmt, i, field, nullptr, 0, nullptr, &value), SQL_SUCCESS) << field;
        }
        out.push_back(m);
    }
    return out;
}

// The C type a tool asks for a column's SQL type: text as SQL_C_WCHAR.
inline SQLSMALLINT tool_c_type(SQLLEN concise_type) {
    switch (concise_type) {
    case SQL_INTEGER: case SQL_SMALLINT: case SQL_TINYINT: return SQL_C_SLONG;
    case SQL_BIGINT: return SQL_C_SBIGINT;
    case SQL_BIT: return SQL_C_BIT;
    case SQL_DOUBLE: case SQL_FLOAT: case SQL_REAL: return SQL_C_DOUBLE;
    case SQL_TYPE_DATE: return SQL_C_TYPE_DATE;
    case SQL_TYPE_TIME: return SQL_C_TYPE_TIME;
    case SQL_TYPE_TIMESTAMP: return SQL_C_TYPE_TIMESTAMP;
    case SQL_DECIMAL: case SQL_NUMERIC: return SQL_C_CHAR;
    default: return SQL_C_WCHAR;
    }
}

// Fetches every row with SQLGetData in the tool's C type per column; returns
// the row count, failing the test on any error.
inline std::size_t read_all_with_getdata(SQLHSTMT stmt, const std::vector<ColumnMeta>& columns) {
    std::size_t rows = 0;
    SQLRETURN rc;
    while ((rc = SQLFetch(stmt)) == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO) {
        ++rows;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            alignas(8) unsigned char buffer[8192];
            SQLLEN indicator = 0;
            SQLRETURN g = SQLGetData(stmt, SQLUSMALLINT(i + 1), tool_c_type(columns[i].concise_type), buffer,
                                     sizeof buffer, &indicator);
            EXPECT_TRUE(SQL_SUCCEEDED(g)) << columns[i].name << ": " << diag_text(SQL_HANDLE_STMT, stmt);
        }
    }
    EXPECT_EQ(rc, SQL_NO_DATA) << diag_text(SQL_HANDLE_STMT, stmt);
    return rows;
}

// Every probe must answer SQL_SUCCESS through SQLGetInfoW.
inline void probe_info(SQLHDBC dbc, const std::vector<SQLUSMALLINT>& types) {
    for (SQLUSMALLINT type : types) {
        SQLWCHAR buffer[1024];
        SQLSMALLINT length = 0;
        EXPECT_EQ(SQLGetInfoW(dbc, type, buffer, sizeof buffer, &length), SQL_SUCCESS)
            << "SQLGetInfoW(" << type << "): " << diag_text(SQL_HANDLE_DBC, dbc);
    }
}

inline std::string info_text(SQLHDBC dbc, SQLUSMALLINT type) {
    SQLWCHAR buffer[1024];
    SQLSMALLINT length = 0;
    EXPECT_EQ(SQLGetInfoW(dbc, type, buffer, sizeof buffer, &length), SQL_SUCCESS);
    return narrow(buffer);
}

inline SQLUINTEGER info_mask(SQLHDBC dbc, SQLUSMALLINT type) {
    SQLUINTEGER value = 0;
    EXPECT_EQ(SQLGetInfoW(dbc, type, &value, sizeof value, nullptr), SQL_SUCCESS);
    return value;
}

} // namespace tb::test
