#include "driver/connection_string.hpp"

#include <algorithm>
#include <cctype>

#include "driver/odbc.hpp"
#include "driver/platform/secret_store.hpp"
#include "engine/ascii.hpp"
#include "engine/error.hpp"

namespace tb::driver {
namespace {

using engine::ascii::iequals;

std::string trim(std::string_view s) { return std::string(engine::ascii::trim(s)); }

// Keys the driver reads; everything else draws 01S00. BI tools inject UID,
// Trusted_Connection and Database: accepted and ignored.
const char* const kKnownKeys[] = {"DSN", "Driver", "FileDSN", "SaveFile", "Server", "Source", "Token", "PWD", "UID",
                                  "User", "Password",
                                  "PersonnelToken", "CAFile", "VerifyTLS", "Cache", "CacheTTL",
                                  "CachePersonnelData", "MaxConcurrentRequests", "ConnectTimeout",
                                  "RequestTimeout", "StallTimeout", "MaxAnswerMB", "AllowInsecureLocalhost",
                                  "DefaultYears", "CreatedIdInfo", "Proxy", "NoProxy", "CheckRevocation",
                                  "Trusted_Connection", "Database", "Description"};

long number(const Attributes& a, std::string_view key, long fallback, long min, long max) {
    const std::string* v = find_attribute(a, key);
    if (!v || v->empty()) return fallback;
    char* end = nullptr;
    long n = std::strtol(v->c_str(), &end, 10);
    if (*end != '\0' || n < min || n > max)
        throw engine::Error("HY024", "the connection key " + std::string(key) + " has the value '" + *v +
                                         "'; it takes a whole number from " + std::to_string(min) + " to " +
                                         std::to_string(max));
    return n;
}

bool flag(const Attributes& a, std::string_view key, bool fallback) {
    const std::string* v = find_attribute(a, key);
    if (!v || v->empty()) return fallback;
    if (*v == "1" || iequals(*v, "yes") || iequals(*v, "true") || iequals(*v, "on")) return true;
    if (*v == "0" || iequals(*v, "no") || iequals(*v, "false") || iequals(*v, "off")) return false;
    throw engine::Error("HY024", "the connection key " + std::string(key) + " has the value '" + *v +
                                     "'; it takes 1 or 0");
}

} // namespace

Attributes parse_connection_string(std::string_view text) {
    Attributes out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t eq = text.find('=', i);
        std::size_t semi = text.find(';', i);
        if (eq == std::string_view::npos || (semi != std::string_view::npos && semi < eq)) {
            i = semi == std::string_view::npos ? text.size() : semi + 1;   // a key without value: skip
            continue;
        }
        std::string key = trim(text.substr(i, eq - i));
        std::size_t j = eq + 1;
        while (j < text.size() && text[j] == ' ') ++j;
        std::string value;
        if (j < text.size() && text[j] == '{') {
            // {...} quotes ';'; '}}' is a literal '}'.
            ++j;
            while (j < text.size()) {
                if (text[j] == '}') {
                    if (j + 1 < text.size() && text[j + 1] == '}') { value += '}'; j += 2; continue; }
                    ++j;
                    break;
                }
                value += text[j++];
            }
            std::size_t next = text.find(';', j);
            i = next == std::string_view::npos ? text.size() : next + 1;
        } else {
            std::size_t end = text.find(';', j);
            if (end == std::string_view::npos) end = text.size();
            value = trim(text.substr(j, end - j));
            i = end + 1;
        }
        if (!key.empty()) set_attribute(out, key, value);
    }
    return out;
}

const std::string* find_attribute(const Attributes& attributes, std::string_view key) {
    for (const auto& [k, v] : attributes)
        if (iequals(k, key)) return &v;
    return nullptr;
}

void set_attribute(Attributes& attributes, std::string key, std::string value) {
    for (auto& [k, v] : attributes)
        if (iequals(k, key)) { v = std::move(value); return; }   // the first occurrence's place, last value
    attributes.emplace_back(std::move(key), std::move(value));
}

void merge_dsn(Attributes& attributes, std::string dsn) {
    if (dsn.empty()) return;
    for (const char* key : kKnownKeys) {
        if (iequals(key, "DSN") || iequals(key, "Driver") || find_attribute(attributes, key)) continue;
        char buffer[4096] = {0};
        int n = SQLGetPrivateProfileString(dsn.c_str(), key, "", buffer, sizeof buffer, "odbc.ini");
        if (n <= 0 || !buffer[0]) continue;
        // A DSN saved by the setup dialog on Windows holds its tokens and
        // password protected (driver/platform/secret_store.hpp).
        attributes.emplace_back(key, is_secret_key(key) ? platform::reveal_token(buffer, key) : std::string(buffer));
    }
}

