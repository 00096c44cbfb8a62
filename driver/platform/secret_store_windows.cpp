// Windows half of the secret store (secret_store.hpp): DPAPI. The blob says
// which scope protected it, so CryptUnprotectData needs no scope to read it.
#include "driver/platform/secret_store.hpp"

#include <windows.h>
#include <wincrypt.h>

#include <memory>

#include "engine/error.hpp"

namespace tb::driver::platform {
namespace {

constexpr std::string_view kPrefix = "dpapi:";

// Extra entropy: another program of the same user that calls
// CryptUnprotectData on the value without it gets nothing.
DATA_BLOB entropy() {
    static char text[] = "Timebutler ODBC driver: DSN token";
    return {DWORD(sizeof text - 1), reinterpret_cast<BYTE*>(text)};
}

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(const BYTE* data, std::size_t size) {
    std::string out;
    for (std::size_t i = 0; i < size; i += 3) {
        unsigned n = unsigned(data[i]) << 16;
        if (i + 1 < size) n |= unsigned(data[i + 1]) << 8;
        if (i + 2 < size) n |= unsigned(data[i + 2]);
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += i + 1 < size ? kAlphabet[(n >> 6) & 63] : '=';
        out += i + 2 < size ? kAlphabet[n & 63] : '=';
    }
    return out;
}

bool unbase64(std::string_view text, std::string& out) {
    unsigned n = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=') break;
        const char* p = std::char_traits<char>::find(kAlphabet, 64, c);
        if (!p) return false;
        n = (n << 6) | unsigned(p - kAlphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((n >> bits) & 0xFF);
        }
    }
    return true;
}

struct LocalFreer {
    void operator()(BYTE* p) const { LocalFree(p); }
};

} // namespace

bool is_protected(std::string_view stored) { return stored.starts_with(kPrefix); }

std::string protect_token(std::string_view token, SecretScope scope) {
    if (token.empty()) return {};
    DATA_BLOB in{DWORD(token.size()), reinterpret_cast<BYTE*>(const_cast<char*>(token.data()))};
    DATA_BLOB extra = entropy();
    DATA_BLOB out{};
    DWORD flags = CRYPTPROTECT_UI_FORBIDDEN;
    if (scope == SecretScope::Machine) flags |= CRYPTPROTECT_LOCAL_MACHINE;
    if (!CryptProtectData(&in, L"Timebutler ODBC token", &extra, nullptr, nullptr, flags, &out))
        throw engine::Error("HY000", "Windows could not protect the token (CryptProtectData failed, error " +
                                         std::to_string(GetLastError()) + "); the DSN was not saved");
    std::unique_ptr<BYTE, LocalFreer> blob(out.pbData);
    return std::string(kPrefix) + base64(out.pbData, out.cbData);
}

std::string reveal_token(std::string_view stored, std::string_view key) {
    if (!is_protected(stored)) return std::string(stored);
    std::string bytes;
    const auto fail = [&](const std::string& why) {
        return engine::Error("08001", "the DSN's " + std::string(key) + " cannot be read: " + why + "; enter the " +
                                          std::string(key) + " in the DSN dialog again (ODBC Data Sources)");
    };
    if (!unbase64(stored.substr(kPrefix.size()), bytes) || bytes.empty()) throw fail("the stored value is damaged");
    DATA_BLOB in{DWORD(bytes.size()), reinterpret_cast<BYTE*>(bytes.data())};
    DATA_BLOB extra = entropy();
    DATA_BLOB out{};
    if (!CryptUnprotectData(&in, nullptr, &extra, nullptr, nullptr, CRYPTPROTECT_UI_FORBIDDEN, &out))
        throw fail("Windows refused to unprotect it (error " + std::to_string(GetLastError()) +
                   "; a user DSN's tokens and password are readable only by the user who saved them)");
    std::unique_ptr<BYTE, LocalFreer> blob(out.pbData);
    std::string token(reinterpret_cast<char*>(out.pbData), out.cbData);
    SecureZeroMemory(out.pbData, out.cbData);
    return token;
}

} // namespace tb::driver::platform
