#include "api/platform/tls_proxy.hpp"

#include <windows.h>
#include <winhttp.h>

#include <optional>

#include "api/proxy_choice_cache.hpp"

namespace tb::api::platform {
namespace {

std::wstring widen(const std::string& utf8) {
    if (utf8.empty()) return {};
    int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), int(utf8.size()), nullptr, 0);
    std::wstring out(n, L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8.data(), int(utf8.size()), out.data(), n);
    return out;
}

std::string narrow(const wchar_t* wide) {
    if (!wide || !*wide) return {};
    int n = WideCharToMultiByte(CP_UTF8, 0, wide, -1, nullptr, 0, nullptr, nullptr);
    std::string out(n > 0 ? n - 1 : 0, '\0');
    WideCharToMultiByte(CP_UTF8, 0, wide, -1, out.data(), n, nullptr, nullptr);
    return out;
}

struct SystemProxy {
    std::string proxy;     // "host:port" or "http=host:port;https=host:port"; "" = direct
    std::string bypass;    // WinHTTP's list: "*.corp;<local>;10.*"
};

// WinHTTP's proxy list may name one proxy per scheme ("http=a:80;https=b:8080")
// or several separated by ';' or ' ': the first that applies to HTTPS wins.
std::string https_proxy_of(const std::string& list) {
    std::string fallback;
    size_t start = 0;
    while (start < list.size()) {
        size_t end = list.find_first_of("; ", start);
        if (end == std::string::npos) end = list.size();
        std::string item = list.substr(start, end - start);
        start = end + 1;
        if (item.empty()) continue;
        const auto eq = item.find('=');
        if (eq == std::string::npos) {
            if (fallback.empty()) fallback = item;
        } else if (item.compare(0, eq, "https") == 0) {
            return item.substr(eq + 1);
        }
    }
    return fallback;
}

// libcurl's NOPROXY takes comma-separated host names and suffixes; WinHTTP's
// "<local>" (names without a dot) has no equivalent and "*.corp" is ".corp".
std::string curl_no_proxy_of(const std::string& bypass) {
    std::string out;
    size_t start = 0;
    while (start < bypass.size()) {
        size_t end = bypass.find_first_of("; ", start);
        if (end == std::string::npos) end = bypass.size();
        std::string item = bypass.substr(start, end - start);
        start = end + 1;
        if (item.empty() || item == "<local>") continue;
        if (item.rfind("*.", 0) == 0) item.erase(0, 1);
        if (!out.empty()) out += ',';
        out += item;
    }
    return out;
}

// What WinHTTP's automatic configuration (auto-detect or a PAC script)
// chooses for `url`; resolved = false when it gave no answer. Slow (WPAD
// discovery), so kept per process for a few minutes (api/proxy_choice_cache).
ProxyChoice automatic_choice(const WINHTTP_CURRENT_USER_IE_PROXY_CONFIG& ie, const std::string& url) {
    static ProxyChoiceCache cache;
    const std::string key =
        ProxyChoiceCache::key_of(ie.lpszAutoConfigUrl ? "pac:" + narrow(ie.lpszAutoConfigUrl) : "auto-detect", url);
    const auto now = ProxyChoiceCache::Clock::now();
    if (auto known = cache.find(key, now)) return *known;

    ProxyChoice choice;
    choice.resolved = false;
    HINTERNET session = WinHttpOpen(L"TimebutlerODBC", WINHTTP_ACCESS_TYPE_NO_PROXY, WINHTTP_NO_PROXY_NAME,
                                    WINHTTP_NO_PROXY_BYPASS, 0);
    if (session) {
        WINHTTP_AUTOPROXY_OPTIONS options{};
        if (ie.lpszAutoConfigUrl) {
            options.dwFlags = WINHTTP_AUTOPROXY_CONFIG_URL;
            options.lpszAutoConfigUrl = ie.lpszAutoConfigUrl;
        } else {
            options.dwFlags = WINHTTP_AUTOPROXY_AUTO_DETECT;
            options.dwAutoDetectFlags = WINHTTP_AUTO_DETECT_TYPE_DHCP | WINHTTP_AUTO_DETECT_TYPE_DNS_A;
        }
        options.fAutoLogonIfChallenged = TRUE;
        WINHTTP_PROXY_INFO info{};
        const std::wstring wide_url = widen(url);
        if (WinHttpGetProxyForUrl(session, wide_url.c_str(), &options, &info)) {
            choice.resolved = true;
            if (info.dwAccessType == WINHTTP_ACCESS_TYPE_NAMED_PROXY) {
                choice.proxy = https_proxy_of(narrow(info.lpszProxy));
                choice.bypass = narrow(info.lpszProxyBypass);
            }
            if (info.lpszProxy) GlobalFree(info.lpszProxy);
            if (info.lpszProxyBypass) GlobalFree(info.lpszProxyBypass);
        }
        WinHttpCloseHandle(session);
    }
    cache.store(key, choice, now);
    return choice;
}

