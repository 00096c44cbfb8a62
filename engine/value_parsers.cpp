#include "engine/ascii.hpp"
#include "engine/loader.hpp"

#include <algorithm>
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

namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm):
// portable, no timegm, no time zone database.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
    if (at + count > text.size()) return false;
    out = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        out = out * 10 + (text[i] - '0');
    }
    return true;
}

} // namespace

bool parse_iso_timestamp(std::string_view text, std::string& out) {
    // YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|(+|-)HH[:MM]]
    int y, mo, d, h = 0, mi = 0, sec = 0;
    if (!digits(text, 0, 4, y) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2, mo) || text[7] != '-' ||
        !digits(text, 8, 2, d))
        return false;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1 || d > days[mo - 1]) return false;
    if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
    std::size_t at = 10;
    if (at < text.size() && (text[at] == 'T' || text[at] == 't' || text[at] == ' ')) {
        if (!digits(text, at + 1, 2, h) || at + 3 >= text.size() || text[at + 3] != ':' || !digits(text, at + 4, 2, mi))
            return false;
        at += 6;
        if (at < text.size() && text[at] == ':') {
            if (!digits(text, at + 1, 2, sec)) return false;
            at += 3;
            if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
                ++at;
                const std::size_t first = at;
                while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
                if (at == first) return false;   // fractions of a second are dropped, as TIMESTAMP(0)
            }
        }
        if (h > 23 || mi > 59 || sec > 60) return false;
    }
    int offset_minutes = 0;
    if (at < text.size()) {
        const char sign = text[at];
        if ((sign == 'Z' || sign == 'z') && at + 1 == text.size()) {
            at = text.size();
        } else if (sign == '+' || sign == '-') {
            int oh, om = 0;
            if (!digits(text, at + 1, 2, oh)) return false;
            std::size_t rest = at + 3;
            if (rest < text.size() && text[rest] == ':') ++rest;
            if (rest < text.size()) {
                if (!digits(text, rest, 2, om) || rest + 2 != text.size()) return false;
            }
            if (oh > 23 || om > 59) return false;
            offset_minutes = (sign == '+' ? 1 : -1) * (oh * 60 + om);
            at = text.size();
        } else {
            return false;
        }
    }
    // With a zone, the value is turned to UTC (as epoch milliseconds are);
    // without one it is taken as written.
    std::int64_t total = days_from_civil(y, unsigned(mo), unsigned(d)) * 86400 + h * 3600 + mi * 60 + std::min(sec, 59) -
                         std::int64_t(offset_minutes) * 60;
    const std::int64_t day = total >= 0 ? total / 86400 : (total - 86399) / 86400;
    std::int64_t rem = total - day * 86400;
    // civil_from_days
    std::int64_t z = day + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
    const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400 + (mm <= 2);
    char buffer[80];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u %02d:%02d:%02d", static_cast<long long>(yy), mm, dd,
                  int(rem / 3600), int(rem % 3600 / 60), int(rem % 60));
    out = buffer;
    return true;
}

bool parse_timestamp(std::string_view text, std::string& out) {
    const std::string_view trimmed = ascii::trim_field(text);
    if (!trimmed.empty() && trimmed.find_first_not_of("0123456789") == std::string_view::npos)
        return parse_epoch_millis(trimmed, out);
    return parse_iso_timestamp(trimmed, out);
}

} // namespace tb::engine
