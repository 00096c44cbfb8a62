#include "driver/convert.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <limits>

#include "driver/types.hpp"
#include "driver/unicode.hpp"
#include "engine/error.hpp"

namespace tb::driver {
namespace {

using engine::CellType;
using engine::Error;

[[noreturn]] void fail(const char* sqlstate, const engine::ColumnInfo& column, const std::string& why) {
    throw Error(sqlstate, "column " + column.name + ": " + why);
}

void set_length(const Target& t, SQLLEN n) {
    if (t.length) *t.length = n;
    if (t.indicator && t.indicator != t.length) *t.indicator = n == SQL_NULL_DATA ? n : 0;
    if (t.indicator && t.indicator == t.length) *t.indicator = n;
}

// The text form of a cell (numbers formatted, dates as stored).
std::string_view cell_text(engine::Cursor& cursor, int index, CellType type, const engine::ColumnInfo& column, char* buffer,
                           std::size_t size) {
    switch (type) {
    case CellType::Integer: {
        auto r = std::to_chars(buffer, buffer + size, cursor.as_int(index));
        return {buffer, std::size_t(r.ptr - buffer)};
    }
    case CellType::Real: {
        const double v = cursor.as_double(index);
        int n;
        if (column.type == catalog::SqlType::Decimal && column.scale > 0 && std::fabs(v) < 1e15)
            n = std::snprintf(buffer, size, "%.*f", column.scale, v);
        else
            n = std::snprintf(buffer, size, "%.15g", v);
        return {buffer, std::size_t(n)};
    }
    default:
        return cursor.as_text(index);
    }
}

bool text_to_int(std::string_view text, std::int64_t& out) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    auto r = std::from_chars(text.data(), text.data() + text.size(), out);
    if (r.ec == std::errc() && r.ptr == text.data() + text.size()) return true;
    double d;
    auto rd = std::from_chars(text.data(), text.data() + text.size(), d);
    if (rd.ec != std::errc() || rd.ptr != text.data() + text.size() || !std::isfinite(d)) return false;
    if (d < -9.2e18 || d > 9.2e18) return false;
    out = static_cast<std::int64_t>(std::trunc(d));
    return true;
}

bool text_to_double(std::string_view text, double& out) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    auto r = std::from_chars(text.data(), text.data() + text.size(), out);
    return r.ec == std::errc() && r.ptr == text.data() + text.size();
}

std::int64_t cell_int(engine::Cursor& cursor, int index, CellType type, const engine::ColumnInfo& column,
                      bool& fractional) {
    fractional = false;
    switch (type) {
    case CellType::Integer: return cursor.as_int(index);
    case CellType::Real: {
        const double d = cursor.as_double(index);
        if (!std::isfinite(d) || d < -9.2e18 || d > 9.2e18) fail("22003", column, "the value is out of range");
        fractional = std::trunc(d) != d;
        return static_cast<std::int64_t>(std::trunc(d));
    }
    default: {
        std::int64_t v;
        if (!text_to_int(cursor.as_text(index), v))
            fail("22018", column, "the text '" + std::string(cursor.as_text(index)) + "' is not a number");
        return v;
    }
    }
}

double cell_double(engine::Cursor& cursor, int index, CellType type, const engine::ColumnInfo& column) {
    switch (type) {
    case CellType::Integer: return double(cursor.as_int(index));
    case CellType::Real: return cursor.as_double(index);
    default: {
        double v;
        if (!text_to_double(cursor.as_text(index), v))
            fail("22018", column, "the text '" + std::string(cursor.as_text(index)) + "' is not a number");
        return v;
    }
    }
}

template <class T>
ConvertResult put_integer(engine::Cursor& cursor, int index, CellType type, const engine::ColumnInfo& column,
                          const Target& t) {
    bool fractional;
    const std::int64_t v = cell_int(cursor, index, type, column, fractional);
    if constexpr (std::is_unsigned_v<T>) {
        if (v < 0 || std::uint64_t(v) > std::numeric_limits<T>::max())
            fail("22003", column, "the value " + std::to_string(v) + " does not fit the requested C type");
    } else {
        if (v < std::int64_t(std::numeric_limits<T>::min()) || v > std::int64_t(std::numeric_limits<T>::max()))
            fail("22003", column, "the value " + std::to_string(v) + " does not fit the requested C type");
    }
    T out = static_cast<T>(v);
    std::memcpy(t.data, &out, sizeof out);
    set_length(t, sizeof out);
    return fractional ? ConvertResult::FractionTruncated : ConvertResult::Ok;
}