std::vector<std::string> dsn_keys() {
    std::vector<std::string> keys;
    for (const char* key : kKnownKeys)
        if (!iequals(key, "DSN") && !iequals(key, "Driver") && !iequals(key, "FileDSN") && !iequals(key, "SaveFile"))
            keys.emplace_back(key);
    return keys;
}

bool is_secret_key(std::string_view key) {
    return iequals(key, "Token") || iequals(key, "PWD") || iequals(key, "Password") || iequals(key, "PersonnelToken");
}

engine::SessionConfig make_config(const Attributes& a, std::vector<std::string>& unknown) {
    for (const auto& [k, v] : a) {
        bool known = false;
        for (const char* key : kKnownKeys) known = known || iequals(k, key);
        if (!known) unknown.push_back(k);
    }
    engine::SessionConfig c;
    if (auto* v = find_attribute(a, "DSN")) c.data_source = *v;
    if (auto* v = find_attribute(a, "Server")) c.server = *v;
    if (auto* v = find_attribute(a, "Source"); v && !v->empty()) c.source = trim(*v);
    if (auto* v = find_attribute(a, "Token"); v && !v->empty()) c.token = *v;
    else if (auto* p = find_attribute(a, "PWD"); p && !p->empty()) c.token = *p;
    else if (auto* q = find_attribute(a, "Password")) c.token = *q;
    // UID is the login of a source that has one (GoodTime's login email);
    // Timebutler ignores it, as BI tools inject it.
    if (auto* v = find_attribute(a, "UID"); v && !v->empty()) c.user = trim(*v);
    else if (auto* u = find_attribute(a, "User")) c.user = trim(*u);
    if (auto* v = find_attribute(a, "PersonnelToken")) c.personnel_token = *v;
    if (auto* v = find_attribute(a, "CAFile")) c.ca_file = *v;
    if (auto* v = find_attribute(a, "Proxy")) c.proxy = *v;
    if (auto* v = find_attribute(a, "NoProxy")) c.no_proxy = *v;
    c.check_revocation = flag(a, "CheckRevocation", true);
    c.verify_tls = flag(a, "VerifyTLS", true);
    c.cache_ttl_seconds = number(a, "CacheTTL", 300, 0, 365L * 24 * 3600);
    if (auto* v = find_attribute(a, "Cache"); v && !v->empty()) {
        if (iequals(*v, "memory") || iequals(*v, "file")) {
            c.cache = iequals(*v, "memory") ? "memory" : "file";
        } else if (iequals(*v, "off")) {
            // Nothing kept between statements: every statement asks the API.
            c.cache = "memory";
            c.cache_ttl_seconds = 0;
        } else if (v->find_first_of("/\\") != std::string::npos) {
            // A path: '/' on every platform, '\\' too (C:\Users\...\tb.sqlite on Windows).
            // A word without either is a misspelt mode, not a file in the working folder.
            c.cache = *v;
        } else {
            throw engine::Error("HY024", "the connection key Cache has the value '" + *v +
                                             "'; it takes file, memory, off or the path of a cache file");
        }
    }
    c.cache_personnel_data = flag(a, "CachePersonnelData", false);
    c.max_concurrent_requests = int(number(a, "MaxConcurrentRequests", 4, 1, 32));
    c.connect_timeout_ms = number(a, "ConnectTimeout", 10, 1, 3600) * 1000;
    c.request_timeout_ms = number(a, "RequestTimeout", 120, 1, 86400) * 1000;
    c.stall_timeout_ms = number(a, "StallTimeout", 30, 1, 3600) * 1000;
    c.max_answer_mib = number(a, "MaxAnswerMB", 256, 1, 65536);
    c.allow_insecure_localhost = flag(a, "AllowInsecureLocalhost", false);
    c.default_years = int(number(a, "DefaultYears", 1, 1, 20));
    c.created_id_info = flag(a, "CreatedIdInfo", false);
    return c;
}

std::string complete_connection_string(const Attributes& given, const engine::SessionConfig& config) {
    // Echo what the application gave (its own secrets included, as it knows
    // them), plus the server resolved from a DSN; never add a DSN's token.
    std::string out;
    auto append = [&](const std::string& k, const std::string& v) {
        out += k + "=";
        // Braced when parsing would change it: ';' '{' '}', or white space at
        // either end, which an unbraced value loses to trimming.
        if (v.find_first_of(";{}") != std::string::npos || trim(v) != v) {
            out += "{";
            for (char ch : v) out += ch == '}' ? std::string("}}") : std::string(1, ch);
            out += "}";
        } else {
            out += v;
        }
        out += ";";
    };
    for (const auto& [k, v] : given) append(k, v);
    if (!find_attribute(given, "Server")) append("Server", config.server);
    return out;
}

} // namespace tb::driver
