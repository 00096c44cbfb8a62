// One conversion path from a result cell to the C type an application asks
// for, shared by bound columns and SQLGetData.
#pragma once

#include <cstddef>
#include <string>

#include "driver/odbc.hpp"
#include "engine/cursor.hpp"

namespace tb::driver {

struct Target {
    SQLSMALLINT c_type;
    SQLPOINTER data;
    SQLLEN buffer_length;
    SQLLEN* indicator;        // may equal length
    SQLLEN* length;
    SQLSMALLINT precision = 38;   // SQL_C_NUMERIC
    SQLSMALLINT scale = 0;
};

// Truncated: character or binary data cut short (01004, more to read).
// FractionTruncated: a number lost its fraction or a timestamp its time
// part on the way to the C type (01S07); nothing more to read.
enum class ConvertResult { Ok, Truncated, FractionTruncated, NoMoreData };

// Converts column `index` of the cursor's current row. `offset` is the
// piecewise position for character and binary data (0 on the first call).
// Throws engine::Error with 22003/22007/22018/07006 for impossible conversions.
// The message of a FractionTruncated conversion.
std::string fraction_truncation(catalog::SqlType from, SQLSMALLINT c_type);

ConvertResult convert_cell(engine::Cursor& cursor, int index, const engine::ColumnInfo& column, const Target& target,
                           std::size_t& offset);

// The size of a fixed-length C type's buffer (0 for character and binary
// types): the column-wise stride, since BufferLength is ignored for them.
std::size_t fixed_c_type_size(SQLSMALLINT c_type);

// Parses "YYYY-MM-DD[ HH:MM:SS[.fff]]" or "HH:MM:SS" text. On failure,
// *out_of_range says the text had the shape but an impossible value.
bool parse_timestamp_text(std::string_view text, SQL_TIMESTAMP_STRUCT& out, bool& has_date, bool& has_time,
                          bool* out_of_range = nullptr);

} // namespace tb::driver