ConvertResult put_chars(std::string_view text, const Target& t, std::size_t& offset) {
    if (offset > 0 && offset >= text.size()) return ConvertResult::NoMoreData;
    std::string_view rest = text.substr(offset);
    set_length(t, SQLLEN(rest.size()));
    if (!t.data || t.buffer_length <= 0) {
        return rest.empty() ? ConvertResult::Ok : ConvertResult::Truncated;
    }
    std::size_t n = std::min<std::size_t>(rest.size(), std::size_t(t.buffer_length) - 1);
    std::memcpy(t.data, rest.data(), n);
    static_cast<char*>(t.data)[n] = '\0';
    if (n < rest.size()) {
        offset += n;
        return ConvertResult::Truncated;
    }
    offset = text.size() + (text.empty() ? 1 : 0);
    return ConvertResult::Ok;
}

ConvertResult put_wchars(std::string_view text, const Target& t, std::size_t& offset) {
    const std::size_t unit = sizeof(SQLWCHAR);
    // ASCII needs no conversion buffer: the common case of bound columns.
    bool ascii = true;
    for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    std::basic_string<SQLWCHAR> wide;
    std::size_t total = text.size();
    if (!ascii) {
        wide = to_wide(text);
        total = wide.size();
    }
    if (offset > 0 && offset >= total) return ConvertResult::NoMoreData;
    const std::size_t rest = total - offset;
    set_length(t, SQLLEN(rest * unit));
    if (!t.data || t.buffer_length < SQLLEN(unit)) return rest == 0 ? ConvertResult::Ok : ConvertResult::Truncated;
    std::size_t room = std::size_t(t.buffer_length) / unit - 1;
    std::size_t n = std::min(rest, room);
    auto* out = static_cast<SQLWCHAR*>(t.data);
    if (ascii) {
        for (std::size_t i = 0; i < n; ++i) out[i] = SQLWCHAR(static_cast<unsigned char>(text[offset + i]));
    } else {
        if (n < rest && unit == 2 && n > 0 && wide[offset + n - 1] >= 0xD800 && wide[offset + n - 1] <= 0xDBFF) --n;
        std::memcpy(out, wide.data() + offset, n * unit);
    }
    out[n] = 0;
    if (n < rest) {
        offset += n;
        return ConvertResult::Truncated;
    }
    offset = total + (total == 0 ? 1 : 0);
    return ConvertResult::Ok;
}

ConvertResult put_binary(std::string_view bytes, const Target& t, std::size_t& offset) {
    if (offset > 0 && offset >= bytes.size()) return ConvertResult::NoMoreData;
    std::string_view rest = bytes.substr(offset);
    set_length(t, SQLLEN(rest.size()));
    std::size_t n = t.data ? std::min<std::size_t>(rest.size(), std::size_t(std::max<SQLLEN>(t.buffer_length, 0))) : 0;
    if (n) std::memcpy(t.data, rest.data(), n);
    if (n < rest.size()) {
        offset += n;
        return ConvertResult::Truncated;
    }
    offset = bytes.size() + (bytes.empty() ? 1 : 0);
    return ConvertResult::Ok;
}

ConvertResult put_numeric(double value, const Target& t, const engine::ColumnInfo& column) {
    SQL_NUMERIC_STRUCT n{};
    n.precision = SQLCHAR(t.precision > 0 ? t.precision : 38);
    n.scale = SQLSCHAR(t.scale);
    n.sign = value < 0 ? 0 : 1;
    long double scaled = std::fabs((long double)value) * std::pow(10.0L, t.scale);
    scaled = std::nearbyint(scaled);
    if (scaled >= 3.4e38L) fail("22003", column, "the value does not fit SQL_C_NUMERIC");
    // Little-endian base-256 digits, taken from the whole number itself
    // (exact: dividing by 256 only moves the exponent; 32-bit targets have
    // no __int128).
    for (int i = 0; i < SQL_MAX_NUMERIC_LEN; ++i) {
        n.val[i] = SQLCHAR(std::fmod(scaled, 256.0L));
        scaled = std::floor(scaled / 256.0L);
    }
    std::memcpy(t.data, &n, sizeof n);
    set_length(t, sizeof n);
    return ConvertResult::Ok;
}

} // namespace

