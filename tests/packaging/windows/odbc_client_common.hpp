// What the Windows test programs under Wine share: ODBC calls through
// Windows' driver manager (Wine's odbc32), their first diagnostic, and one
// "name: value" line per finding on stdout for the calling script to check.
#pragma once

#include <windows.h>
#include <sql.h>
#include <sqlext.h>

#include <cstdio>
#include <string>

namespace tb::wine_test {

inline std::string first_diagnostic(SQLSMALLINT type, SQLHANDLE handle) {
    SQLCHAR state[6] = {0}, message[1024] = {0};
    SQLINTEGER native = 0;
    SQLSMALLINT length = 0;
    if (!SQL_SUCCEEDED(SQLGetDiagRec(type, handle, 1, state, &native, message, sizeof message, &length)))
        return "no diagnostic";
    return std::string(reinterpret_cast<char*>(state)) + " " + reinterpret_cast<char*>(message);
}

inline void report(const std::string& name, const std::string& value) {
    std::printf("%s: %s\n", name.c_str(), value.c_str());
    std::fflush(stdout);
}

// Connects (SQLDriverConnect with the given window and completion), runs
// `query` (a SELECT COUNT(*)) and returns the count as text, or "error: ..."
// (or "no data" when the user cancelled the dialog).
inline std::string count_rows(const std::string& query, const std::string& connection_string, HWND window = nullptr,
                              SQLUSMALLINT completion = SQL_DRIVER_NOPROMPT, std::string* completed = nullptr) {
    SQLHENV env = nullptr;
    SQLHDBC dbc = nullptr;
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    SQLCHAR out[4096] = {0};
    SQLSMALLINT out_length = 0;
    std::string result;
    SQLRETURN rc = SQLDriverConnect(dbc, window, (SQLCHAR*)connection_string.c_str(), SQL_NTS, out, sizeof out,
                                    &out_length, completion);
    if (rc == SQL_NO_DATA) {
        result = "no data";
    } else if (!SQL_SUCCEEDED(rc)) {
        result = "error: " + first_diagnostic(SQL_HANDLE_DBC, dbc);
    } else {
        if (completed) *completed = reinterpret_cast<char*>(out);
        SQLHSTMT stmt = nullptr;
        SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
        SQLCHAR count[64] = {0};
        SQLLEN indicator = 0;
        if (SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR*)query.c_str(), SQL_NTS)) &&
            SQLFetch(stmt) == SQL_SUCCESS &&
            SQL_SUCCEEDED(SQLGetData(stmt, 1, SQL_C_CHAR, count, sizeof count, &indicator)))
            result = reinterpret_cast<char*>(count);
        else
            result = "error: " + first_diagnostic(SQL_HANDLE_STMT, stmt);
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        SQLDisconnect(dbc);
    }
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return result;
}

// count_rows of SELECT COUNT(*) FROM users (the default schema's users).
inline std::string count_users(const std::string& connection_string, HWND window = nullptr,
                               SQLUSMALLINT completion = SQL_DRIVER_NOPROMPT, std::string* completed = nullptr) {
    return count_rows("SELECT COUNT(*) FROM users", connection_string, window, completion, completed);
}

} // namespace tb::wine_test
