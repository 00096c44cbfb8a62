#include "engine/planner.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <optional>
#include <set>

#include "engine/error.hpp"

namespace tb::engine {
namespace {

using Default = catalog::KeyColumn::Default;
constexpr int kMaxValuesPerKey = 400;   // a guard against year BETWEEN 1 AND 99999

struct Date { int y, m, d; };

sql::Value resolve(const sql::Value& value, const ParameterValues& parameters) {
    if (value.parameter > 0 && std::size_t(value.parameter) <= parameters.size()) return parameters[value.parameter - 1];
    return value;
}

std::optional<std::int64_t> as_integer(const sql::Value& v) {
    if (auto* i = std::get_if<std::int64_t>(&v.literal)) return *i;
    if (auto* d = std::get_if<double>(&v.literal)) {
        if (std::floor(*d) == *d) return static_cast<std::int64_t>(*d);
        return std::nullopt;
    }
    if (auto* s = std::get_if<std::string>(&v.literal)) {
        std::int64_t out;
        if (parse_integer(*s, out)) return out;
    }
    return std::nullopt;
}

std::optional<Date> as_date(const sql::Value& v) {
    auto* s = std::get_if<std::string>(&v.literal);
    if (!s) return std::nullopt;
    Date d{};
    if (std::sscanf(s->c_str(), "%4d-%2d-%2d", &d.y, &d.m, &d.d) != 3) return std::nullopt;
    if (d.m < 1 || d.m > 12 || d.d < 1 || d.d > 31) return std::nullopt;
    return d;
}

std::string iso(const Date& d) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.y, d.m, d.d);
    return buffer;
}

// Inclusive integer bounds of a range constraint.
std::optional<std::int64_t> lower_int(const sql::Constraint& c, const ParameterValues& p) {
    if (!c.lower) return std::nullopt;
    auto v = resolve(*c.lower, p);
    if (auto i = as_integer(v)) return c.lower_inclusive ? *i : *i + 1;
    if (auto* d = std::get_if<double>(&v.literal)) return static_cast<std::int64_t>(std::floor(*d)) + 1;
    return std::nullopt;
}
std::optional<std::int64_t> upper_int(const sql::Constraint& c, const ParameterValues& p) {
    if (!c.upper) return std::nullopt;
    auto v = resolve(*c.upper, p);
    if (auto i = as_integer(v)) return c.upper_inclusive ? *i : *i - 1;
    if (auto* d = std::get_if<double>(&v.literal)) return static_cast<std::int64_t>(std::floor(*d));
    return std::nullopt;
}

// The values one key takes, or nullopt for "no usable predicate".
using Choice = std::optional<std::vector<std::string>>;

Choice integer_choice(const catalog::Table& table, const catalog::KeyColumn& key, const sql::Constraint& c,
                      const ParameterValues& p, const Today& today, int min, int max) {
    if (c.values) {
        std::set<std::int64_t> values;
        for (const auto& v : *c.values)
            if (auto i = as_integer(resolve(v, p))) {
                if (*i >= min && *i <= max) values.insert(*i);
            } else {
                return std::nullopt;   // a value we cannot read: keep the default, SQLite filters
            }
        std::vector<std::string> out;
        for (auto v : values) out.push_back(std::to_string(v));
        return out;
    }
    auto lo = lower_int(c, p);
    auto hi = upper_int(c, p);
    if (!lo && !hi) return std::nullopt;
    // An open range on a year reaches from a few years back to next year:
    // Timebutler holds no data far from today.
    std::int64_t from = lo ? std::max<std::int64_t>(*lo, min) : (key.param == "year" ? today.year - 5 : min);
    std::int64_t to = hi ? std::min<std::int64_t>(*hi, max) : (key.param == "year" ? std::max<std::int64_t>(from, today.year + 1) : max);
    if (to - from + 1 > kMaxValuesPerKey)
        throw Error("42000", "the predicate on " + table.name + "." + key.column + " would need " +
                                 std::to_string(to - from + 1) + " API requests; narrow it to at most " +
                                 std::to_string(kMaxValuesPerKey) + " values");
    std::vector<std::string> out;
    for (auto v = from; v <= to; ++v) out.push_back(std::to_string(v));
    return out;
}

Choice text_choice(const sql::Constraint& c, const ParameterValues& p, catalog::ParamFormat format) {
    if (!c.values) return std::nullopt;
    std::set<std::string> values;
    for (const auto& raw : *c.values) {
        auto v = resolve(raw, p);
        if (format == catalog::ParamFormat::IsoDate) {
            auto d = as_date(v);
            if (!d) return std::nullopt;
            values.insert(iso(*d));
        } else if (auto* s = std::get_if<std::string>(&v.literal)) {
            values.insert(*s);
        } else if (auto i = as_integer(v)) {
            values.insert(std::to_string(*i));
        } else {
            return std::nullopt;
        }
    }
    return std::vector<std::string>(values.begin(), values.end());
}

