// How the catalog's SQL types look through ODBC: type codes (by the
// application's ODBC version), sizes, names, and the default C type.
#pragma once

#include "catalog/catalog.hpp"
#include "driver/odbc.hpp"
#include "engine/cursor.hpp"

namespace tb::driver {

// odbc_version: SQL_OV_ODBC2 apps get 9/10/11 for date/time/timestamp.
SQLSMALLINT sql_type_code(catalog::SqlType type, SQLINTEGER odbc_version = SQL_OV_ODBC3);
SQLSMALLINT verbose_type_code(catalog::SqlType type);      // SQL_DATETIME for the date types
SQLSMALLINT datetime_subcode(catalog::SqlType type);
SQLULEN column_size(const engine::ColumnInfo& column);
SQLSMALLINT decimal_digits(const engine::ColumnInfo& column);
SQLLEN octet_length(const engine::ColumnInfo& column);
SQLLEN display_size(const engine::ColumnInfo& column);
const char* type_name(catalog::SqlType type);               // "INTEGER", "WVARCHAR", ...
SQLSMALLINT default_c_type(catalog::SqlType type);
SQLSMALLINT radix(catalog::SqlType type);                    // 10, or 0 for non-numbers
bool is_unsigned(catalog::SqlType type);

} // namespace tb::driver
