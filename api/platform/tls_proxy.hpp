// How one transfer reaches the server: the TLS trust and revocation options
// and the proxy. One seam, one file per platform:
//   tls_proxy_posix.cpp   - OpenSSL's store or CAFile; Proxy/NoProxy keys, else
//                           libcurl's usual https_proxy/no_proxy environment
//   tls_proxy_windows.cpp - Schannel with the Windows certificate store or
//                           CAFile, best-effort revocation (CheckRevocation=no
//                           turns it off), the chain checked again against the
//                           store before a byte is sent (server_trust_windows.cpp);
//                           Proxy/NoProxy keys, else the system
//                           proxy through WinHTTP (static, bypass list,
//                           auto-detect/PAC), authenticated as the signed-in
//                           user (NTLM/Negotiate)
#pragma once

#include <curl/curl.h>

#include <string>

#include "api/client.hpp"

namespace tb::api::platform {

// Sets the options on a transfer to `url`; returns the first libcurl error.
// `proxy_used` receives the proxy chosen ("" = direct) so a failure to reach
// it can name it.
CURLcode apply_tls_and_proxy(CURL* easy, const ClientConfig& config, const std::string& url,
                             std::string& proxy_used);

// Called once the connection is up and before the request (which carries the
// token) is sent: "" when the server may be talked to, else why it may not.
// POSIX: OpenSSL verified the chain in the handshake; nothing to add.
// Windows, verifying with no CAFile: the server's chain must satisfy
// Windows' SSL policy against the certificate store (see server_trust_windows.cpp).
std::string refuse_untrusted_server(CURL* easy, const ClientConfig& config);

} // namespace tb::api::platform
