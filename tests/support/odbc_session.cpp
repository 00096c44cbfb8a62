#include "tests/support/odbc_session.hpp"

#include <stdexcept>

namespace tb::test {

std::vector<Diag> diagnostics(SQLSMALLINT type, SQLHANDLE handle) {
    std::vector<Diag> out;
    for (SQLSMALLINT i = 1;; ++i) {
        SQLCHAR state[6] = {0};
        SQLCHAR message[2048] = {0};
        SQLINTEGER native = 0;
        SQLSMALLINT length = 0;
        SQLRETURN rc = SQLGetDiagRec(type, handle, i, state, &native, message, sizeof message, &length);
        if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO) break;
        out.push_back({reinterpret_cast<char*>(state), reinterpret_cast<char*>(message), native});
    }
    return out;
}

OdbcConnection::OdbcConnection() {
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_);
    SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_);
}

OdbcConnection::~OdbcConnection() {
    if (connected_) SQLDisconnect(dbc_);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
    SQLFreeHandle(SQL_HANDLE_ENV, env_);
}

SQLRETURN OdbcConnection::connect(const std::string& connection_string) {
    SQLCHAR out[4096];
    SQLSMALLINT out_length = 0;
    SQLRETURN rc = SQLDriverConnect(dbc_, nullptr, (SQLCHAR*)connection_string.c_str(), SQL_NTS, out, sizeof out,
                                    &out_length, SQL_DRIVER_NOPROMPT);
    connected_ = SQL_SUCCEEDED(rc);
    return rc;
}

static std::string describe(const std::vector<Diag>& diags) {
    std::string text;
    for (const auto& d : diags) text += d.sqlstate + " " + d.message + "\n";
    return text;
}

std::vector<Row> fetch_rows(SQLHSTMT stmt) {
    SQLSMALLINT columns = 0;
    SQLNumResultCols(stmt, &columns);
    SQLRETURN rc;
    std::vector<Row> rows;
    while ((rc = SQLFetch(stmt)) != SQL_NO_DATA) {
        if (!SQL_SUCCEEDED(rc)) throw std::runtime_error("fetch failed: " + describe(diagnostics(SQL_HANDLE_STMT, stmt)));
        Row row;
        for (SQLSMALLINT c = 1; c <= columns; ++c) {
            std::string value;
            char buffer[512];
            SQLLEN indicator = 0;
            bool is_null = false;
            for (;;) {
                rc = SQLGetData(stmt, c, SQL_C_CHAR, buffer, sizeof buffer, &indicator);
                if (rc == SQL_NO_DATA) break;
                if (!SQL_SUCCEEDED(rc)) throw std::runtime_error("SQLGetData failed: " + describe(diagnostics(SQL_HANDLE_STMT, stmt)));
                if (indicator == SQL_NULL_DATA) { is_null = true; break; }
                value += buffer;
                if (rc == SQL_SUCCESS) break;
            }
            row.push_back(is_null ? std::nullopt : std::optional<std::string>(value));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<Row> OdbcConnection::query(const std::string& sql, std::vector<std::string>* column_names) {
    SQLHSTMT stmt;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc_, &stmt);
    SQLRETURN rc = SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
    if (!SQL_SUCCEEDED(rc)) {
        auto diags = diagnostics(SQL_HANDLE_STMT, stmt);
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        throw std::runtime_error("query failed: " + sql + "\n" + describe(diags));
    }
    SQLSMALLINT columns = 0;
    SQLNumResultCols(stmt, &columns);
    if (column_names) {
        column_names->clear();
        for (SQLSMALLINT c = 1; c <= columns; ++c) {
            SQLCHAR name[256];
            SQLSMALLINT length;
            SQLDescribeCol(stmt, c, name, sizeof name, &length, nullptr, nullptr, nullptr, nullptr);
            column_names->push_back(reinterpret_cast<char*>(name));
        }
    }
    std::vector<Row> rows;
    try {
        rows = fetch_rows(stmt);
    } catch (...) {
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        throw;
    }
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return rows;
}

std::vector<Diag> OdbcConnection::query_error(const std::string& sql) {
    SQLHSTMT stmt;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc_, &stmt);
    SQLRETURN rc = SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
    std::vector<Diag> diags;
    if (!SQL_SUCCEEDED(rc)) diags = diagnostics(SQL_HANDLE_STMT, stmt);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return diags;
}

} // namespace tb::test
