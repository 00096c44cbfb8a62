// A login that returns a JSON web token (GoodTime: POST /api/login with
// {loginemail, apipassword}), kept for the requests of one connection and
// renewed before its `exp` claim runs out or once after a 401.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "api/client.hpp"

namespace tb::api {

// The login failed. outcome holds the transport failure or the HTTP status
// (its body emptied); bad_answer: a 200 whose body holds no token.
class LoginFailure : public std::runtime_error {
public:
    LoginFailure(std::string what, Outcome outcome, bool bad_answer)
        : std::runtime_error(std::move(what)), outcome_(std::move(outcome)), bad_answer_(bad_answer) {}
    const Outcome& outcome() const { return outcome_; }
    bool bad_answer() const { return bad_answer_; }

private:
    Outcome outcome_;
    bool bad_answer_;
};

// {"loginemail": ..., "apipassword": ...}
std::string login_body(std::string_view email, std::string_view password);
// The token of a login answer: the raw body, a JSON string, or an object with
// a `token` member (the reference does not say which). nullopt when the body
// is none of these (empty, an object without a token, text with blanks).
std::optional<std::string> token_from_login_answer(std::string_view body);
// The `exp` claim (seconds since 1970) of a JWT; nullopt when the token is
// not a JWT or has no numeric exp.
std::optional<std::int64_t> jwt_expiry(std::string_view token);

class BearerLogin {
public:
    // A token is renewed this long before its expiry, so a request that
    // starts with it does not meet the end on the way; a token that lives
    // less than four times as long, a quarter of its life before.
    static constexpr std::int64_t kRenewMarginSeconds = 60;

    BearerLogin(Client& client, std::string path, std::string email, std::string password);
    ~BearerLogin();
    BearerLogin(const BearerLogin&) = delete;
    BearerLogin& operator=(const BearerLogin&) = delete;

    // A token that is not about to expire; logs in when there is none yet or
    // the current one expires within the margin. Throws LoginFailure.
    std::string token(Deadline deadline = {});
    // After a 401 for `rejected`: one fresh login, unless the token was
    // already replaced meanwhile (then that one). Throws LoginFailure.
    std::string renew(const std::string& rejected, Deadline deadline = {});
    // Logins made so far (for tests and traces).
    int logins() const;

private:
    std::string login(Deadline deadline);  // with mutex_ held

    Client& client_;
    std::string path_, email_, password_;
    mutable std::mutex mutex_;
    std::string token_;
    std::optional<std::int64_t> expiry_;
    std::int64_t margin_ = kRenewMarginSeconds;
    int logins_ = 0;
};

} // namespace tb::api
