// How a DSN keeps its tokens and password (the keys of is_secret_key in
// connection_string.hpp: Token, PersonnelToken, PWD, Password): one seam, one
// file per platform (secret_store_posix.cpp, secret_store_windows.cpp).
// "token" below stands for any of them.
//   Windows: DPAPI (CryptProtectData). A user DSN's token is bound to the
//            user, a system DSN's to the machine (CRYPTPROTECT_LOCAL_MACHINE),
//            so a service account such as the Power BI gateway's can read it.
//            The stored value is "dpapi:" followed by the base64 blob.
//   POSIX:   unixODBC keeps DSNs in odbc.ini files; the token is stored as
//            given (the file's permissions protect it), as before.
// A token typed into a connection string never passes through here.
#pragma once

#include <string>
#include <string_view>

namespace tb::driver::platform {

enum class SecretScope { User, Machine };

// The form in which a DSN stores `token` (empty stays empty).
std::string protect_token(std::string_view token, SecretScope scope);

// The token a DSN value stands for: a protected value is unprotected, any
// other value is the token itself. Throws engine::Error (08001, naming
// `key`) when a protected value cannot be read here (another user, another
// machine, or a platform without DPAPI).
std::string reveal_token(std::string_view stored, std::string_view key);

// Whether a stored DSN value is in the protected form.
bool is_protected(std::string_view stored);

} // namespace tb::driver::platform
