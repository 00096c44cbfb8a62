#include "engine/platform/sha256.hpp"

#include <openssl/sha.h>

namespace tb::engine::platform {

std::string sha256_hex(std::string_view text) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
    return digest_hex(digest);
}

} // namespace tb::engine::platform
