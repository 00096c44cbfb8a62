// timeimportbyevents: time-clock events (START, PAUSE, RESUME, STOP) become
// work-time entries. Lines are processed in file order; a failing line is
// reported and skipped, every complete START..STOP group that passes the
// checks is stored, a group without STOP is dropped silently.
#include <unordered_map>

#include "actions.hpp"
#include "generated.hpp"
#include "text.hpp"

namespace sim {

void add_work_entry(State& st, WorkEntry e) {
    e.id = st.next_worktime_id++;
    const Ymd d = ymd_of(e.date);
    if (e.project) ++st.added_project_refs[e.project];
    st.added_worktime[{d.y, d.m}].push_back(std::move(e));
}

bool collides(const Config& cfg, const State& st, int uid, int64_t from, int64_t to, bool with_generated) {
    // An entry that started the day before may still run past midnight.
    const Date first = static_cast<Date>(from / 1440) - 1;
    const Date last = static_cast<Date>((to - 1) / 1440);
    std::vector<WorkEntry> entries;
    const Ymd a = ymd_of(first), b = ymd_of(last);
    for (int y = a.y, m = a.m; y < b.y || (y == b.y && m <= b.m);) {
        entries.clear();
        if (with_generated) {
            worktime_of_user(cfg, st, uid, y, m, entries);
        } else if (auto it = st.added_worktime.find({y, m}); it != st.added_worktime.end()) {
            for (const WorkEntry& e : it->second)
                if (e.user == uid) entries.push_back(e);
        }
        for (const WorkEntry& e : entries)
            if (e.abs_start() < to && from < e.abs_end()) return true;
        if (++m > 12) {
            m = 1;
            ++y;
        }
    }
    return false;
}

namespace {

std::optional<int64_t> parse_timestamp(std::string_view s) {
    // yyyy-MM-ddTHH:mm, minute precision, a literal T, no zone.
    if (s.size() != 16 || s[10] != 'T' || s[13] != ':') return std::nullopt;
    const auto date = parse_iso(s.substr(0, 10));
    const auto hh = parse_uint(s.substr(11, 2), 2), mm = parse_uint(s.substr(14, 2), 2);
    if (!date || !hh || !mm || *date < 0 || *hh > 23 || *mm > 59) return std::nullopt;
    return int64_t{*date} * 1440 + *hh * 60 + *mm;
}

struct Group {
    int64_t start = 0;
    bool paused = false;
    int64_t pause_start = 0;
    int64_t pause_total = 0;
};

// Checks the optional STOP columns; returns an error code or "".
const char* stop_columns(const World& w, const std::vector<std::string_view>& f, WorkEntry& e) {
    if (f.size() > 3) {
        if (const std::string_view p = trim(f[3]); !p.empty() && p != "0") {
            const auto n = parse_uint(p);
            if (!n || !w.state.projects.count(static_cast<int>(*n))) return "PROJECT_ID_INVALID";
            e.project = static_cast<int>(*n);
        }
    }
    if (f.size() > 4) {
        if (const std::string_view s = trim(f[4]); !s.empty() && s != "0") {
            const auto n = parse_uint(s);
            bool known = false;
            for (const Service& sv : w.state.services) known = known || (n && sv.id == *n);
            if (!known) return "SERVICE_ID_INVALID";
            e.service = static_cast<int>(*n);
        }
    }
    if (f.size() > 5) {
        // The limit is not documented; 500 characters is the simulator's.
        const std::string_view remarks = f[5];
        if (utf8_length(remarks) > 500 || has_control_chars(remarks)) return "REMARKS_INVALID_OR_TOO_LONG";
        e.comment = std::string(trim(remarks));
    }
    return "";
}

}  // namespace

Reply write_timeimportbyevents(World& w, const Call& c) {
    if (!c.upload) return text_reply("CSV_FILE_MISSING_OR_INVALID\n");
    const auto lines = upload_lines(*c.upload);
    if (lines.empty()) return text_reply("CSV_FILE_MISSING_OR_INVALID\n");
    // Anything but "employeenumber" means e-mail, the documented default.
    const bool by_number = trim(c.param("useridentification")) == "employeenumber";
    std::unordered_map<std::string, int> who;
    for (const auto& [id, u] : w.state.users) {
        if (by_number) {
            if (!u.employee_number.empty()) who.emplace(u.employee_number, id);
        } else {
            who.emplace(lower_ascii(u.email), id);
        }
    }

    std::unordered_map<int, Group> open;
    std::unordered_map<int, int64_t> last_event;
    std::string errors;
    auto fail = [&](size_t index, const char* code) {
        errors += "line #" + std::to_string(index + 1) + ": " + code + "\n";
    };
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line = lines[i];
        if (trim(line).empty() || !valid_utf8(line) || line.find('\0') != std::string_view::npos) {
            fail(i, "LINE_NOT_READABLE");
            continue;
        }
        const auto f = split(line, ';');
        if (f.size() < 3 || f.size() > 6) {
            fail(i, "NUMBER_OF_COLUMNS_INCORRECT");
            continue;
        }
        const std::string key = by_number ? std::string(trim(f[0])) : lower_ascii(trim(f[0]));
        if (key.empty()) {
            fail(i, "EMAIL_OR_EMPLOYEE_NUMBER_MISSING");
            continue;
        }
        const auto user = who.find(key);
        if (user == who.end()) {
            fail(i, by_number ? "EMPLOYEE_NUMBER_UNKNOWN" : "EMAIL_UNKNOWN");
            continue;
        }
        const int uid = user->second;
        const auto ts = parse_timestamp(trim(f[1]));
        if (!ts) {
            fail(i, "TIMESTAMP_INVALID");
            continue;
        }
        const std::string_view event = trim(f[2]);
        if (event != "START" && event != "PAUSE" && event != "RESUME" && event != "STOP") {
            fail(i, "EVENT_TYPE_INVALID");
            continue;
        }
        // Same-minute events are allowed: terminals record whole minutes.
        if (auto it = last_event.find(uid); it != last_event.end() && *ts < it->second) {
            fail(i, "EVENT_MUST_BE_AFTER_PREVIOUS_EVENT");
            continue;
        }
        auto g = open.find(uid);
        if (event == "START") {
            // A new START abandons an unfinished group, as a missing STOP does.
            open[uid] = Group{*ts, false, 0, 0};
            last_event[uid] = *ts;
            continue;
        }
        if (g == open.end()) {
            fail(i, "FIRST_EVENT_MUST_BE_START");
            continue;
        }
        Group& grp = g->second;
        if (event == "PAUSE" || event == "RESUME") {
            // Out of sequence (PAUSE while paused, RESUME while running).
            if ((event == "PAUSE") == grp.paused) {
                fail(i, "EVENT_TYPE_INVALID");
                continue;
            }
            if (event == "PAUSE") {
                grp.pause_start = *ts;
            } else {
                grp.pause_total += *ts - grp.pause_start;
            }
            grp.paused = event == "PAUSE";
            last_event[uid] = *ts;
            continue;
        }
        WorkEntry e;
        if (const char* code = stop_columns(w, f, e); *code) {
            fail(i, code);
            continue;
        }
        last_event[uid] = *ts;
        const Group done = grp;
        open.erase(g);
        const int64_t pause = done.pause_total + (done.paused ? *ts - done.pause_start : 0);
        if (*ts / 1440 - done.start / 1440 > 1) {
            fail(i, "ENTRY_MUST_NOT_EXCEED_TWO_CALENDAR_DAYS");
            continue;
        }
        if (*ts - done.start - pause <= 0) {
            fail(i, "ENTRY_HAS_NO_WORK_TIME");
            continue;
        }
        if (collides(w.cfg, w.state, uid, done.start, *ts, true)) {
            fail(i, "ENTRY_COLLIDES_WITH_EXISTING_ENTRY");
            continue;
        }
        e.user = uid;
        e.date = static_cast<Date>(done.start / 1440);
        e.start = static_cast<int>(done.start % 1440);
        e.duration = static_cast<int>(*ts - done.start);
        e.work_s = static_cast<int>((*ts - done.start - pause) * 60);
        e.pause_s = static_cast<int>(pause * 60);
        add_work_entry(w.state, std::move(e));
    }
    return text_reply(errors.empty() ? std::string("OK\n") : errors);
}

}  // namespace sim
