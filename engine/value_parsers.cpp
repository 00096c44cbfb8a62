#include "engine/ascii.hpp"
#include "engine/loader.hpp"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace tb::engine {
namespace {

bool read_number(std::string_view& text, int& out, int max_digits) {
    int digits = 0;
    out = 0;
    while (!text.empty() && text.front() >= '0' && text.front() <= '9' && digits < max_digits) {
        out = out * 10 + (text.front() - '0');
        text.remove_prefix(1);
        ++digits;
    }
    return digits > 0;
}

using ascii::trim_field;

bool valid_date(int y, int m, int d) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

} // namespace

bool is_blank(std::string_view text) { return trim_field(text).empty(); }

bool parse_date_dmy(std::string_view text, std::string& out) {
    text = trim_field(text);
    int d, m, y;
    if (!read_number(text, d, 2) || text.empty() || text.front() != '/') return false;
    text.remove_prefix(1);
    if (!read_number(text, m, 2) || text.empty() || text.front() != '/') return false;
    text.remove_prefix(1);
    if (!read_number(text, y, 4) || !text.empty() || !valid_date(y, m, d)) return false;
    // Digits written by hand: snprintf was a third of the load time.
    char buffer[10] = {char('0' + y / 1000), char('0' + y / 100 % 10), char('0' + y / 10 % 10), char('0' + y % 10),
                       '-', char('0' + m / 10), char('0' + m % 10), '-', char('0' + d / 10), char('0' + d % 10)};
    out.assign(buffer, 10);
    return true;
}

bool parse_time_hm(std::string_view text, std::string& out) {
    text = trim_field(text);
    int h, m, s = 0;
    if (!read_number(text, h, 2) || text.empty() || text.front() != ':') return false;
    text.remove_prefix(1);
    if (!read_number(text, m, 2)) return false;
    if (!text.empty() && text.front() == ':') {
        text.remove_prefix(1);
        if (!read_number(text, s, 2)) return false;
    }
    if (!text.empty() || h > 23 || m > 59 || s > 59) return false;
    char buffer[8] = {char('0' + h / 10), char('0' + h % 10), ':', char('0' + m / 10), char('0' + m % 10), ':',
                      char('0' + s / 10), char('0' + s % 10)};
    out.assign(buffer, 8);
    return true;
}

bool parse_integer(std::string_view text, std::int64_t& out) {
    text = trim_field(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

bool parse_decimal(std::string_view text, double& out) {
    text = trim_field(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

bool parse_bool(std::string_view text, bool& out) {
    text = trim_field(text);
    auto equals = [&](std::string_view word) {
        if (text.size() != word.size()) return false;
        for (std::size_t i = 0; i < word.size(); ++i)
            if ((text[i] | 0x20) != word[i]) return false;
        return true;
    };
    if (equals("true") || text == "1") { out = true; return true; }
    if (equals("false") || text == "0") { out = false; return true; }
    return false;
}

bool parse_epoch_millis(std::string_view text, std::string& out) {
    std::int64_t ms = 0;
    if (!parse_integer(text, ms) || ms < 0) return false;
    std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    if (!gmtime_r(&seconds, &tm)) return false;
    char buffer[80];  // room for any int the format could meet
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    out = buffer;
    return true;
}

} // namespace tb::engine
