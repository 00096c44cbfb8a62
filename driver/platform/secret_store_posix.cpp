// POSIX half of the secret store (secret_store.hpp): no DPAPI here, so a DSN
// stores its token as given; a value protected on Windows (a copied registry
// export) is refused with advice instead of being sent as a token.
#include "driver/platform/secret_store.hpp"

#include "engine/error.hpp"

namespace tb::driver::platform {

bool is_protected(std::string_view stored) { return stored.starts_with("dpapi:"); }

std::string protect_token(std::string_view token, SecretScope) { return std::string(token); }

std::string reveal_token(std::string_view stored, std::string_view key) {
    if (is_protected(stored))
        throw engine::Error("08001", "the DSN's " + std::string(key) +
                                         " was protected by Windows (DPAPI) and cannot be read on this system; "
                                         "set " + std::string(key) + " in the DSN or the connection string again");
    return std::string(stored);
}

} // namespace tb::driver::platform
