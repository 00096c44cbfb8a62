// worktimeaccountinperiod and worktimeaccountbalance. The reference only says
// "User ID, then the columns of the web view", so the simulator picks a few
// plausible run-time columns and computes them from its own data: target
// from the work-day periods and bank holidays, actual from the work time,
// absences credited at the day's target.
#include <algorithm>

#include "actions.hpp"
#include "dataset.hpp"
#include "generated.hpp"
#include "text.hpp"

namespace sim {

namespace {

struct Totals {
    int64_t target = 0, actual = 0, absences = 0;  // minutes
};

Totals totals_of(const Config& cfg, const State& st, int uid, Date from, Date to) {
    Totals t;
    for (Date d = from; d <= to; ++d) t.target += target_minutes(st, uid, d);
    std::vector<WorkEntry> entries;
    const Ymd a = ymd_of(from), b = ymd_of(to);
    int64_t seconds = 0;
    for (int y = a.y, m = a.m; y < b.y || (y == b.y && m <= b.m);) {
        entries.clear();
        worktime_of_user(cfg, st, uid, y, m, entries);
        for (const WorkEntry& e : entries)
            if (e.date >= from && e.date <= to) seconds += e.work_s;
        if (++m > 12) {
            m = 1;
            ++y;
        }
    }
    t.actual = seconds / 60;
    std::vector<Absence> absences;
    for (int y = a.y; y <= b.y; ++y) {
        absences.clear();
        generated_absences(cfg, uid, y, absences);
        for (const Absence& ab : absences) {
            if (ab.state != "Approved" && ab.state != "Done") continue;
            for (Date d = std::max(from, ab.from); d <= std::min(to, ab.to); ++d) {
                const int m = target_minutes(st, uid, d);
                t.absences += ab.half_day ? m / 2 : m;
            }
        }
    }
    return t;
}

// "7.5 h" unless minutes=true asked for plain minutes.
void span(CsvLine& line, int64_t minutes, bool as_minutes) {
    if (as_minutes) {
        line.num(minutes);
        return;
    }
    const int64_t tenths = (minutes * 10 + (minutes >= 0 ? 30 : -30)) / 60;
    std::string v;
    if (tenths < 0) v += '-';
    const int64_t a = tenths < 0 ? -tenths : tenths;
    v += std::to_string(a / 10) + "." + std::to_string(a % 10) + " h";
    line.raw(v);
}

Reply bad_request(const char* code) {
    // Invalid or missing mandatory parameters: undocumented; 400 with a code
    // in the body is the simulator's choice (see README.md).
    Reply r;
    r.status = 400;
    r.body = std::string(code) + "\n";
    return r;
}

}  // namespace

Reply read_worktimeaccountinperiod(World& w, const Call& c) {
    const auto from = parse_iso(trim(c.param("startdate")));
    if (!from) return bad_request("STARTDATE_MISSING_OR_INVALID");
    const auto to = parse_iso(trim(c.param("enddate")));
    // "The end date must be within the same or the following calendar year."
    if (!to || *to < *from || ymd_of(*to).y > ymd_of(*from).y + 1) return bad_request("ENDDATE_MISSING_OR_INVALID");
    const bool minutes = c.param("minutes") == "true";
    Reply r;
    append_header(r.body, {"User ID", "Target working time", "Actual working time", "Absences", "Balance"});
    for (const auto& [id, u] : w.state.users) {
        const Totals t = totals_of(w.cfg, w.state, id, *from, *to);
        CsvLine line(r.body);
        line.num(id);
        span(line, t.target, minutes);
        span(line, t.actual, minutes);
        span(line, t.absences, minutes);
        span(line, t.actual + t.absences - t.target, minutes);
    }
    return r;
}

Reply read_worktimeaccountbalance(World& w, const Call& c) {
    const auto date = parse_iso(trim(c.param("date")));
    if (!date) return bad_request("DATE_MISSING_OR_INVALID");
    const bool minutes = c.param("minutes") == "true";
    const Date jan1 = date_of(ymd_of(*date).y, 1, 1);
    Reply r;
    append_header(r.body, {"User ID", "Overtime balance at start of year", "Target working time",
                           "Actual working time", "Absences", "Overtime balance"});
    for (const auto& [id, u] : w.state.users) {
        int64_t carried = 0;
        if (generated_user(w.cfg, id))
            carried = static_cast<int64_t>(
                          hash_of({w.cfg.seed, 61, uint64_t(id), uint64_t(ymd_of(*date).y)}) % 1500) - 300;
        const Totals t = totals_of(w.cfg, w.state, id, jan1, *date);
        CsvLine line(r.body);
        line.num(id);
        span(line, carried, minutes);
        span(line, t.target, minutes);
        span(line, t.actual, minutes);
        span(line, t.absences, minutes);
        span(line, carried + t.actual + t.absences - t.target, minutes);
    }
    return r;
}

}  // namespace sim
