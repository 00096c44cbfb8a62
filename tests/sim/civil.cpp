#include "civil.hpp"

#include <chrono>

namespace sim {

// Howard Hinnant's days_from_civil / civil_from_days: exact for the
// proleptic Gregorian calendar without any table.
Date date_of(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

Ymd ymd_of(Date z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

int weekday(Date date) {
    // 1970-01-01 was a Thursday, which is 3 when Monday is 0.
    return static_cast<int>(((date % 7) + 7 + 3) % 7);
}

int days_in_month(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2) {
        const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        return leap ? 29 : 28;
    }
    return kDays[m - 1];
}

bool valid_ymd(int y, int m, int d) {
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

Date easter_sunday(int y) {
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    const int f = (b + 8) / 25, g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return date_of(y, month, day);
}

namespace {
void two_digits(std::string& out, int v) {
    out += static_cast<char>('0' + v / 10 % 10);
    out += static_cast<char>('0' + v % 10);
}
void four_digits(std::string& out, int v) {
    two_digits(out, v / 100);
    two_digits(out, v % 100);
}
bool digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}
int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}
}  // namespace

void append_dmy(std::string& out, Date date) {
    const Ymd v = ymd_of(date);
    two_digits(out, v.d);
    out += '/';
    two_digits(out, v.m);
    out += '/';
    four_digits(out, v.y);
}

void append_hhmm(std::string& out, int minute_of_day) {
    two_digits(out, minute_of_day / 60);
    out += ':';
    two_digits(out, minute_of_day % 60);
}

std::string format_iso(Date date) {
    const Ymd v = ymd_of(date);
    std::string out;
    four_digits(out, v.y);
    out += '-';
    two_digits(out, v.m);
    out += '-';
    two_digits(out, v.d);
    return out;
}

std::optional<Date> parse_iso(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    const auto y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
    if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
    if (!valid_ymd(to_int(y), to_int(m), to_int(d))) return std::nullopt;
    return date_of(to_int(y), to_int(m), to_int(d));
}

std::optional<Date> parse_dmy(std::string_view s) {
    const auto p1 = s.find('/');
    if (p1 == std::string_view::npos) return std::nullopt;
    const auto p2 = s.find('/', p1 + 1);
    if (p2 == std::string_view::npos) return std::nullopt;
    const auto d = s.substr(0, p1), m = s.substr(p1 + 1, p2 - p1 - 1), y = s.substr(p2 + 1);
    if (!digits(d) || !digits(m) || !digits(y) || d.size() > 2 || m.size() > 2 || y.size() != 4)
        return std::nullopt;
    if (!valid_ymd(to_int(y), to_int(m), to_int(d))) return std::nullopt;
    return date_of(to_int(y), to_int(m), to_int(d));
}

std::optional<Date> parse_any_date(std::string_view s) {
    if (auto d = parse_dmy(s)) return d;
    return parse_iso(s);
}

int64_t utc_now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Date utc_today() {
    const int64_t ms = utc_now_ms();
    return static_cast<Date>(ms / 86400000);
}

}  // namespace sim
