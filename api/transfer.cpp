#include "api/transfer.hpp"

#include <algorithm>
#include <cstring>
#include <new>
#include <optional>

#include "api/failure.hpp"
#include "api/platform/tls_proxy.hpp"
#include "api/request_body.hpp"

namespace tb::api::detail {

Transfer::~Transfer() {
    // The form body holds the token: do not leave it in freed heap memory.
    volatile char* p = form.data();
    for (std::size_t i = 0; i < form.size(); ++i)
        p[i] = 0;
    if (mime)
        curl_mime_free(mime);
    // The Authorization line holds the bearer token.
    for (curl_slist* h = headers; h; h = h->next)
        for (volatile char* c = h->data; *c; ++c)
            *c = 'x';
    curl_slist_free_all(headers);
}

namespace {

// Callbacks are called from C: nothing may propagate out of them. A failure
// is parked in t.failure and libcurl is told to abort (CURLE_WRITE_ERROR).
size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    t->last_byte = std::chrono::steady_clock::now();
    // libcurl hands over decompressed bytes: a small gzip body can expand
    // without bound, so the cap is checked here and not on Content-Length.
    if (n > t->max_body - std::min(t->max_body, t->body.size())) {
        t->too_large = true;
        return 0;  // CURLE_WRITE_ERROR ends the transfer
    }
    try {
        t->body.append(data, n);
    } catch (...) {
        t->failure = std::current_exception();
        return 0;
    }
    return n;
}

bool starts_with_nocase(const char* text, size_t size, std::string_view prefix) {
    if (size < prefix.size())
        return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i])
            return false;
    }
    return true;
}

// The value of a header line "Name: value\r\n" when its name is `key`
// (given lower-case with the colon).
std::optional<std::string> header_value(const char* data, size_t n, std::string_view key) {
    if (!starts_with_nocase(data, n, key))
        return std::nullopt;
    std::string_view v(data + key.size(), n - key.size());
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
        v.remove_prefix(1);
    while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ' || v.back() == '\t'))
        v.remove_suffix(1);
    return std::string(v.substr(0, 100));
}

// Reserves the body once when the size is announced: a 100 MB worktime
// answer then grows without repeated reallocation and copying. Keeps
// Retry-After for the scheduler.
size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    t->last_byte = std::chrono::steady_clock::now();
    if (auto v = header_value(data, n, "retry-after:"))
        t->retry_after = std::move(*v);
    static constexpr std::string_view key = "content-length:";
    if (starts_with_nocase(data, n, key)) {
        unsigned long long length = 0;
        bool digits = false;
        for (size_t i = key.size(); i < n; ++i) {
            const char c = data[i];
            if (c >= '0' && c <= '9') {
                digits = true;
                length = length * 10 + static_cast<unsigned>(c - '0');
                if (length > (1ull << 40))
                    break;
            } else if (digits || (c != ' ' && c != '\t')) {
                break;
            }
        }
        // A hint only (gzip makes it the compressed size); capped so a bogus
        // header cannot make us allocate a gigantic block up front.
        const unsigned long long cap = std::min<unsigned long long>(1ull << 30, t->max_body);
        try {
            if (digits && length > t->body.capacity())
                t->body.reserve(static_cast<size_t>(std::min(length, cap)));
        } catch (...) {
            t->failure = std::current_exception();
            return 0;
        }
    }
    return n;
}

int on_prereq(void* user, char*, char*, int, int) {
    auto* t = static_cast<Transfer*>(user);
    // The request carries the token: the server is checked before it goes out.
    try {
        t->untrusted = platform::refuse_untrusted_server(t->easy, *t->config);
    } catch (...) {
        t->untrusted = "the certificate check failed";
    }
    if (!t->untrusted.empty())
        return CURL_PREREQFUNC_ABORT;
    t->request_started = true;
    t->last_byte = std::chrono::steady_clock::now();
    return CURL_PREREQFUNC_OK;
}

