#include "api/platform/tls_proxy.hpp"

#include <cstdlib>

namespace tb::api::platform {
namespace {

// The proxy libcurl takes from the environment when no Proxy key is set
// (it reads https_proxy/HTTPS_PROXY/all_proxy itself; this only names it).
std::string environment_proxy() {
    for (const char* name : {"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
        if (const char* v = std::getenv(name); v && *v) return v;
    return {};
}

} // namespace

CURLcode apply_tls_and_proxy(CURL* easy, const ClientConfig& config, const std::string& url,
                             std::string& proxy_used) {
    CURLcode rc = CURLE_OK;
    if (!config.ca_file.empty()) rc = curl_easy_setopt(easy, CURLOPT_CAINFO, config.ca_file.c_str());
    if (rc == CURLE_OK && !config.proxy.empty()) rc = curl_easy_setopt(easy, CURLOPT_PROXY, config.proxy.c_str());
    if (rc == CURLE_OK && !config.no_proxy.empty())
        rc = curl_easy_setopt(easy, CURLOPT_NOPROXY, config.no_proxy.c_str());
    proxy_used = config.proxy.empty() ? environment_proxy() : config.proxy;
    return rc;
}

std::string refuse_untrusted_server(CURL*, const ClientConfig&) { return {}; }

} // namespace tb::api::platform
