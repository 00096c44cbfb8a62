// How one transfer reaches the server: the TLS trust and revocation options
// and the proxy. One seam, one file per platform:
//   tls_proxy_posix.cpp   - OpenSSL's store or CAFile; Proxy/NoProxy keys, else
//                           libcurl's usual https_proxy/no_proxy environment
//   tls_proxy_windows.cpp - Schannel with the Windows certificate store or
//                           CAFile, best-effort revocation (CheckRevocation=no
//                           turns it off); Proxy/NoProxy keys, else the system
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

} // namespace tb::api::platform
