// Output strings of entry points: copy, terminate, report the full length,
// and say whether the text was truncated (the caller adds 01004).
#pragma once

#include <cstring>
#include <limits>
#include <string_view>

#include "driver/odbc.hpp"
#include "driver/unicode.hpp"

namespace tb::driver {

// Stores a full length in the application's length type. A length the type
// cannot hold (above 32,767 in an SQLSMALLINT) is clamped to the largest
// whole number of units it can, and reported as truncation (01004): a
// wrapped, negative length made clients fail (pyodbc's SystemError).
template <class LengthT>
bool store_length(std::size_t full, LengthT* length_out, std::size_t unit = 1) {
    constexpr auto max = std::size_t(std::numeric_limits<LengthT>::max());
    if (full <= max) {
        if (length_out) *length_out = static_cast<LengthT>(full);
        return false;
    }
    if (length_out) *length_out = static_cast<LengthT>(max / unit * unit);
    return true;
}

// buffer_length in bytes; *length_out receives the full length in bytes.
template <class LengthT>
bool write_narrow(std::string_view text, SQLPOINTER buffer, SQLLEN buffer_length, LengthT* length_out) {
    const bool clamped = store_length(text.size(), length_out);
    if (!buffer || buffer_length <= 0) return clamped || (!text.empty() && buffer != nullptr);
    const std::size_t room = std::size_t(buffer_length) - 1;
    std::size_t n = std::min(room, text.size());
    // Never cut a UTF-8 sequence in half.
    if (n < text.size())
        while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    std::memcpy(buffer, text.data(), n);
    static_cast<char*>(buffer)[n] = '\0';
    return clamped || n < text.size();
}

// buffer_chars in SQLWCHAR units; *length_out in units (chars) or bytes.
template <class LengthT>
bool write_wide(std::string_view text, SQLPOINTER buffer, SQLLEN buffer_chars, LengthT* length_out,
                bool length_in_bytes = false) {
    const auto wide = to_wide(text);
    const std::size_t unit = length_in_bytes ? sizeof(SQLWCHAR) : 1;
    const bool clamped = store_length(wide.size() * unit, length_out, unit);
    if (!buffer || buffer_chars <= 0) return clamped || (!wide.empty() && buffer != nullptr);
    const std::size_t room = std::size_t(buffer_chars) - 1;
    std::size_t n = std::min(room, wide.size());
    if (n < wide.size() && sizeof(SQLWCHAR) == 2 && n > 0 && wide[n - 1] >= 0xD800 && wide[n - 1] <= 0xDBFF) --n;
    auto* out = static_cast<SQLWCHAR*>(buffer);
    std::memcpy(out, wide.data(), n * sizeof(SQLWCHAR));
    out[n] = 0;
    return clamped || n < wide.size();
}

} // namespace tb::driver