// The stall check: libcurl calls this about once a second even when no
// data moves. libcurl's own low-speed limit averages over the last five
// seconds, so a stall right after some bytes would be noticed up to six
// seconds late; this ends the attempt when no byte (header or body, counted
// before decompression) arrived for stall_ms since the request went out.
int on_progress(void* user, curl_off_t, curl_off_t received, curl_off_t, curl_off_t) {
    auto* t = static_cast<Transfer*>(user);
    const auto now = std::chrono::steady_clock::now();
    if (received != t->bytes_seen) {
        t->bytes_seen = received;
        t->last_byte = now;
    }
    if (t->stall_ms > 0 && t->request_started && now - t->last_byte >= std::chrono::milliseconds(t->stall_ms)) {
        t->stalled = true;
        return 1;  // CURLE_ABORTED_BY_CALLBACK
    }
    return 0;
}

} // namespace

std::string configure(Transfer& t, CURL* easy, const TransferSettings& settings) {
    const ClientConfig& config = *settings.config;
    const Request& request = *t.request;
    t.easy = easy;
    t.config = &config;
    t.untrusted.clear();
    t.max_body = config.max_answer_bytes;
    curl_easy_reset(easy);

    const bool rest = !request.path.empty();
    const std::string url = rest ? rest_url(config.server, request) : action_url(config.server, request.action);
    if (url.empty())
        return "invalid action name";
    if (config.server.empty())
        return "no server configured";

    CURLcode rc = CURLE_OK;
    auto set = [&](CURLoption option, auto value) {
        if (rc == CURLE_OK)
            rc = curl_easy_setopt(easy, option, value);
    };
    set(CURLOPT_PRIVATE, static_cast<void*>(&t));
    set(CURLOPT_ERRORBUFFER, t.errbuf);
    set(CURLOPT_URL, url.c_str());  // libcurl copies strings
    // Plain HTTP would carry the token unencrypted; the engine allows it
    // only for a loopback server under test.
    set(CURLOPT_PROTOCOLS_STR, config.allow_plain_http ? "http,https" : "https");
    set(CURLOPT_NOSIGNAL, 1L);      // several Clients run in threads
    set(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    set(CURLOPT_TCP_NODELAY, 1L);
    set(CURLOPT_TCP_KEEPALIVE, 1L);
    set(CURLOPT_ACCEPT_ENCODING, "");
    set(CURLOPT_BUFFERSIZE, 128L * 1024L);  // fewer callbacks on large answers
    set(CURLOPT_CONNECTTIMEOUT_MS, config.connect_timeout_ms);
    // The total of the attempt is set by the scheduler (what is left of the
    // request's time and the caller's deadline).
    set(CURLOPT_TIMEOUT_MS, config.request_timeout_ms);
    // A stalled read ends after stall_timeout_ms without a byte instead of
    // holding the whole request time; a write keeps waiting for its answer
    // (the service may process an import for long, and ending the wait
    // would only leave its outcome unknown).
    t.stall_ms = request.is_write ? 0 : std::max(1L, config.stall_timeout_ms);
    set(CURLOPT_NOPROGRESS, 0L);
    set(CURLOPT_XFERINFOFUNCTION, &on_progress);
    set(CURLOPT_XFERINFODATA, static_cast<void*>(&t));
    set(CURLOPT_USERAGENT, config.user_agent.c_str());
    set(CURLOPT_SSL_VERIFYPEER, config.verify_peer ? 1L : 0L);
    set(CURLOPT_SSL_VERIFYHOST, config.verify_peer ? 2L : 0L);
    // CAFile, revocation and the proxy differ by platform (api/platform).
    if (rc == CURLE_OK)
        rc = platform::apply_tls_and_proxy(easy, config, url, t.proxy);
    set(CURLOPT_SHARE, settings.share);
    if (rest) {
        // The shared list is not copied by libcurl, so each REST transfer
        // owns a list of its own with its token.
        for (curl_slist* h = settings.headers; h; h = h->next)
            t.headers = curl_slist_append(t.headers, h->data);
        t.headers = curl_slist_append(t.headers, "Accept: application/json");
        if (request.json_body)
            t.headers = curl_slist_append(t.headers, "Content-Type: application/json");
        if (!request.bearer.empty())
            t.headers = curl_slist_append(t.headers, ("Authorization: Bearer " + request.bearer).c_str());
        if (!t.headers)
            return "out of memory";
        set(CURLOPT_HTTPHEADER, t.headers);
    } else {
        set(CURLOPT_HTTPHEADER, settings.headers);
    }
    set(CURLOPT_WRITEFUNCTION, &on_body);
    set(CURLOPT_WRITEDATA, static_cast<void*>(&t));
    set(CURLOPT_HEADERFUNCTION, &on_header);
    set(CURLOPT_HEADERDATA, static_cast<void*>(&t));
    set(CURLOPT_PREREQFUNCTION, &on_prereq);
    set(CURLOPT_PREREQDATA, static_cast<void*>(&t));
    if (request.is_write) {
        // libcurl silently re-sends a request when a reused keep-alive
        // connection turns out dead before any answer byte arrived. The
        // server may have received and executed it, so a write always opens
        // its own connection: then there is nothing libcurl would re-send.
        set(CURLOPT_FRESH_CONNECT, 1L);
    }
    if (rc != CURLE_OK)
        return curl_easy_strerror(rc);

    if (rest) {
        switch (request.method) {
        case Method::Get: set(CURLOPT_HTTPGET, 1L); break;
        case Method::Delete: set(CURLOPT_CUSTOMREQUEST, "DELETE"); break;
        case Method::Post:
            t.form = request.json_body.value_or(std::string());
            set(CURLOPT_POSTFIELDS, t.form.c_str());
            set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t.form.size()));
            break;
        }
    } else if (request.file) {
        t.mime = multipart_body(easy, request);
        if (!t.mime)
            return "cannot build the multipart body";
        set(CURLOPT_MIMEPOST, t.mime);
    } else {
        t.form = form_body(request);
        set(CURLOPT_POSTFIELDS, t.form.c_str());
        set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t.form.size()));
    }
    if (rc != CURLE_OK)
        return curl_easy_strerror(rc);
    return {};
}