bool before(const Date& a, const Date& b) {
    return a.y != b.y ? a.y < b.y : a.m != b.m ? a.m < b.m : a.d < b.d;
}

// The dates a constraint on a date column allows: a set of dates, or a range
// whose ends may be open. Only the year and month of each end matter.
struct DateSpan {
    std::optional<std::vector<Date>> dates;
    std::optional<Date> lo, hi;
};

// `date < '2025-01-01'` (or `< {ts '2025-01-01 00:00:00'}`) ends on the day before.
Date exclusive_end(const Date& d, const std::string& text) {
    if (text.size() > 10 && text.find_first_not_of(" 0:.", 10) != std::string::npos) return d;
    if (d.d > 1) return {d.y, d.m, d.d - 1};
    if (d.m > 1) return {d.y, d.m - 1, 31};
    return {d.y - 1, 12, 31};
}

std::optional<DateSpan> date_span(const sql::Constraint& c, const ParameterValues& p) {
    DateSpan span;
    if (c.values) {
        span.dates.emplace();
        for (const auto& v : *c.values) {
            auto d = as_date(resolve(v, p));
            if (!d) return std::nullopt;
            span.dates->push_back(*d);
        }
        return span;
    }
    // A bound that is not a date is left out: a wider span is still sound.
    if (c.lower) span.lo = as_date(resolve(*c.lower, p));
    if (c.upper) {
        auto v = resolve(*c.upper, p);
        span.hi = as_date(v);
        if (span.hi && !c.upper_inclusive) span.hi = exclusive_end(*span.hi, std::get<std::string>(v.literal));
    }
    if (!span.lo && !span.hi) return std::nullopt;
    return span;
}

// The latest date a span allows, when it has one.
std::optional<Date> latest(const DateSpan& span) {
    if (span.dates) {
        std::optional<Date> out;
        for (const auto& d : *span.dates)
            if (!out || before(*out, d)) out = d;
        return out;
    }
    return span.hi;
}

// How an open end of a date range is closed, matching the rule for `year`:
// an open start begins five years before the current year (Timebutler holds
// no older data in practice); an open end stops at the current month where
// data cannot lie ahead (work time), or at the end of next year where it can
// (planned absences, published holidays).
enum class OpenEnd { CurrentMonth, NextYear };

// (year, month) pairs covered by the dates a span allows.
std::vector<std::pair<int, int>> months_of(const DateSpan& span, const Today& today, OpenEnd open_end,
                                           const catalog::Table& table, const std::string& column) {
    std::set<std::pair<int, int>> months;
    if (span.dates) {
        for (const auto& d : *span.dates) months.insert({d.y, d.m});
        return {months.begin(), months.end()};
    }
    Date lo = span.lo ? *span.lo : Date{std::min(span.hi->y, today.year - 5), 1, 1};
    Date hi;
    if (span.hi) hi = *span.hi;
    else if (open_end == OpenEnd::CurrentMonth) hi = before(lo, {today.year, today.month, 1}) ? Date{today.year, today.month, 1} : lo;
    else hi = {std::max(lo.y, today.year + 1), 12, 31};
    const long count = (long(hi.y) - lo.y) * 12 + (hi.m - lo.m) + 1;
    if (count > kMaxValuesPerKey * 12L || (open_end == OpenEnd::CurrentMonth && count > kMaxValuesPerKey))
        throw Error("42000", "the predicate on " + table.name + "." + column + " would need " + std::to_string(count) +
                                 " API requests; narrow the date range");
    for (int y = lo.y, m = lo.m; y < hi.y || (y == hi.y && m <= hi.m);) {
        months.insert({y, m});
        if (++m > 12) { m = 1; ++y; }
    }
    return {months.begin(), months.end()};
}

// The span of a key's date column, narrowed by upper bounds on its
// derived_until column (date_to <= X implies date_from <= X).
std::optional<DateSpan> key_date_span(const catalog::KeyColumn& key,
                                      const std::map<std::string, sql::Constraint>& constraints,
                                      const ParameterValues& p) {
    std::optional<DateSpan> span;
    if (auto it = constraints.find(key.derived_from); it != constraints.end()) span = date_span(it->second, p);
    if (key.derived_until.empty()) return span;
    auto it = constraints.find(key.derived_until);
    if (it == constraints.end()) return span;
    auto until = date_span(it->second, p);
    auto end = until ? latest(*until) : std::nullopt;
    if (!end) return span;
    if (!span) {
        span = DateSpan{};
        span->hi = end;
    } else if (!span->dates && (!span->hi || before(*end, *span->hi))) {
        span->hi = end;
    }
    return span;
}

