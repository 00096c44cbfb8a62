// SHA-256 as lowercase hex: one seam, one file per platform (OpenSSL's
// libcrypto on POSIX, Windows' CNG in sha256_windows.cpp).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace tb::engine::platform {

std::string sha256_hex(std::string_view text);

// A digest as lowercase hex, for both halves of the seam.
inline std::string digest_hex(std::span<const unsigned char> digest) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(digest.size() * 2);
    for (unsigned char b : digest) {
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out;
}

} // namespace tb::engine::platform