Outcome finish(Transfer& t, CURLcode code) {
    Outcome out;
    long status = 0;
    curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
    out.response.status = status;
    out.failure = classify(code, t.request_started);
    out.retry_after = retry_time(t.retry_after);
    if (!t.untrusted.empty()) {
        out.failure = FailureKind::Tls;
        out.error = t.untrusted;
    } else if (t.stalled) {
        out.failure = FailureKind::Timeout;
        out.error = "no byte arrived for " + std::to_string((t.stall_ms + 999) / 1000) + " s";
    } else if (t.too_large) {
        out.failure = FailureKind::Other;
        out.too_large = true;
        out.error = "the answer passed " + std::to_string(t.max_body >> 20) + " MiB after decompression";
    } else if (out.failure == FailureKind::None) {
        char* type = nullptr;
        if (curl_easy_getinfo(t.easy, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type)
            out.response.content_type = type;
        out.response.body = std::move(t.body);
    } else {
        // A half-received body is useless and must not be mistaken for data.
        std::string text = t.errbuf[0] ? std::string(t.errbuf) : curl_easy_strerror(code);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
            text.pop_back();
        // Say which proxy could not be reached: the user may not know one is set.
        if (!t.proxy.empty() && (code == CURLE_COULDNT_RESOLVE_PROXY || code == CURLE_COULDNT_CONNECT))
            text = "through the proxy " + t.proxy + ": " + text;
        out.error = scrub(scrub(std::move(text), t.request->token), t.request->bearer);
    }
    t.body = {};
    return out;
}

} // namespace tb::api::detail
