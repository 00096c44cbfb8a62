// SHA-256 as lowercase hex: one seam, one file per platform (OpenSSL's
// libcrypto on POSIX, Windows' CNG in sha256_windows.cpp).
#pragma once

#include <string>
#include <string_view>

namespace tb::engine::platform {

std::string sha256_hex(std::string_view text);

} // namespace tb::engine::platform
