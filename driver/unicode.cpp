#include "driver/unicode.hpp"

namespace tb::driver {
namespace {

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

// Decodes one code point; invalid sequences yield U+FFFD and consume one byte.
char32_t next_code_point(std::string_view text, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    auto cont = [&](std::size_t k) {
        return i + k < text.size() && (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    };
    auto byte = [&](std::size_t k) { return char32_t(static_cast<unsigned char>(text[i + k]) & 0x3F); };
    if (b0 < 0x80) { i += 1; return b0; }
    if ((b0 & 0xE0) == 0xC0 && b0 >= 0xC2 && cont(1)) {
        char32_t c = (char32_t(b0 & 0x1F) << 6) | byte(1);
        i += 2;
        return c;
    }
    if ((b0 & 0xF0) == 0xE0 && cont(1) && cont(2)) {
        char32_t c = (char32_t(b0 & 0x0F) << 12) | (byte(1) << 6) | byte(2);
        if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) { i += 3; return c; }
    }
    if ((b0 & 0xF8) == 0xF0 && cont(1) && cont(2) && cont(3)) {
        char32_t c = (char32_t(b0 & 0x07) << 18) | (byte(1) << 12) | (byte(2) << 6) | byte(3);
        if (c >= 0x10000 && c <= 0x10FFFF) { i += 4; return c; }
    }
    i += 1;
    return 0xFFFD;
}

} // namespace

std::string from_wide(const SQLWCHAR* text, SQLLEN length) {
    std::string out;
    if (!text) return out;
    if (length == SQL_NTS) {
        length = 0;
        while (text[length]) ++length;
    }
    if (length < 0) return out;
    out.reserve(std::size_t(length));
    for (SQLLEN i = 0; i < length; ++i) {
        char32_t c = text[i];
        if constexpr (sizeof(SQLWCHAR) == 2) {
            if (c >= 0xD800 && c <= 0xDBFF && i + 1 < length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF) {
                c = 0x10000 + ((c - 0xD800) << 10) + (char32_t(text[i + 1]) - 0xDC00);
                ++i;
            } else if (c >= 0xD800 && c <= 0xDFFF) {
                c = 0xFFFD;
            }
        }
        append_utf8(out, c);
    }
    return out;
}

std::string from_narrow(const SQLCHAR* text, SQLLEN length) {
    if (!text) return {};
    if (length == SQL_NTS) return std::string(reinterpret_cast<const char*>(text));
    if (length < 0) return {};
    return std::string(reinterpret_cast<const char*>(text), std::size_t(length));
}

std::basic_string<SQLWCHAR> to_wide(std::string_view utf8) {
    std::basic_string<SQLWCHAR> out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        if (b < 0x80) {   // ASCII fast path
            out.push_back(SQLWCHAR(b));
            ++i;
            continue;
        }
        char32_t c = next_code_point(utf8, i);
        if (sizeof(SQLWCHAR) == 2 && c >= 0x10000) {
            c -= 0x10000;
            out.push_back(SQLWCHAR(0xD800 + (c >> 10)));
            out.push_back(SQLWCHAR(0xDC00 + (c & 0x3FF)));
        } else {
            out.push_back(SQLWCHAR(c));
        }
    }
    return out;
}

std::size_t wide_length(std::string_view utf8) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        char32_t c = static_cast<unsigned char>(utf8[i]) < 0x80 ? char32_t(utf8[i++]) : next_code_point(utf8, i);
        n += (sizeof(SQLWCHAR) == 2 && c >= 0x10000) ? 2 : 1;
    }
    return n;
}

} // namespace tb::driver
