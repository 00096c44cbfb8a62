#include "text.hpp"

#include <charconv>

namespace sim {

void CsvLine::sep() {
    if (!first_) out_ += ';';
    first_ = false;
}

CsvLine& CsvLine::text(std::string_view value) {
    sep();
    if (trim(value).empty()) {
        out_ += ' ';
        return *this;
    }
    // The service writes values as they are: no quoting was ever seen
    // (api-notes.md), so neither does the simulator. A value holding ';' or
    // a line break therefore breaks its line's shape, as it would there.
    out_ += value;
    return *this;
}

CsvLine& CsvLine::raw(std::string_view value) {
    sep();
    out_ += value;
    return *this;
}

CsvLine& CsvLine::num(int64_t value) {
    sep();
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, value);
    out_.append(buf, res.ptr);
    return *this;
}

CsvLine& CsvLine::date(Date value) {
    sep();
    if (value == kNoDate)
        out_ += ' ';
    else
        append_dmy(out_, value);
    return *this;
}

CsvLine& CsvLine::time(int minute_of_day) {
    sep();
    append_hhmm(out_, minute_of_day);
    return *this;
}

CsvLine& CsvLine::tenths(int64_t value) {
    sep();
    if (value < 0) {
        out_ += '-';
        value = -value;
    }
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, value / 10);
    out_.append(buf, res.ptr);
    out_ += '.';
    out_ += static_cast<char>('0' + value % 10);
    return *this;
}

void append_decimal_hundredths(std::string& out, int64_t value) {
    if (value < 0) {
        out += '-';
        value = -value;
    }
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, value / 100);
    out.append(buf, res.ptr);
    out += '.';
    out += static_cast<char>('0' + value / 10 % 10);
    if (value % 10 != 0) out += static_cast<char>('0' + value % 10);
}

CsvLine& CsvLine::hundredths(int64_t value) {
    sep();
    append_decimal_hundredths(out_, value);
    return *this;
}

void append_header(std::string& out, const std::vector<std::string>& names) {
    for (size_t i = 0; i < names.size(); ++i) {
        if (i) out += ';';
        out += names[i];
    }
    out += '\n';
}

std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (;;) {
        const auto pos = s.find(sep, start);
        if (pos == std::string_view::npos) {
            parts.push_back(s.substr(start));
            return parts;
        }
        parts.push_back(s.substr(start, pos - start));
        start = pos + 1;
    }
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::optional<int64_t> parse_uint(std::string_view s, int max_digits) {
    if (!all_digits(s) || s.size() > static_cast<size_t>(max_digits)) return std::nullopt;
    int64_t v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

std::optional<int64_t> parse_hundredths(std::string_view s) {
    bool negative = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    const auto dot = s.find('.');
    const auto whole = s.substr(0, dot);
    const auto frac = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
    if (!all_digits(whole) || whole.size() > 6) return std::nullopt;
    if (dot != std::string_view::npos && (frac.empty() || frac.size() > 2 || !all_digits(frac)))
        return std::nullopt;
    int64_t v = *parse_uint(whole, 6) * 100;
    if (!frac.empty()) v += (frac[0] - '0') * 10 + (frac.size() > 1 ? frac[1] - '0' : 0);
    return negative ? -v : v;
}

bool valid_utf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t n = 0;
        if (c < 0x80) n = 0;
        else if ((c & 0xE0) == 0xC0 && c >= 0xC2) n = 1;
        else if ((c & 0xF0) == 0xE0) n = 2;
        else if ((c & 0xF8) == 0xF0 && c <= 0xF4) n = 3;
        else return false;
        if (n > 0 && i + n >= s.size()) return false;
        for (size_t k = 1; k <= n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n + 1;
    }
    return true;
}

size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

bool has_control_chars(std::string_view s) {
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) return true;
    }
    return false;
}

bool plausible_email(std::string_view s) {
    const auto at = s.find('@');
    if (at == 0 || at == std::string_view::npos || s.size() > 100) return false;
    if (s.find('@', at + 1) != std::string_view::npos) return false;
    const auto domain = s.substr(at + 1);
    const auto dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size()) return false;
    for (char c : s)
        if (c == ' ' || c == ';' || c == ',' || static_cast<unsigned char>(c) < 0x20) return false;
    return true;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string upper_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::vector<std::string_view> upload_lines(std::string_view file) {
    if (file.substr(0, 3) == "\xEF\xBB\xBF") file.remove_prefix(3);
    std::vector<std::string_view> lines = split(file, '\n');
    for (auto& line : lines)
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    while (!lines.empty() && trim(lines.back()).empty()) lines.pop_back();
    return lines;
}

}  // namespace sim
