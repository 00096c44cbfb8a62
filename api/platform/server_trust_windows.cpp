// The server's certificate chain checked against the Windows certificate
// store by the SSL policy (CertVerifyCertificateChainPolicy), once the TLS
// connection is up and before the request is sent.
//
// Why on top of Schannel's own check: libcurl leaves the check to Schannel
// when no CAFile is given (SCH_CRED_AUTO_CRED_VALIDATION), and an
// implementation that skips it - Wine's does - would hand the token to any
// server. The same check the way Windows' own HTTP stacks make it costs a
// chain build per request (the chain engine caches it) and makes "a server
// the store does not trust is refused" hold wherever the DLL runs. With a
// CAFile libcurl checks the chain against that file itself.
#include "api/platform/tls_proxy.hpp"

#include <windows.h>
#define SECURITY_WIN32
#include <security.h>
#include <schannel.h>
#include <wincrypt.h>

#include <cstdio>
#include <string>

namespace tb::api::platform {
namespace {

// The host the request goes to, as the certificate must name it.
std::wstring host_of(CURL* easy) {
    char* url = nullptr;
    if (curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &url) != CURLE_OK || !url) return {};
    CURLU* parsed = curl_url();
    if (!parsed) return {};
    std::wstring host;
    char* name = nullptr;
    if (curl_url_set(parsed, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(parsed, CURLUPART_HOST, &name, 0) == CURLUE_OK && name) {
        const int n = MultiByteToWideChar(CP_UTF8, 0, name, -1, nullptr, 0);
        if (n > 1) {
            host.resize(n - 1);
            MultiByteToWideChar(CP_UTF8, 0, name, -1, host.data(), n);
        }
        // An IPv6 literal is named without its brackets in a certificate.
        if (host.size() > 2 && host.front() == L'[' && host.back() == L']') host = host.substr(1, host.size() - 2);
    }
    curl_free(name);
    curl_url_cleanup(parsed);
    return host;
}

// What a policy error means, in words a user can act on.
std::string reason_of(DWORD error) {
    switch (static_cast<HRESULT>(error)) {
    case CERT_E_UNTRUSTEDROOT:
        return "its chain ends in a root the Windows certificate store does not trust";
    case CERT_E_CHAINING: return "its chain could not be built up to a trusted root";
    case CERT_E_EXPIRED: return "it (or one above it) has expired or is not yet valid";
    case CERT_E_CN_NO_MATCH: return "it does not name the server's host";
    case CERT_E_WRONG_USAGE: return "it is not meant for a TLS server";
    case CERT_E_REVOKED: return "it was revoked";
    default: break;
    }
    char code[16];
    std::snprintf(code, sizeof code, "0x%08lX", static_cast<unsigned long>(error));
    return std::string("its chain failed Windows' SSL policy (") + code + ")";
}

} // namespace

std::string refuse_untrusted_server(CURL* easy, const ClientConfig& config) {
    if (!config.verify_peer || !config.ca_file.empty()) return {};
    // Plain HTTP (allowed only to a loopback server under test) has no TLS.
    const char* scheme = nullptr;
    if (curl_easy_getinfo(easy, CURLINFO_SCHEME, &scheme) == CURLE_OK && scheme && _stricmp(scheme, "http") == 0)
        return {};
    const curl_tlssessioninfo* tls = nullptr;
    if (curl_easy_getinfo(easy, CURLINFO_TLS_SSL_PTR, &tls) != CURLE_OK || !tls || tls->backend != CURLSSLBACKEND_SCHANNEL ||
        !tls->internals)
        return "Windows' certificate check: the TLS connection could not be inspected";
    auto* context = static_cast<CtxtHandle*>(tls->internals);
    PCCERT_CONTEXT certificate = nullptr;
    if (QueryContextAttributesW(context, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &certificate) != SEC_E_OK || !certificate)
        return "Windows' certificate check: the server sent no certificate";

    std::string refusal;
    LPSTR server_auth[] = {const_cast<LPSTR>(szOID_PKIX_KP_SERVER_AUTH)};
    CERT_CHAIN_PARA chain_para{};
    chain_para.cbSize = sizeof chain_para;
    chain_para.RequestedUsage.dwType = USAGE_MATCH_TYPE_OR;
    chain_para.RequestedUsage.Usage.cUsageIdentifier = 1;
    chain_para.RequestedUsage.Usage.rgpszUsageIdentifier = server_auth;
    PCCERT_CHAIN_CONTEXT chain = nullptr;
    // No revocation check here: Schannel makes it (best effort, or not with
    // CheckRevocation=no) and this check must not contradict that choice.
    if (!CertGetCertificateChain(nullptr, certificate, nullptr, certificate->hCertStore, &chain_para, 0, nullptr,
                                 &chain)) {
        refusal = "its chain could not be built";
    } else {
        std::wstring host = host_of(easy);
        HTTPSPolicyCallbackData https{};
        https.cbStruct = sizeof https;
        https.dwAuthType = AUTHTYPE_SERVER;
        https.pwszServerName = host.data();
        CERT_CHAIN_POLICY_PARA policy{};
        policy.cbSize = sizeof policy;
        policy.dwFlags = CERT_CHAIN_POLICY_IGNORE_ALL_REV_UNKNOWN_FLAGS;
        policy.pvExtraPolicyPara = &https;
        CERT_CHAIN_POLICY_STATUS status{};
        status.cbSize = sizeof status;
        if (!CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL, chain, &policy, &status))
            refusal = "Windows' SSL policy could not be applied to it";
        else if (status.dwError != 0)
            refusal = reason_of(status.dwError);
        CertFreeCertificateChain(chain);
    }
    CertFreeCertificateContext(certificate);
    if (refusal.empty()) return {};
    return "Windows' certificate check: " + refusal;
}

} // namespace tb::api::platform
