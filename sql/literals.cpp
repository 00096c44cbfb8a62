#include "sql/literals.hpp"

#include <charconv>
#include <cstdlib>
#include <vector>

namespace tb::sql::literals {

namespace {

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::string pad2(std::string_view s) { return s.size() == 1 ? "0" + std::string(s) : std::string(s); }

// Splits on a separator; returns false unless exactly n parts of digits.
bool split_digits(std::string_view s, char sep, std::size_t n, std::vector<std::string_view>& parts) {
    parts.clear();
    std::size_t start = 0;
    for (;;) {
        std::size_t at = s.find(sep, start);
        parts.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos) break;
        start = at + 1;
    }
    if (parts.size() != n) return false;
    for (auto p : parts)
        if (!all_digits(p) || p.size() > 4) return false;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

} // namespace

std::string normalise_date(std::string_view text) {
    text = trim(text);
    std::vector<std::string_view> parts;
    if (!split_digits(text, '-', 3, parts) || parts[0].size() != 4 || parts[1].size() > 2 || parts[2].size() > 2)
        return std::string(text);
    return std::string(parts[0]) + "-" + pad2(parts[1]) + "-" + pad2(parts[2]);
}

std::string normalise_time(std::string_view text) {
    text = trim(text);
    std::string_view fraction;
    if (auto dot = text.find('.'); dot != std::string_view::npos) {
        fraction = text.substr(dot + 1);
        text = text.substr(0, dot);
        if (!all_digits(fraction)) return std::string(text) + "." + std::string(fraction);
        while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
    }
    std::vector<std::string_view> parts;
    std::string out;
    if (split_digits(text, ':', 3, parts) && parts[0].size() <= 2 && parts[1].size() <= 2 && parts[2].size() <= 2)
        out = pad2(parts[0]) + ":" + pad2(parts[1]) + ":" + pad2(parts[2]);
    else if (split_digits(text, ':', 2, parts) && parts[0].size() <= 2 && parts[1].size() <= 2)
        out = pad2(parts[0]) + ":" + pad2(parts[1]) + ":00";
    else
        out = std::string(text);
    if (!fraction.empty()) out += "." + std::string(fraction);
    return out;
}

std::string normalise_timestamp(std::string_view text) {
    text = trim(text);
    std::size_t sep = text.find_first_of(" T");
    if (sep == std::string_view::npos) {
        std::string date = normalise_date(text);
        return date == text ? std::string(text) : date + " 00:00:00";
    }
    return normalise_date(text.substr(0, sep)) + " " + normalise_time(text.substr(sep + 1));
}

std::string stored_text(const ast::Expr& e) {
    switch (e.kind) {
    case ast::ExprKind::Date: return normalise_date(e.text);
    case ast::ExprKind::Time: return normalise_time(e.text);
    case ast::ExprKind::Timestamp: return normalise_timestamp(e.text);
    default: return e.text;
    }
}

std::string quote_string(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'') out += '\'';
        out += c;
    }
    out += '\'';
    return out;
}

std::string quote_identifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::optional<int> compare(const Value& a, const Value& b) {
    if (a.parameter || b.parameter) return std::nullopt;
    auto number = [](const Value& v) -> std::optional<double> {
        if (auto i = std::get_if<std::int64_t>(&v.literal)) return static_cast<double>(*i);
        if (auto d = std::get_if<double>(&v.literal)) return *d;
        return std::nullopt;
    };
    auto na = number(a), nb = number(b);
    if (na && nb) return *na < *nb ? -1 : (*na > *nb ? 1 : 0);
    auto sa = std::get_if<std::string>(&a.literal);
    auto sb = std::get_if<std::string>(&b.literal);
    if (sa && sb) {
        int c = sa->compare(*sb);
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    return std::nullopt;
}

} // namespace tb::sql::literals

namespace tb::sql::ast {

std::optional<Value> constant_value(const Expr& e) {
    Value v;
    switch (e.kind) {
    case ExprKind::Null:
        return v;
    case ExprKind::Integer:
    case ExprKind::Boolean: {
        std::int64_t n = 0;
        auto [ptr, ec] = std::from_chars(e.text.data(), e.text.data() + e.text.size(), n);
        if (ec == std::errc() && ptr == e.text.data() + e.text.size()) {
            v.literal = n;
        } else {
            v.literal = std::strtod(e.text.c_str(), nullptr); // beyond 64 bits
        }
        return v;
    }
    case ExprKind::Decimal:
    case ExprKind::Float:
        v.literal = std::strtod(e.text.c_str(), nullptr);
        return v;
    case ExprKind::String:
    case ExprKind::Date:
    case ExprKind::Time:
    case ExprKind::Timestamp:
        v.literal = literals::stored_text(e);
        return v;
    case ExprKind::Parameter:
        v.parameter = e.parameter;
        return v;
    case ExprKind::Unary:
        if (e.args.size() == 1 && (e.text == "-" || e.text == "+")) {
            auto inner = constant_value(e.args[0]);
            if (!inner || inner->parameter) return std::nullopt;
            if (e.text == "+") return inner;
            if (auto i = std::get_if<std::int64_t>(&inner->literal)) {
                inner->literal = -*i;
                return inner;
            }
            if (auto d = std::get_if<double>(&inner->literal)) {
                inner->literal = -*d;
                return inner;
            }
        }
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

} // namespace tb::sql::ast
