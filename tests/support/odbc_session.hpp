// A small RAII wrapper over the ODBC API for integration tests: every call
// goes through the unixODBC driver manager (libodbc) to the built driver.
#pragma once

#include <sql.h>
#include <sqlext.h>

// mingw-w64's headers (ODBC 3.51) lack the ODBC 3.80 version value the
// tests set; it is the specification's (unixODBC's headers carry it).
#ifndef SQL_OV_ODBC3_80
#define SQL_OV_ODBC3_80 380UL
#endif

#include <optional>
#include <string>
#include <vector>

namespace tb::test {

struct Diag {
    std::string sqlstate;
    std::string message;
    SQLINTEGER native = 0;
};
std::vector<Diag> diagnostics(SQLSMALLINT type, SQLHANDLE handle);

// A result read as text (NULL as nullopt), through SQLGetData(SQL_C_CHAR).
using Row = std::vector<std::optional<std::string>>;
// Fetches every remaining row of a statement; throws std::runtime_error on failure.
std::vector<Row> fetch_rows(SQLHSTMT stmt);

class OdbcConnection {
public:
    OdbcConnection();
    ~OdbcConnection();
    // Returns the SQLRETURN; diagnostics on failure via last_diag().
    SQLRETURN connect(const std::string& connection_string);
    SQLHDBC dbc() const { return dbc_; }
    SQLHENV env() const { return env_; }
    std::vector<Diag> connect_diag() const { return diagnostics(SQL_HANDLE_DBC, dbc_); }

    // Executes and fetches every row; throws std::runtime_error with the
    // diagnostics on failure.
    std::vector<Row> query(const std::string& sql, std::vector<std::string>* column_names = nullptr);
    // Executes expecting failure; returns the diagnostics (empty if it succeeded).
    std::vector<Diag> query_error(const std::string& sql);

private:
    SQLHENV env_ = SQL_NULL_HENV;
    SQLHDBC dbc_ = SQL_NULL_HDBC;
    bool connected_ = false;
};

} // namespace tb::test
