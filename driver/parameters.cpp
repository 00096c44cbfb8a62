#include "driver/parameters.hpp"

#include <cstdio>
#include <cstring>

#include "driver/unicode.hpp"
#include "engine/error.hpp"

namespace tb::driver {
namespace {

bool is_data_at_exec(const SQLLEN* indicator) {
    return indicator && (*indicator == SQL_DATA_AT_EXEC || *indicator <= SQL_LEN_DATA_AT_EXEC_OFFSET);
}

template <class T>
T read(const void* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

std::string numeric_text(const SQL_NUMERIC_STRUCT& n) {
    // The 128-bit little-endian value divided by 10 digit by digit, byte-wise
    // (32-bit targets have no __int128).
    unsigned bytes[SQL_MAX_NUMERIC_LEN];
    for (int i = 0; i < SQL_MAX_NUMERIC_LEN; ++i) bytes[i] = n.val[i];
    std::string digits;
    bool more = false;
    do {
        unsigned remainder = 0;
        more = false;
        for (int i = SQL_MAX_NUMERIC_LEN - 1; i >= 0; --i) {
            const unsigned current = remainder * 256 + bytes[i];
            bytes[i] = current / 10;
            remainder = current % 10;
            more = more || bytes[i] != 0;
        }
        digits.insert(digits.begin(), char('0' + int(remainder)));
    } while (more);
    if (n.scale > 0) {
        while (digits.size() <= std::size_t(n.scale)) digits.insert(digits.begin(), '0');
        digits.insert(digits.end() - n.scale, '.');
    }
    return (n.sign ? "" : "-") + digits;
}

} // namespace

std::vector<SQLUSMALLINT> data_at_exec_parameters(Stmt& stmt, int count) {
    std::vector<SQLUSMALLINT> out;
    for (int i = 1; i <= count; ++i) {
        if (std::size_t(i) >= stmt.apd->records.size()) break;
        const auto& r = stmt.apd->records[i];
        SQLLEN* ind = r.indicator_ptr;
        if (ind && stmt.apd->bind_offset_ptr)
            ind = reinterpret_cast<SQLLEN*>(reinterpret_cast<char*>(ind) + *stmt.apd->bind_offset_ptr);
        if (is_data_at_exec(ind)) out.push_back(SQLUSMALLINT(i));
    }
    return out;
}

engine::ParameterValues read_parameters(Stmt& stmt, int count, SQLULEN row) {
    engine::ParameterValues values(static_cast<std::size_t>(count));
    const Desc& apd = *stmt.apd;
    const SQLLEN offset = apd.bind_offset_ptr ? *apd.bind_offset_ptr : 0;
    for (int i = 1; i <= count; ++i) {
        if (std::size_t(i) >= apd.records.size() || !apd.records[i].bound())
            throw engine::Error("07002", "parameter " + std::to_string(i) + " of " + std::to_string(count) +
                                             " is not bound; call SQLBindParameter for every ? marker");
        const DescRecord& r = apd.records[i];
        const std::size_t element = apd.bind_type == SQL_BIND_BY_COLUMN ? std::size_t(r.octet_length) : apd.bind_type;
        char* data = r.data_ptr ? static_cast<char*>(r.data_ptr) + offset + row * element : nullptr;
        const SQLLEN* ind = r.indicator_ptr
                                ? reinterpret_cast<const SQLLEN*>(reinterpret_cast<const char*>(r.indicator_ptr) + offset +
                                                                  row * (apd.bind_type == SQL_BIND_BY_COLUMN ? sizeof(SQLLEN) : apd.bind_type))
                                : nullptr;
        const SQLLEN* len = r.octet_length_ptr
                                ? reinterpret_cast<const SQLLEN*>(reinterpret_cast<const char*>(r.octet_length_ptr) + offset +
                                                                  row * (apd.bind_type == SQL_BIND_BY_COLUMN ? sizeof(SQLLEN) : apd.bind_type))
                                : nullptr;
        auto& v = values[std::size_t(i - 1)].literal;
        if (ind && *ind == SQL_NULL_DATA) continue;
        if (is_data_at_exec(ind)) {
            std::size_t k = 0;
            while (k < stmt.pending_data.size() && stmt.pending_data[k] != i) ++k;
            if (k < stmt.put_data.size()) v = stmt.put_data[k];
            continue;
        }
        if (!data) continue;
        SQLLEN length = len ? *len : SQL_NTS;
        switch (r.concise_type) {
        case SQL_C_CHAR:
            v = length == SQL_NTS ? std::string(data)
                                  : std::string(data, std::size_t(std::max<SQLLEN>(length, 0)));
            break;
        case SQL_C_WCHAR:
            v = from_wide(reinterpret_cast<const SQLWCHAR*>(data),
                          length == SQL_NTS ? SQL_NTS : length / SQLLEN(sizeof(SQLWCHAR)));
            break;
        case SQL_C_BINARY:
            v = std::string(data, std::size_t(std::max<SQLLEN>(length, 0)));
            break;
        case SQL_C_SLONG: case SQL_C_LONG: v = std::int64_t(read<SQLINTEGER>(data)); break;
        case SQL_C_ULONG: v = std::int64_t(read<SQLUINTEGER>(data)); break;
        case SQL_C_SSHORT: case SQL_C_SHORT: v = std::int64_t(read<SQLSMALLINT>(data)); break;
        case SQL_C_USHORT: v = std::int64_t(read<SQLUSMALLINT>(data)); break;
        case SQL_C_STINYINT: case SQL_C_TINYINT: v = std::int64_t(read<SQLSCHAR>(data)); break;
        case SQL_C_UTINYINT: case SQL_C_BIT: v = std::int64_t(read<SQLCHAR>(data)); break;
        case SQL_C_SBIGINT: v = std::int64_t(read<SQLBIGINT>(data)); break;
        case SQL_C_UBIGINT: v = std::int64_t(read<SQLUBIGINT>(data)); break;
        case SQL_C_DOUBLE: v = read<SQLDOUBLE>(data); break;
        case SQL_C_FLOAT: v = double(read<SQLREAL>(data)); break;
        case SQL_C_NUMERIC: v = std::strtod(numeric_text(read<SQL_NUMERIC_STRUCT>(data)).c_str(), nullptr); break;
        case SQL_C_TYPE_DATE: case SQL_C_DATE: {
            auto d = read<SQL_DATE_STRUCT>(data);
            char b[64];
            std::snprintf(b, sizeof b, "%04d-%02u-%02u", d.year, d.month, d.day);
            v = std::string(b);
            break;
        }
        case SQL_C_TYPE_TIME: case SQL_C_TIME: {
            auto t = read<SQL_TIME_STRUCT>(data);
            char b[64];
            std::snprintf(b, sizeof b, "%02u:%02u:%02u", t.hour, t.minute, t.second);
            v = std::string(b);
            break;
        }
        case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: {
            auto t = read<SQL_TIMESTAMP_STRUCT>(data);
            char b[64];
            std::snprintf(b, sizeof b, "%04d-%02u-%02u %02u:%02u:%02u", t.year, t.month, t.day, t.hour, t.minute,
                          t.second);
            v = std::string(b);
            break;
        }
        default:
            throw engine::Error("HY003", "parameter " + std::to_string(i) + " has the C type " +
                                             std::to_string(r.concise_type) + ", which the driver cannot read");
        }
    }
    return values;
}

} // namespace tb::driver
