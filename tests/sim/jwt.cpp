#include "jwt.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <rapidjson/document.h>

#include "json_text.hpp"

namespace sim {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr const char* kHeader = R"({"alg":"HS256","typ":"JWT"})";

int sextet(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

std::optional<int64_t> int_claim(const rapidjson::Document& doc, const char* name) {
    const auto it = doc.FindMember(name);
    if (it == doc.MemberEnd() || !it->value.IsInt64()) return std::nullopt;
    return it->value.GetInt64();
}
}  // namespace

std::string base64url_encode(const std::string& bytes) {
    std::string out;
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
        for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
    }
    // No '=' padding in a JWT (RFC 7515, section 2).
    if (bytes.size() - i == 1) {
        const uint32_t v = uint8_t(bytes[i]) << 16;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
    } else if (bytes.size() - i == 2) {
        const uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
    }
    return out;
}

std::optional<std::string> base64url_decode(const std::string& text) {
    if (text.size() % 4 == 1) return std::nullopt;
    std::string out;
    uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        const int v = sextet(c);
        if (v < 0) return std::nullopt;
        acc = (acc << 6) | uint32_t(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    return out;
}

std::string JwtIssuer::sign(const std::string& signing_input) const {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
         reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(), mac, &len);
    return base64url_encode(std::string(reinterpret_cast<char*>(mac), len));
}

std::string JwtIssuer::issue(const JwtClaims& c) const {
    std::string payload = "{\"sub\":";
    append_json_string(payload, c.sub);
    payload += ",\"iat\":" + std::to_string(c.iat) + ",\"exp\":" + std::to_string(c.exp) +
               ",\"jti\":\"" + std::to_string(c.jti) + "\"}";
    const std::string input = base64url_encode(kHeader) + "." + base64url_encode(payload);
    return input + "." + sign(input);
}

std::optional<JwtClaims> JwtIssuer::verify(const std::string& token) const {
    const auto dot1 = token.find('.');
    const auto dot2 = dot1 == std::string::npos ? dot1 : token.find('.', dot1 + 1);
    if (dot2 == std::string::npos || token.find('.', dot2 + 1) != std::string::npos) return std::nullopt;
    const std::string input = token.substr(0, dot2);
    const std::string expected = sign(input);
    const std::string given = token.substr(dot2 + 1);
    if (given.size() != expected.size() || CRYPTO_memcmp(given.data(), expected.data(), given.size()) != 0)
        return std::nullopt;
    if (base64url_decode(token.substr(0, dot1)) != std::string(kHeader)) return std::nullopt;
    const auto payload = base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
    if (!payload) return std::nullopt;
    rapidjson::Document doc;
    doc.Parse(payload->c_str(), payload->size());
    if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
    JwtClaims c;
    const auto sub = doc.FindMember("sub");
    const auto jti = doc.FindMember("jti");
    const auto iat = int_claim(doc, "iat"), exp = int_claim(doc, "exp");
    if (sub == doc.MemberEnd() || !sub->value.IsString() || jti == doc.MemberEnd() || !jti->value.IsString() ||
        !iat || !exp)
        return std::nullopt;
    c.sub = sub->value.GetString();
    c.iat = *iat;
    c.exp = *exp;
    c.jti = std::stoll(jti->value.GetString());
    return c;
}

}  // namespace sim
