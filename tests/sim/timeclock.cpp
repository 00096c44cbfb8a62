// timeclock: the virtual time clock per user, IDLE -> RUNNING <-> PAUSED ->
// IDLE. The clock reads the real time of day on the simulator's date
// (--today), so a stop lands on the day tests ask for.
//
// Overlap checks (RESULT_ERR_TIMECLOCK_NOT_STARTABLE_MAY_OVERLAP and
// ..._STOPPED_WITHOUT_SAVE_DUE_TO_OVERLAPPING) only consider entries written
// through the API: generated entries cover every weekday daytime, and a
// test's outcome must not depend on the wall clock.
#include <algorithm>
#include <functional>
#include <set>

#include "actions.hpp"
#include "text.hpp"

namespace sim {

namespace {

int64_t clock_now_ms(Date today) {
    return int64_t{today} * 86400000 + utc_now_ms() % 86400000;
}

const char* status_name(Clock::Status s) {
    switch (s) {
    case Clock::Status::Running: return "RUNNING";
    case Clock::Status::Paused: return "PAUSED";
    default: return "IDLE";
    }
}

Reply token(const std::string& t) { return text_reply(t + "\n"); }

// projectid / serviceid of `stop`: empty or 0 means none.
bool optional_id(std::string_view raw, const std::function<bool(int)>& known, int& out) {
    raw = trim(raw);
    if (raw.empty() || raw == "0") return true;
    const auto n = parse_uint(raw);
    if (!n || !known(static_cast<int>(*n))) return false;
    out = static_cast<int>(*n);
    return true;
}

Reply stop(World& w, const Call& c, int uid, Clock& clock, int64_t now) {
    int project = 0, service = 0;
    if (!optional_id(c.param("projectid"), [&](int id) { return w.state.projects.count(id) > 0; }, project))
        return token("RESULT_ERR_PROJECTID_INVALID");
    auto known_service = [&](int id) {
        for (const Service& s : w.state.services)
            if (s.id == id) return true;
        return false;
    };
    if (!optional_id(c.param("serviceid"), known_service, service)) return token("RESULT_ERR_SERVICEID_INVALID");

    const Clock ran = clock;
    clock = Clock{};
    const int64_t paused = ran.paused_ms + (ran.status == Clock::Status::Paused ? now - ran.pause_start_ms : 0);
    const int64_t start_min = ran.start_ms / 60000;
    const int64_t end_min = std::max(now / 60000, start_min);
    if (end_min / 1440 - start_min / 1440 > 1)
        return token("RESULT_ERR_TIMECLOCK_STOPPED_WITHOUT_SAVE_DUE_TO_UNRESOLVABLE_CHANGE_REQUIREMENTS");
    if (collides(w.cfg, w.state, uid, start_min, std::max(end_min, start_min + 1), false))
        return token("RESULT_ERR_TIMECLOCK_STOPPED_WITHOUT_SAVE_DUE_TO_OVERLAPPING");
    WorkEntry e;
    e.user = uid;
    e.date = static_cast<Date>(start_min / 1440);
    e.start = static_cast<int>(start_min % 1440);
    e.duration = static_cast<int>(end_min - start_min);
    e.work_s = static_cast<int>(std::max<int64_t>(0, now - ran.start_ms - paused) / 1000);
    e.pause_s = static_cast<int>(paused / 1000);
    e.project = project;
    e.service = service;
    // Break rule of German law, as the reference says Timebutler applies
    // configured break regulations: over 6 h of work needs a 30 min pause.
    bool modified = false;
    if (e.work_s > 6 * 3600 && e.pause_s < 1800) {
        e.work_s -= 1800 - e.pause_s;
        e.pause_s = 1800;
        modified = true;
    }
    add_work_entry(w.state, std::move(e));
    return token(modified ? "WARN_TIME_ENTRY_SAVED_WITH_MODIFICATIONS" : "OK");
}

}  // namespace

Reply run_timeclock(World& w, const Call& c) {
    const std::string command = std::string(trim(c.param("command")));
    static const std::set<std::string> kCommands = {"start", "pause", "resume", "stop", "cancel", "status",
                                                    "businesstripstart", "businesstripstop"};
    const auto n = parse_uint(trim(c.param("userid")));
    const bool user_ok = n && w.state.users.count(static_cast<int>(*n));
    if (command == "status") {
        if (!user_ok) return token("RESULT_ERR_USERID_INVALID;IDLE;0;0");
        const Clock& k = w.state.clocks[static_cast<int>(*n)];
        return token(std::string("OK;") + status_name(k.status) + ";" + std::to_string(k.start_ms) + ";" +
                     std::to_string(k.status == Clock::Status::Paused ? k.pause_start_ms : 0));
    }
    if (!kCommands.count(command)) return token("RESULT_ERR_COMMAND_INVALID");
    if (!user_ok) return token("RESULT_ERR_USERID_INVALID");
    const int uid = static_cast<int>(*n);
    Clock& clock = w.state.clocks[uid];
    const int64_t now = clock_now_ms(c.today);
    using S = Clock::Status;

    if (command == "start") {
        if (clock.status != S::Idle) return token("WARN_TIMECLOCK_ALREADY_RUNNING");
        const int64_t minute = now / 60000;
        if (collides(w.cfg, w.state, uid, minute, minute + 1, false))
            return token("RESULT_ERR_TIMECLOCK_NOT_STARTABLE_MAY_OVERLAP");
        clock = Clock{S::Running, now, 0, 0, false};
        return token("OK");
    }
    if (command == "businesstripstart" || command == "businesstripstop") {
        // A short business trip is marked on a running clock.
        if (clock.status == S::Idle) return token("WARN_SHORT_BUSINESSTRIP_TIMECLOCK_NOT_RUNNING");
        const bool starting = command == "businesstripstart";
        if (starting && clock.business_trip) return token("WARN_SHORT_BUSINESSTRIP_ALREADY_STARTED");
        if (!starting && !clock.business_trip) return token("WARN_SHORT_BUSINESSTRIP_NOT_STARTED");
        clock.business_trip = starting;
        return token("OK");
    }
    if (clock.status == S::Idle) return token("RESULT_ERR_TIMECLOCK_NOT_RUNNING");
    if (command == "pause") {
        if (clock.status == S::Paused) return token("WARN_TIMECLOCK_ALREADY_PAUSED");
        clock.status = S::Paused;
        clock.pause_start_ms = now;
        return token("OK");
    }
    if (command == "resume") {
        if (clock.status == S::Running) return token("WARN_TIMECLOCK_ALREADY_RUNNING");
        clock.paused_ms += std::max<int64_t>(0, now - clock.pause_start_ms);
        clock.pause_start_ms = 0;
        clock.status = S::Running;
        return token("OK");
    }
    if (command == "cancel") {
        clock = Clock{};
        return token("OK");
    }
    return stop(w, c, uid, clock, now);
}

}  // namespace sim