std::vector<std::string> months_until(int year, const Today& today) {
    std::vector<std::string> out;
    const int last = year == today.year ? today.month : 12;
    for (int m = 1; m <= last; ++m) out.push_back(std::to_string(m));
    return out;
}

const sql::Constraint* find(const std::map<std::string, sql::Constraint>& constraints, const std::string& column) {
    auto it = constraints.find(column);
    return it == constraints.end() ? nullptr : &it->second;
}

int days_in(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

Date next_day(const Date& d) {
    if (d.d < days_in(d.y, d.m)) return {d.y, d.m, d.d + 1};
    if (d.m < 12) return {d.y, d.m + 1, 1};
    return {d.y + 1, 1, 1};
}

// A period (GoodTime's start/end) from the predicates on a TIMESTAMP column:
// the whole span is one request. start is the first day the predicates
// allow; end the day after the last one, so a service that reads end as
// inclusive and one that reads it as exclusive both cover the span (SQLite
// filters the rest). An open side is closed by the current month.
struct Period { Date start, end; };
Period period_of(const catalog::KeyColumn& key, const std::map<std::string, sql::Constraint>& constraints,
                 const ParameterValues& p, const Today& today) {
    std::optional<Date> lo, hi;
    if (const sql::Constraint* c = find(constraints, key.derived_from))
        if (auto span = date_span(*c, p)) {
            if (span->dates) {
                for (const auto& d : *span->dates) {
                    if (!lo || before(d, *lo)) lo = d;
                    if (!hi || before(*hi, d)) hi = d;
                }
            } else {
                lo = span->lo;
                hi = span->hi;
            }
        }
    const Date month_start{today.year, today.month, 1};
    const Date month_end{today.year, today.month, days_in(today.year, today.month)};
    Period period;
    if (lo) period.start = *lo;
    else if (hi) period.start = before(*hi, month_start) ? Date{hi->y, hi->m, 1} : month_start;
    else period.start = month_start;
    Date last;
    if (hi) last = *hi;
    else last = before(month_end, period.start) ? Date{period.start.y, period.start.m, days_in(period.start.y, period.start.m)}
                                                : month_end;
    period.end = next_day(last);
    return period;
}

} // namespace

Today Today::now() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::vector<std::string> pushdown_columns(const catalog::Table& table) {
    std::vector<std::string> out;
    for (const auto& k : table.keys) {
        out.push_back(k.column);
        if (!k.derived_from.empty()) out.push_back(k.derived_from);
        if (!k.derived_until.empty()) out.push_back(k.derived_until);
    }
    return out;
}

bool needs_user_list(const catalog::Table& table, const std::map<std::string, sql::Constraint>& constraints) {
    for (const auto& k : table.keys)
        if (k.when_absent == Default::EveryUser) {
            const auto* c = find(constraints, k.column);
            if (!c || !c->values) return true;
        }
    return false;
}