namespace {

// Reads up to max_digits digits; false when there is none.
bool take_number(std::string_view& text, int max_digits, int& out) {
    int digits = 0;
    out = 0;
    while (digits < max_digits && !text.empty() && text.front() >= '0' && text.front() <= '9') {
        out = out * 10 + (text.front() - '0');
        text.remove_prefix(1);
        ++digits;
    }
    return digits > 0;
}

bool take(std::string_view& text, char c) {
    if (text.empty() || text.front() != c) return false;
    text.remove_prefix(1);
    return true;
}

} // namespace

// Parsed in place, without copies: this runs for every date cell fetched.
bool parse_timestamp_text(std::string_view text, SQL_TIMESTAMP_STRUCT& out, bool& has_date, bool& has_time,
                          bool* out_of_range) {
    out = {};
    has_date = has_time = false;
    if (out_of_range) *out_of_range = false;
    // Well-formed text with impossible values (2024-02-30, 24:00) is 22007, not 22018.
    auto invalid = [&] {
        if (out_of_range) *out_of_range = true;
        return false;
    };
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    unsigned long fraction = 0;
    std::string_view rest = text;
    if (take_number(rest, 4, y) && take(rest, '-') && take_number(rest, 2, mo) && take(rest, '-') &&
        take_number(rest, 2, d)) {
        static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1]) return invalid();
        const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (mo == 2 && d == 29 && !leap) return invalid();
        has_date = true;
        text = rest;
        while (!text.empty() && (text.front() == ' ' || text.front() == 'T')) text.remove_prefix(1);
    }
    if (!text.empty()) {
        rest = text;
        if (!take_number(rest, 2, h) || !take(rest, ':') || !take_number(rest, 2, mi)) return false;
        if (take(rest, ':') && !take_number(rest, 2, s)) return false;
        if (h > 23 || mi > 59 || s > 61) return invalid();
        has_time = true;
        if (take(rest, '.')) {
            // Nanoseconds: the first nine digits, right-padded.
            int digits = 0;
            while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
                if (digits < 9) fraction = fraction * 10 + unsigned(rest.front() - '0');
                ++digits;
                rest.remove_prefix(1);
            }
            for (; digits < 9; ++digits) fraction *= 10;
            rest = {};
        }
        if (!rest.empty()) return false;
    }
    out.year = SQLSMALLINT(y);
    out.month = SQLUSMALLINT(mo);
    out.day = SQLUSMALLINT(d);
    out.hour = SQLUSMALLINT(h);
    out.minute = SQLUSMALLINT(mi);
    out.second = SQLUSMALLINT(s);
    out.fraction = SQLUINTEGER(fraction);
    return has_date || has_time;
}

static ConvertResult convert_fixed(engine::Cursor& cursor, int index, CellType type,
                                   const engine::ColumnInfo& column, const Target& t, SQLSMALLINT c_type);

std::size_t fixed_c_type_size(SQLSMALLINT c_type) {
    switch (c_type) {
    case SQL_C_SLONG: case SQL_C_LONG: case SQL_C_ULONG: return sizeof(SQLINTEGER);
    case SQL_C_SSHORT: case SQL_C_SHORT: case SQL_C_USHORT: return sizeof(SQLSMALLINT);
    case SQL_C_STINYINT: case SQL_C_TINYINT: case SQL_C_UTINYINT: case SQL_C_BIT: return 1;
    case SQL_C_SBIGINT: case SQL_C_UBIGINT: return sizeof(SQLBIGINT);
    case SQL_C_DOUBLE: return sizeof(SQLDOUBLE);
    case SQL_C_FLOAT: return sizeof(SQLREAL);
    case SQL_C_NUMERIC: return sizeof(SQL_NUMERIC_STRUCT);
    case SQL_C_TYPE_DATE: case SQL_C_DATE: return sizeof(SQL_DATE_STRUCT);
    case SQL_C_TYPE_TIME: case SQL_C_TIME: return sizeof(SQL_TIME_STRUCT);
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: return sizeof(SQL_TIMESTAMP_STRUCT);
    default: return 0;
    }
}

std::string fraction_truncation(catalog::SqlType from, SQLSMALLINT c_type) {
    switch (c_type) {
    case SQL_C_TYPE_DATE: case SQL_C_DATE:
        return "the time part of the timestamp was dropped (fractional truncation)";
    case SQL_C_TYPE_TIME: case SQL_C_TIME:
        return "the fraction of the second was dropped (fractional truncation)";
    default:
        return std::string("the ") + (from == catalog::SqlType::WVarchar ? "text's number" : "value") +
               " lost its fractional part in the conversion (fractional truncation)";
    }
}

