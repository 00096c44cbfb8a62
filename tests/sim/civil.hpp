// Calendar arithmetic on plain day numbers. The simulator needs many dates
// (a million work-time rows per response) and <chrono> calendar types are
// clumsy for that, so a date is an int counting days since 1970-01-01.
#pragma once

#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sim {

using Date = int32_t;
constexpr Date kNoDate = INT32_MIN;  // an unset date, written as " "

struct Ymd {
    int y;
    int m;
    int d;
};

Date date_of(int y, int m, int d);
Ymd ymd_of(Date date);
int weekday(Date date);  // 0 = Monday ... 6 = Sunday
int days_in_month(int y, int m);
bool valid_ymd(int y, int m, int d);
Date easter_sunday(int year);

void append_dmy(std::string& out, Date date);        // dd/mm/yyyy
void append_hhmm(std::string& out, int minute_of_day);  // hh:mm
std::string format_iso(Date date);                    // yyyy-mm-dd

std::optional<Date> parse_iso(std::string_view text);  // yyyy-mm-dd
std::optional<Date> parse_dmy(std::string_view text);  // d/m/yyyy
// The form values the write actions accept for a date: dd/mm/yyyy as the
// brief says, and yyyy-mm-dd because the reference is silent on the format.
std::optional<Date> parse_any_date(std::string_view text);

Date utc_today();
int64_t utc_now_ms();

}  // namespace sim
