#include "faults.hpp"

#include <random>

#include "text.hpp"

namespace sim {
namespace {

const char* const kKinds[] = {"html",      "empty",       "ok",               "internal-error", "random",
                              "content-type", "huge-header", "duplicate-header", "echo",           "unbalanced-quote",
                              "extra-field",
                              // JSON answers of the GoodTime profile (goodtime_faults.cpp)
                              "truncated", "not-array", "wrong-type", "bad-time"};

// Appends `names` to the header line and one ' ' field per name to every other line.
std::string widen(std::string body, const std::vector<std::string>& names) {
    std::string extra_header, extra_row;
    for (const auto& n : names) {
        extra_header += ";" + n;
        extra_row += "; ";
    }
    std::string out;
    size_t start = 0;
    bool first = true;
    while (start < body.size()) {
        size_t nl = body.find('\n', start);
        if (nl == std::string::npos) nl = body.size();
        out.append(body, start, nl - start);
        out += first ? extra_header : extra_row;
        out += '\n';
        first = false;
        start = nl + 1;
    }
    return out;
}

}  // namespace

bool Faults::add(const std::string& spec, std::string& error) {
    const auto parts = split(spec, ':');
    bool known = false;
    if (!parts.empty())
        for (const char* k : kKinds) known = known || parts[0] == k;
    if (!known || parts.size() < 2 || parts.size() > 3 || parts[1].empty()) {
        error = "--fault wants KIND:ACTION[:COUNT] with KIND one of html, empty, ok, internal-error, random, "
                "content-type, huge-header, duplicate-header, echo, unbalanced-quote, extra-field (or, with --api goodtime, "
                "truncated, not-array, wrong-type, bad-time)";
        return false;
    }
    Rule rule{std::string(parts[0]), -1};
    if (parts.size() == 3) {
        const auto n = parse_uint(parts[2], 9);
        if (!n || *n < 1) {
            error = "--fault: COUNT must be a positive number";
            return false;
        }
        rule.remaining = static_cast<int>(*n);
    }
    rules_[std::string(parts[1])] = rule;
    return true;
}

std::optional<std::string> Faults::take(const std::string& action) {
    std::lock_guard lock(mutex_);
    auto it = rules_.find(action);
    if (it == rules_.end() || it->second.remaining == 0) return std::nullopt;
    if (it->second.remaining > 0) --it->second.remaining;
    return it->second.kind;
}

std::optional<std::string> junk_body(const std::string& kind, const std::string& request_body) {
    if (kind == "html")
        return std::string("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
                           "<body><h1>Wartungsarbeiten</h1><p>Bitte versuchen Sie es sp\xC3\xA4ter.</p></body></html>\n");
    if (kind == "empty") return std::string();
    if (kind == "ok") return std::string("OK\n");
    if (kind == "internal-error") return std::string("INTERNAL_ERROR\n");
    if (kind == "random") {
        std::mt19937 gen(7);
        std::string out(300, '\0');
        for (char& c : out) c = static_cast<char>(gen() & 0xFF);
        return out;
    }
    if (kind == "echo") return request_body + "\n";
    return std::nullopt;
}

std::string alter_answer(const std::string& kind, std::string body) {
    if (kind == "huge-header") {
        std::vector<std::string> names{std::string(100, 'L')};
        for (int i = 1; i < 5000; ++i) names.push_back("Extra field " + std::to_string(i));
        return widen(std::move(body), names);
    }
    if (kind == "duplicate-header") return widen(std::move(body), std::vector<std::string>(6000, "Zusatzfeld"));
    if (kind == "unbalanced-quote" || kind == "extra-field") {
        // The last field of the second data line (third line) starts with '"'.
        size_t line_start = 0;
        for (int i = 0; i < 2 && line_start != std::string::npos; ++i) {
            line_start = body.find('\n', line_start);
            if (line_start != std::string::npos) ++line_start;
        }
        if (line_start == std::string::npos || line_start >= body.size()) return body;
        size_t nl = body.find('\n', line_start);
        if (nl == std::string::npos) nl = body.size();
        const size_t semi = body.rfind(';', nl - 1);
        if (kind == "extra-field") body.insert(nl, ";x");
        else if (semi != std::string::npos && semi >= line_start) body.insert(semi + 1, "\"");
        return body;
    }
    return body;
}

}  // namespace sim
