#include "engine/platform/sha256.hpp"

#include <windows.h>
#include <bcrypt.h>

#include "engine/error.hpp"

namespace tb::engine::platform {

std::string sha256_hex(std::string_view text) {
    unsigned char digest[32];
    BCRYPT_ALG_HANDLE algorithm = nullptr;
    BCRYPT_HASH_HANDLE hash = nullptr;
    bool ok = BCryptOpenAlgorithmProvider(&algorithm, BCRYPT_SHA256_ALGORITHM, nullptr, 0) == 0 &&
              BCryptCreateHash(algorithm, &hash, nullptr, 0, nullptr, 0, 0) == 0 &&
              BCryptHashData(hash, reinterpret_cast<PUCHAR>(const_cast<char*>(text.data())), ULONG(text.size()), 0) == 0 &&
              BCryptFinishHash(hash, digest, sizeof digest, 0) == 0;
    if (hash) BCryptDestroyHash(hash);
    if (algorithm) BCryptCloseAlgorithmProvider(algorithm, 0);
    // The digest partitions the cache by token: never fall back to something weaker.
    if (!ok) throw Error("HY000", "cannot compute SHA-256 through Windows CNG (bcrypt)");
    return digest_hex(digest);
}

} // namespace tb::engine::platform
