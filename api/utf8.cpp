#include <cstdint>
#include <cstring>

#include "api/csv.hpp"

namespace tb::api {

namespace {

// Length of the well-formed UTF-8 sequence at s (Unicode table 3-7), or 0
// when it is ill-formed; `valid` then tells how many of its bytes form the
// maximal valid prefix, which is replaced by a single U+FFFD (the Unicode
// "maximal subpart" practice, also what browsers and ICU do).
std::size_t sequence(const unsigned char* s, std::size_t left, std::size_t& valid) {
    const unsigned char c = s[0];
    std::size_t need;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (c < 0x80) {
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c == 0xE0) {
        need = 3, lo = 0xA0;              // no overlongs
    } else if (c == 0xED) {
        need = 3, hi = 0x9F;              // no surrogates
    } else if (c >= 0xE1 && c <= 0xEF) {
        need = 3;
    } else if (c == 0xF0) {
        need = 4, lo = 0x90;              // no overlongs
    } else if (c >= 0xF1 && c <= 0xF3) {
        need = 4;
    } else if (c == 0xF4) {
        need = 4, hi = 0x8F;              // nothing above U+10FFFF
    } else {
        valid = 1;                        // 0x80..0xC1, 0xF5..0xFF
        return 0;
    }
    valid = 1;
    for (std::size_t i = 1; i < need; ++i) {
        if (i >= left)
            return 0;                     // truncated at the end
        const unsigned char b = s[i];
        const bool ok = i == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
        if (!ok)
            return 0;
        valid = i + 1;
    }
    return need;
}

// Skips ASCII eight bytes at a time: most of a Timebutler response is ASCII.
std::size_t ascii_prefix(const unsigned char* s, std::size_t n, std::size_t i) {
    while (i + 8 <= n) {
        std::uint64_t word;
        std::memcpy(&word, s + i, 8);
        if (word & 0x8080808080808080ull)
            break;
        i += 8;
    }
    while (i < n && s[i] < 0x80)
        ++i;
    return i;
}

} // namespace

bool is_valid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    for (;;) {
        i = ascii_prefix(s, n, i);
        if (i >= n)
            return true;
        std::size_t valid = 0;
        const std::size_t len = sequence(s + i, n - i, valid);
        if (len == 0)
            return false;
        i += len;
    }
}

std::string repair_utf8(std::string_view text) {
    if (is_valid_utf8(text))
        return std::string(text);
    static constexpr char replacement[] = "\xEF\xBF\xBD";
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::string out;
    out.reserve(n + 8);
    std::size_t i = 0;
    while (i < n) {
        const std::size_t ascii_end = ascii_prefix(s, n, i);
        out.append(text.data() + i, ascii_end - i);
        i = ascii_end;
        if (i >= n)
            break;
        std::size_t valid = 0;
        const std::size_t len = sequence(s + i, n - i, valid);
        if (len) {
            out.append(text.data() + i, len);
            i += len;
        } else {
            out.append(replacement, 3);
            i += valid;
        }
    }
    return out;
}

} // namespace tb::api