// The signed-in user's proxy settings (Internet Options), resolved for `url`:
// auto-detect (WPAD) and a PAC script through WinHttpGetProxyForUrl, else the
// static proxy and its bypass list. The settings themselves are read for
// every transfer (a registry read), so a change applies to the next request.
SystemProxy system_proxy_for(const std::string& url) {
    SystemProxy result;
    WINHTTP_CURRENT_USER_IE_PROXY_CONFIG ie{};
    if (!WinHttpGetIEProxyConfigForCurrentUser(&ie)) return result;
    std::optional<ProxyChoice> automatic;
    if (ie.fAutoDetect || ie.lpszAutoConfigUrl) automatic = automatic_choice(ie, url);
    if (automatic && automatic->resolved) {
        result.proxy = automatic->proxy;
        result.bypass = automatic->bypass;
    } else {
        // Auto-detection found nothing: the static setting, if any, applies.
        result.proxy = https_proxy_of(narrow(ie.lpszProxy));
        result.bypass = narrow(ie.lpszProxyBypass);
    }
    if (ie.lpszAutoConfigUrl) GlobalFree(ie.lpszAutoConfigUrl);
    if (ie.lpszProxy) GlobalFree(ie.lpszProxy);
    if (ie.lpszProxyBypass) GlobalFree(ie.lpszProxyBypass);
    return result;
}

} // namespace

CURLcode apply_tls_and_proxy(CURL* easy, const ClientConfig& config, const std::string& url,
                             std::string& proxy_used) {
    CURLcode rc = CURLE_OK;
    auto set = [&](CURLoption option, auto value) {
        if (rc == CURLE_OK) rc = curl_easy_setopt(easy, option, value);
    };
    // No CAFile: Schannel verifies against the Windows certificate store (a
    // company's TLS-inspecting proxy root included). CAFile: only that PEM.
    if (!config.ca_file.empty()) set(CURLOPT_CAINFO, config.ca_file.c_str());
    // Revocation: best effort (an unreachable CRL/OCSP server is no error),
    // or off for networks that block CRL/OCSP (CheckRevocation=no).
    set(CURLOPT_SSL_OPTIONS, config.check_revocation ? long(CURLSSLOPT_REVOKE_BEST_EFFORT) : long(CURLSSLOPT_NO_REVOKE));

    std::string proxy = config.proxy, no_proxy = config.no_proxy;
    if (proxy.empty()) {
        const SystemProxy system = system_proxy_for(url);
        proxy = system.proxy;
        if (no_proxy.empty()) no_proxy = curl_no_proxy_of(system.bypass);
    }
    // Without an explicit proxy libcurl would read https_proxy from the
    // environment, which Windows users do not set: "" means direct.
    set(CURLOPT_PROXY, proxy.c_str());
    if (!no_proxy.empty()) set(CURLOPT_NOPROXY, no_proxy.c_str());
    if (!proxy.empty()) {
        // Proxy authentication as the signed-in user through SSPI.
        set(CURLOPT_PROXYAUTH, long(CURLAUTH_NTLM | CURLAUTH_NEGOTIATE));
        set(CURLOPT_PROXYUSERPWD, ":");
    }
    proxy_used = proxy;
    return rc;
}

} // namespace tb::api::platform