ConvertResult convert_cell(engine::Cursor& cursor, int index, const engine::ColumnInfo& column, const Target& t,
                           std::size_t& offset) {
    // sqlite3_column_type once per cell: it was called several times per cell.
    const CellType type = cursor.type(index);
    if (type == CellType::Null) {
        if (offset > 0) return ConvertResult::NoMoreData;
        if (!t.indicator) fail("22002", column, "the value is NULL and no indicator buffer was given");
        *t.indicator = SQL_NULL_DATA;
        offset = 1;
        return ConvertResult::Ok;
    }
    SQLSMALLINT c_type = t.c_type == SQL_C_DEFAULT ? default_c_type(column.type) : t.c_type;
    char buffer[64];
    switch (c_type) {
    case SQL_C_CHAR:
        return put_chars(cell_text(cursor, index, type, column, buffer, sizeof buffer), t, offset);
    case SQL_C_WCHAR:
        return put_wchars(cell_text(cursor, index, type, column, buffer, sizeof buffer), t, offset);
    case SQL_C_BINARY:
        return put_binary(cell_text(cursor, index, type, column, buffer, sizeof buffer), t, offset);
    }
    // Fixed-size types: a second SQLGetData call on the column has no more data,
    // unless the first failed (22003, 22018...): then another C type may be tried.
    if (offset > 0) return ConvertResult::NoMoreData;
    if (!t.data) fail("HY009", column, "the target buffer is null");
    const ConvertResult result = convert_fixed(cursor, index, type, column, t, c_type);
    offset = 1;
    return result;
}

// Appendix D's SQL-to-C table for the SQL types we report: character data
// converts to every C type; numbers (and BIT) to characters, binary and the
// numeric C types; DATE to date and timestamp; TIME to time and timestamp;
// TIMESTAMP to all three. Everything else is 07006.
static bool conversion_allowed(catalog::SqlType from, SQLSMALLINT c_type) {
    const bool datetime_target = c_type == SQL_C_TYPE_DATE || c_type == SQL_C_DATE || c_type == SQL_C_TYPE_TIME ||
                                 c_type == SQL_C_TIME || c_type == SQL_C_TYPE_TIMESTAMP || c_type == SQL_C_TIMESTAMP;
    switch (from) {
    case catalog::SqlType::WVarchar: return true;
    case catalog::SqlType::Date:
        return datetime_target && c_type != SQL_C_TYPE_TIME && c_type != SQL_C_TIME;
    case catalog::SqlType::Time:
        return datetime_target && c_type != SQL_C_TYPE_DATE && c_type != SQL_C_DATE;
    case catalog::SqlType::Timestamp: return datetime_target;
    default: return !datetime_target;  // numbers and BIT
    }
}

static const char* type_label(catalog::SqlType type) { return catalog::to_string(type).data(); }

