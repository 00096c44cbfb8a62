#include "api/bearer_login.hpp"

#include <algorithm>
#include <ctime>

#include "api/json_rows.hpp"

namespace tb::api {
namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

// A bearer token is RFC 6750's token68 (a JWT is base64url parts and
// dots): anything else, such as an HTML page, is not a token.
bool header_safe(std::string_view token) {
    if (token.empty()) return false;
    for (const char c : token) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
        if (!ok) return false;
    }
    return true;
}

std::optional<std::string> base64url_decode(std::string_view in) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '-' || c == '+') return 62;
        if (c == '_' || c == '/') return 63;
        return -1;
    };
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (const char c : in) {
        if (c == '=') break;
        const int v = value(c);
        if (v < 0) return std::nullopt;
        buffer = (buffer << 6) | unsigned(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

std::int64_t now_seconds() { return std::int64_t(std::time(nullptr)); }

} // namespace

std::string login_body(std::string_view email, std::string_view password) {
    return "{\"loginemail\":" + json_quote(email) + ",\"apipassword\":" + json_quote(password) + "}";
}

std::optional<std::string> token_from_login_answer(std::string_view body) {
    body = trimmed(body);
    if (body.size() >= 3 && body.substr(0, 3) == "\xEF\xBB\xBF") body = trimmed(body.substr(3));
    std::optional<std::string> token;
    if (!body.empty() && body.front() == '{') token = json_member(body, "token");
    else if (!body.empty() && body.front() == '"') token = json_string(body);
    else token = std::string(body);
    if (!token || !header_safe(*token)) return std::nullopt;
    return token;
}

std::optional<std::int64_t> jwt_expiry(std::string_view token) {
    const std::size_t first = token.find('.');
    if (first == std::string_view::npos) return std::nullopt;
    const std::size_t second = token.find('.', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    auto payload = base64url_decode(token.substr(first + 1, second - first - 1));
    if (!payload) return std::nullopt;
    auto exp = json_member(*payload, "exp");
    if (!exp || exp->empty()) return std::nullopt;
    try {
        std::size_t used = 0;
        const double v = std::stod(*exp, &used);   // "1718000000" or "1.718E9"
        if (used != exp->size()) return std::nullopt;
        return std::int64_t(v);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

BearerLogin::BearerLogin(Client& client, std::string path, std::string email, std::string password)
    : client_(client), path_(std::move(path)), email_(std::move(email)), password_(std::move(password)) {}

BearerLogin::~BearerLogin() {
    // The password and the token do not outlive the connection in freed memory.
    for (std::string* s : {&password_, &token_})
        for (volatile char& c : *s) c = 0;
}

std::string BearerLogin::token(Deadline deadline) {
    std::lock_guard lock(mutex_);
    const bool expiring = expiry_ && *expiry_ - margin_ <= now_seconds();
    if (token_.empty() || expiring) return login(deadline);
    return token_;
}

std::string BearerLogin::renew(const std::string& rejected, Deadline deadline) {
    std::lock_guard lock(mutex_);
    if (!token_.empty() && token_ != rejected) return token_;
    return login(deadline);
}

int BearerLogin::logins() const {
    std::lock_guard lock(mutex_);
    return logins_;
}

std::string BearerLogin::login(Deadline deadline) {
    Request request;
    request.action = "login";
    request.path = path_;
    request.method = Method::Post;
    request.json_body = login_body(email_, password_);
    // Not retried on its own: a refused password must not be tried again.
    request.is_write = true;
    ++logins_;
    Outcome outcome = client_.perform(request, deadline);
    for (volatile char& c : *request.json_body) c = 0;
    token_.clear();
    expiry_.reset();
    if (!outcome.ok() || outcome.response.status != 200) {
        std::string().swap(outcome.response.body);  // an error page may echo what was sent
        throw LoginFailure("the login failed", std::move(outcome), false);
    }
    auto token = token_from_login_answer(outcome.response.body);
    std::string().swap(outcome.response.body);
    if (!token) throw LoginFailure("the login answer held no token", std::move(outcome), true);
    token_ = std::move(*token);
    expiry_ = jwt_expiry(token_);
    if (expiry_) margin_ = std::min(kRenewMarginSeconds, std::max<std::int64_t>(0, (*expiry_ - now_seconds()) / 4));
    return token_;
}

} // namespace tb::api
