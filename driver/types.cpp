#include "driver/types.hpp"

namespace tb::driver {

using catalog::SqlType;

SQLSMALLINT sql_type_code(SqlType type, SQLINTEGER odbc_version) {
    const bool v2 = odbc_version == SQL_OV_ODBC2;
    switch (type) {
    case SqlType::Integer: return SQL_INTEGER;
    case SqlType::BigInt: return SQL_BIGINT;
    case SqlType::Decimal: return SQL_DECIMAL;
    case SqlType::Double: return SQL_DOUBLE;
    case SqlType::Date: return v2 ? SQL_DATE : SQL_TYPE_DATE;
    case SqlType::Time: return v2 ? SQL_TIME : SQL_TYPE_TIME;
    case SqlType::Timestamp: return v2 ? SQL_TIMESTAMP : SQL_TYPE_TIMESTAMP;
    case SqlType::Bit: return SQL_BIT;
    case SqlType::WVarchar: return SQL_WVARCHAR;
    }
    return SQL_WVARCHAR;
}

SQLSMALLINT verbose_type_code(SqlType type) {
    switch (type) {
    case SqlType::Date: case SqlType::Time: case SqlType::Timestamp: return SQL_DATETIME;
    default: return sql_type_code(type);
    }
}

SQLSMALLINT datetime_subcode(SqlType type) {
    switch (type) {
    case SqlType::Date: return SQL_CODE_DATE;
    case SqlType::Time: return SQL_CODE_TIME;
    case SqlType::Timestamp: return SQL_CODE_TIMESTAMP;
    default: return 0;
    }
}

SQLULEN column_size(const engine::ColumnInfo& c) {
    switch (c.type) {
    case SqlType::Integer: return 10;
    case SqlType::BigInt: return 19;
    case SqlType::Decimal: return SQLULEN(c.size > 0 ? c.size : 15);
    case SqlType::Double: return 15;
    case SqlType::Date: return 10;
    case SqlType::Time: return 8;
    case SqlType::Timestamp: return 19;
    case SqlType::Bit: return 1;
    case SqlType::WVarchar: return SQLULEN(c.size > 0 ? c.size : 255);
    }
    return 255;
}

SQLSMALLINT decimal_digits(const engine::ColumnInfo& c) {
    switch (c.type) {
    case SqlType::Decimal: return SQLSMALLINT(c.scale);
    case SqlType::Integer: case SqlType::BigInt: case SqlType::Bit: case SqlType::Date: case SqlType::Time:
    case SqlType::Timestamp: return 0;
    default: return 0;
    }
}

SQLLEN octet_length(const engine::ColumnInfo& c) {
    switch (c.type) {
    case SqlType::Integer: return 4;
    case SqlType::BigInt: return 8;
    case SqlType::Decimal: return SQLLEN(column_size(c)) + 2;
    case SqlType::Double: return 8;
    case SqlType::Date: return sizeof(SQL_DATE_STRUCT);
    case SqlType::Time: return sizeof(SQL_TIME_STRUCT);
    case SqlType::Timestamp: return sizeof(SQL_TIMESTAMP_STRUCT);
    case SqlType::Bit: return 1;
    case SqlType::WVarchar: return SQLLEN(column_size(c) * sizeof(SQLWCHAR));
    }
    return 0;
}

SQLLEN display_size(const engine::ColumnInfo& c) {
    switch (c.type) {
    case SqlType::Integer: return 11;
    case SqlType::BigInt: return 20;
    case SqlType::Decimal: return SQLLEN(column_size(c)) + 2;
    case SqlType::Double: return 24;
    case SqlType::Date: return 10;
    case SqlType::Time: return 8;
    case SqlType::Timestamp: return 19;
    case SqlType::Bit: return 1;
    case SqlType::WVarchar: return SQLLEN(column_size(c));
    }
    return 0;
}

const char* type_name(SqlType type) {
    // The catalog's names are string literals, so data() is terminated.
    return catalog::to_string(type).data();
}

SQLSMALLINT default_c_type(SqlType type) {
    switch (type) {
    case SqlType::Integer: return SQL_C_SLONG;
    case SqlType::BigInt: return SQL_C_SBIGINT;
    case SqlType::Decimal: return SQL_C_CHAR;
    case SqlType::Double: return SQL_C_DOUBLE;
    case SqlType::Date: return SQL_C_TYPE_DATE;
    case SqlType::Time: return SQL_C_TYPE_TIME;
    case SqlType::Timestamp: return SQL_C_TYPE_TIMESTAMP;
    case SqlType::Bit: return SQL_C_BIT;
    case SqlType::WVarchar: return SQL_C_WCHAR;
    }
    return SQL_C_WCHAR;
}

SQLSMALLINT radix(SqlType type) {
    switch (type) {
    case SqlType::Integer: case SqlType::BigInt: case SqlType::Decimal: case SqlType::Bit: return 10;
    case SqlType::Double: return 2;
    default: return 0;
    }
}

bool is_unsigned(SqlType type) { return type == SqlType::Bit; }

} // namespace tb::driver