static ConvertResult convert_fixed(engine::Cursor& cursor, int index, CellType type,
                                   const engine::ColumnInfo& column, const Target& t, SQLSMALLINT c_type) {
    if (fixed_c_type_size(c_type) != 0 && !conversion_allowed(column.type, c_type))
        fail("07006", column,
             std::string("a ") + type_label(column.type) + " value cannot be converted to the C type " +
                 std::to_string(c_type) + " (ODBC appendix D); read it as SQL_C_CHAR or SQL_C_WCHAR");
    switch (c_type) {
    case SQL_C_SLONG: case SQL_C_LONG: return put_integer<SQLINTEGER>(cursor, index, type, column, t);
    case SQL_C_ULONG: return put_integer<SQLUINTEGER>(cursor, index, type, column, t);
    case SQL_C_SSHORT: case SQL_C_SHORT: return put_integer<SQLSMALLINT>(cursor, index, type, column, t);
    case SQL_C_USHORT: return put_integer<SQLUSMALLINT>(cursor, index, type, column, t);
    case SQL_C_STINYINT: case SQL_C_TINYINT: return put_integer<SQLSCHAR>(cursor, index, type, column, t);
    case SQL_C_UTINYINT: return put_integer<SQLCHAR>(cursor, index, type, column, t);
    case SQL_C_SBIGINT: return put_integer<SQLBIGINT>(cursor, index, type, column, t);
    case SQL_C_UBIGINT: return put_integer<SQLUBIGINT>(cursor, index, type, column, t);
    case SQL_C_BIT: {
        const double v = cell_double(cursor, index, type, column);
        if (v < 0 || v >= 2) fail("22003", column, "the value does not fit SQL_C_BIT (0 or 1)");
        SQLCHAR out = v >= 1 ? 1 : 0;
        std::memcpy(t.data, &out, 1);
        set_length(t, 1);
        return (v != 0 && v != 1) ? ConvertResult::FractionTruncated : ConvertResult::Ok;
    }
    case SQL_C_DOUBLE: {
        SQLDOUBLE v = cell_double(cursor, index, type, column);
        std::memcpy(t.data, &v, sizeof v);
        set_length(t, sizeof v);
        return ConvertResult::Ok;
    }
    case SQL_C_FLOAT: {
        SQLREAL v = SQLREAL(cell_double(cursor, index, type, column));
        std::memcpy(t.data, &v, sizeof v);
        set_length(t, sizeof v);
        return ConvertResult::Ok;
    }
    case SQL_C_NUMERIC:
        return put_numeric(cell_double(cursor, index, type, column), t, column);
    case SQL_C_TYPE_DATE: case SQL_C_DATE: case SQL_C_TYPE_TIME: case SQL_C_TIME: case SQL_C_TYPE_TIMESTAMP:
    case SQL_C_TIMESTAMP: {
        // Reached for character columns only when the cell is a number
        // (an expression's result): no date, but the conversion is allowed.
        if (type != CellType::Text)
            fail("22018", column, "the number is not a date or time");
        SQL_TIMESTAMP_STRUCT ts;
        bool has_date, has_time, out_of_range;
        const std::string_view text = cursor.as_text(index);
        if (!parse_timestamp_text(text, ts, has_date, has_time, &out_of_range))
            fail(out_of_range ? "22007" : "22018", column,
                 "the text '" + std::string(text) + (out_of_range ? "' is not a valid date or time"
                                                                  : "' is not a date or time"));
        if (c_type == SQL_C_TYPE_DATE || c_type == SQL_C_DATE) {
            if (!has_date) fail("07006", column, "a time has no date part");
            SQL_DATE_STRUCT d{ts.year, ts.month, ts.day};
            std::memcpy(t.data, &d, sizeof d);
            set_length(t, sizeof d);
            return has_time && (ts.hour || ts.minute || ts.second || ts.fraction) ? ConvertResult::FractionTruncated
                                                                                : ConvertResult::Ok;
        }
        if (c_type == SQL_C_TYPE_TIME || c_type == SQL_C_TIME) {
            if (!has_time && column.type == catalog::SqlType::Date)
                fail("07006", column, "a date has no time part");
            SQL_TIME_STRUCT tm{ts.hour, ts.minute, ts.second};
            std::memcpy(t.data, &tm, sizeof tm);
            set_length(t, sizeof tm);
            return ts.fraction ? ConvertResult::FractionTruncated : ConvertResult::Ok;
        }
        if (!has_date) {
            // Appendix D, time to timestamp: the date fields are today's
            // date (local time, as the time itself is) and the fraction 0.
            const std::time_t now = std::time(nullptr);
            std::tm today{};
            localtime_r(&now, &today);
            ts.year = SQLSMALLINT(today.tm_year + 1900);
            ts.month = SQLUSMALLINT(today.tm_mon + 1);
            ts.day = SQLUSMALLINT(today.tm_mday);
            ts.fraction = 0;
        }
        std::memcpy(t.data, &ts, sizeof ts);
        set_length(t, sizeof ts);
        return ConvertResult::Ok;
    }
    default:
        if (c_type == SQL_C_GUID || (c_type >= SQL_C_INTERVAL_YEAR && c_type <= SQL_C_INTERVAL_MINUTE_TO_SECOND)) {
            // Appendix D allows character data into these, and exact
            // numbers into single-field intervals; the driver does not
            // implement them (HYC00). Every other SQL type is 07006.
            const bool exact = column.type == catalog::SqlType::Integer ||
                               column.type == catalog::SqlType::BigInt || column.type == catalog::SqlType::Decimal;
            const bool single_field = c_type >= SQL_C_INTERVAL_YEAR && c_type <= SQL_C_INTERVAL_SECOND;
            if (column.type == catalog::SqlType::WVarchar || (exact && single_field))
                fail("HYC00", column,
                     "the conversion to C type " + std::to_string(c_type) +
                         " is not implemented; read the value as SQL_C_CHAR or a number");
            fail("07006", column,
                 std::string("a ") + type_label(column.type) + " value cannot be converted to the C type " +
                     std::to_string(c_type) + " (ODBC appendix D)");
        }
        fail("HY003", column, "the C type " + std::to_string(c_type) + " is not supported");
    }
}

} // namespace tb::driver
