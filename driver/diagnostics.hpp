// Diagnostic records of a handle (SQLGetDiagRec/SQLGetDiagField).
#pragma once

#include <string>
#include <vector>

#include "driver/odbc.hpp"

namespace tb::driver {

struct DiagRecord {
    std::string sqlstate;     // five characters
    std::string message;      // starts "[Timebutler][ODBC]"
    SQLINTEGER native = 0;
    SQLLEN row = SQL_NO_ROW_NUMBER;
    SQLINTEGER column = SQL_NO_COLUMN_NUMBER;
};

struct Diagnostics {
    std::vector<DiagRecord> records;
    SQLRETURN return_code = SQL_SUCCESS;
    SQLLEN row_count = 0;             // SQL_DIAG_CURSOR_ROW_COUNT / SQL_DIAG_ROW_COUNT
    std::string dynamic_function;     // SQL_DIAG_DYNAMIC_FUNCTION
    SQLINTEGER dynamic_function_code = SQL_DIAG_UNKNOWN_STATEMENT;

    void clear() { records.clear(); return_code = SQL_SUCCESS; }
    void add(std::string sqlstate, std::string message, SQLINTEGER native = 0,
             SQLLEN row = SQL_NO_ROW_NUMBER, SQLINTEGER column = SQL_NO_COLUMN_NUMBER);
    bool has_errors() const;
};

// The class origin of a SQLSTATE ("ISO 9075" or "ODBC 3.0").
const char* class_origin(const std::string& sqlstate);

} // namespace tb::driver