std::vector<PlannedRequest> plan_requests(const catalog::Table& table,
                                          const std::map<std::string, sql::Constraint>& constraints,
                                          const ParameterValues& parameters, const Today& today,
                                          const std::vector<std::string>& user_ids) {
    for (const auto& [column, c] : constraints)
        if (c.none) return {};

    struct KeyPlan {
        const catalog::KeyColumn* key;
        Choice values;            // nullopt: omit the parameter
    };
    std::vector<KeyPlan> plans;
    bool personnel_key_used = false;
    std::optional<std::vector<std::pair<int, int>>> joint_months;  // year+month from a date column

    const catalog::KeyColumn* year_key = table.find_key("year");
    const catalog::KeyColumn* month_key = table.find_key("month");
    // Work time (a table with months) is not recorded ahead of today.
    const OpenEnd open_end = month_key && !month_key->derived_from.empty() ? OpenEnd::CurrentMonth : OpenEnd::NextYear;
    if (year_key && month_key && !month_key->derived_from.empty()) {
        if (auto span = key_date_span(*month_key, constraints, parameters)) {
            // With year or month named as well, the months are narrowed by
            // them below, and a too wide date range simply is not used.
            const bool keys_named = find(constraints, "year") || find(constraints, "month");
            try {
                joint_months = months_of(*span, today, open_end, table, month_key->derived_from);
            } catch (const Error&) {
                if (!keys_named) throw;
            }
        }
    }

    for (const auto& key : table.keys) {
        KeyPlan plan{&key, std::nullopt};
        if (key.period != catalog::PeriodEnd::None) {
            const Period period = period_of(key, constraints, parameters, today);
            if (before(period.end, period.start) || iso(period.end) == iso(period.start)) return {};  // nothing allowed
            plan.values = std::vector<std::string>{iso(key.period == catalog::PeriodEnd::Start ? period.start : period.end)};
            plans.push_back(std::move(plan));
            continue;
        }
        const sql::Constraint* c = find(constraints, key.column);
        if (c) {
            if (key.format == catalog::ParamFormat::Integer) {
                const int min = key.param == "month" ? 1 : (key.param == "year" ? 1900 : INT32_MIN);
                const int max = key.param == "month" ? 12 : (key.param == "year" ? 2999 : INT32_MAX);
                plan.values = integer_choice(table, key, *c, parameters, today, min, max);
            } else {
                plan.values = text_choice(*c, parameters, key.format);
            }
        }
        if (!plan.values && !key.derived_from.empty() && key.param == "year" && !joint_months) {
            if (auto span = key_date_span(key, constraints, parameters)) {
                std::set<int> years;
                for (auto [y, m] : months_of(*span, today, open_end, table, key.derived_from)) years.insert(y);
                plan.values = std::vector<std::string>();
                for (int y : years) plan.values->push_back(std::to_string(y));
            }
        }
        // The personnel actions take one identifying parameter at most.
        if (table.token == catalog::TokenKind::Personnel && plan.values) {
            if (personnel_key_used) plan.values.reset();
            personnel_key_used = true;
        }
        if (plan.values && plan.values->empty()) return {};   // IN () of impossible values
        plans.push_back(std::move(plan));
    }

    // The months of the dates that the year and month predicates allow too.
    if (joint_months)
        for (const auto& plan : plans) {
            if (!plan.values || (plan.key != year_key && plan.key != month_key)) continue;
            const std::set<std::string> allowed(plan.values->begin(), plan.values->end());
            std::erase_if(*joint_months, [&](const std::pair<int, int>& ym) {
                return !allowed.count(std::to_string(plan.key == year_key ? ym.first : ym.second));
            });
        }

    // Expand the product of key values; months default per year.
    std::vector<PlannedRequest> requests(1);
    if (joint_months) {
        requests.clear();
        for (auto [y, m] : *joint_months) {
            PlannedRequest r;
            r.params = {{year_key->param, std::to_string(y)}, {month_key->param, std::to_string(m)}};
            r.keys = {{year_key->column, std::to_string(y)}, {month_key->column, std::to_string(m)}};
            requests.push_back(std::move(r));
        }
        if (requests.empty()) return {};
    }
    for (const auto& plan : plans) {
        const auto& key = *plan.key;
        if (joint_months && (&key == year_key || &key == month_key)) continue;
        // Unconfirmed parameters (worktime's userid) are not sent; SQLite filters.
        if (key.optional_on_instance) continue;
        std::vector<PlannedRequest> next;
        for (const auto& base : requests) {
            std::vector<std::string> values;
            if (plan.values) {
                values = *plan.values;
            } else {
                switch (key.when_absent) {
                case Default::CurrentYear:
                    for (int y = today.year - std::max(today.default_years, 1) + 1; y <= today.year; ++y)
                        values.push_back(std::to_string(y));
                    break;
                case Default::MonthsOfCurrentYear: {
                    int year = today.year;
                    for (const auto& [k, v] : base.keys)
                        if (k == "year") year = std::stoi(v);
                    values = months_until(year, today);
                    break;
                }
                case Default::FirstOfMonth: values = {iso({today.year, today.month, 1})}; break;
                case Default::Today: values = {iso({today.year, today.month, today.day})}; break;
                case Default::EveryUser: values = user_ids; break;
                case Default::StartOfMonth: values = {iso({today.year, today.month, 1})}; break;
                case Default::EndOfMonth: values = {iso(next_day({today.year, today.month, days_in(today.year, today.month)}))}; break;
                case Default::Omit: break;
                }
            }
            if (values.empty()) {
                if (key.when_absent == Default::EveryUser) continue;   // no users: no request
                next.push_back(base);
                continue;
            }
            // Only columns the CSV lacks (year, month, start_date) take the
            // requested value; the others are read from the response.
            const catalog::Column* column = table.find_column(key.column);
            const bool fills_rows = column && column->parser == catalog::ValueParser::None;
            for (const auto& v : values) {
                PlannedRequest r = base;
                r.params.emplace_back(key.param, v);
                if (fills_rows) r.keys.emplace_back(key.column, v);
                next.push_back(std::move(r));
            }
        }
        requests = std::move(next);
    }
    for (auto& r : requests) {
        for (const auto& fixed : table.fixed_params) r.params.push_back(fixed);
        std::sort(r.params.begin(), r.params.end());
    }
    return requests;
}

} // namespace tb::engine

