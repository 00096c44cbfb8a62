#include "api/failure.hpp"

#include <algorithm>

#include "api/response_text.hpp"

namespace tb::api::detail {

FailureKind classify(CURLcode code, bool request_started) {
    switch (code) {
    case CURLE_OK:
        return FailureKind::None;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return FailureKind::Resolve;
    case CURLE_COULDNT_CONNECT:
        return FailureKind::Connect;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
        return FailureKind::Tls;
    case CURLE_OPERATION_TIMEDOUT:
        // A timeout while connecting or in the TLS handshake left nothing on
        // the wire: reporting it as "outcome unknown" would be wrong, and a
        // write may safely be tried again.
        return request_started ? FailureKind::Timeout : FailureKind::Connect;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
        return FailureKind::Transfer;
    default:
        return FailureKind::Other;
    }
}

bool may_retry(const Request& request, const Outcome& outcome) {
    if (request.is_write)
        return outcome.failure == FailureKind::Connect;
    switch (outcome.failure) {
    case FailureKind::Connect:
    case FailureKind::Transfer:
    case FailureKind::Timeout:
        return true;
    case FailureKind::None: {
        const long s = outcome.response.status;
        return s == 429 || s == 500 || s == 502 || s == 503 || s == 504;
    }
    default:
        return false;
    }
}

std::optional<std::chrono::system_clock::time_point> retry_time(const std::string& value) {
    if (value.empty())
        return std::nullopt;
    const auto now = std::chrono::system_clock::now();
    if (value.find_first_not_of("0123456789") == std::string::npos) {
        if (value.size() > 9)  // over 30 years: no wait worth keeping
            return now + std::chrono::hours(24 * 365 * 30);
        return now + std::chrono::seconds(std::stol(value));
    }
    const time_t when = curl_getdate(value.c_str(), nullptr);
    if (when == -1)
        return std::nullopt;
    return std::chrono::system_clock::from_time_t(when);
}

std::chrono::milliseconds backoff(int retry) {
    long ms = 100;
    for (int i = 1; i < retry && ms < 2000; ++i)
        ms *= 3;
    return std::chrono::milliseconds(std::min(ms, 2000L));
}

std::string scrub(std::string text, std::string_view secret) {
    const std::string secrets[] = {std::string(secret)};
    return scrub_secrets(std::move(text), secrets);
}

const char* failure_name(FailureKind kind) {
    switch (kind) {
    case FailureKind::None: return "none";
    case FailureKind::Resolve: return "resolve";
    case FailureKind::Connect: return "connect";
    case FailureKind::Tls: return "tls";
    case FailureKind::Timeout: return "timeout";
    case FailureKind::Transfer: return "transfer";
    case FailureKind::Other: return "other";
    }
    return "other";
}

} // namespace tb::api::detail
