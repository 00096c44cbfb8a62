// The JSON web tokens of the GoodTime profile: HS256, three base64url parts,
// claims sub (the login e-mail), iat, exp (seconds since the epoch) and jti
// (a counter, so every login gets a different token).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sim {

struct JwtClaims {
    std::string sub;
    int64_t iat = 0;
    int64_t exp = 0;
    int64_t jti = 0;
};

class JwtIssuer {
public:
    explicit JwtIssuer(std::string secret) : secret_(std::move(secret)) {}
    std::string issue(const JwtClaims& claims) const;
    // The claims of a token this issuer signed (expired ones included), or
    // nullopt for anything else: malformed, another signature, another alg.
    std::optional<JwtClaims> verify(const std::string& token) const;

private:
    std::string sign(const std::string& signing_input) const;
    std::string secret_;
};

std::string base64url_encode(const std::string& bytes);
std::optional<std::string> base64url_decode(const std::string& text);

}  // namespace sim
