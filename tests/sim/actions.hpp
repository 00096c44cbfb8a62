// Every API action of the simulator, one handler each. The HTTP layer
// (server.cpp) checks method, path, token and limits and takes the state
// lock; handlers only apply the action's own rules.
#pragma once

#include <optional>
#include <string>

#include "model.hpp"

namespace sim {

// Read actions (reads.cpp, accounts.cpp).
Reply read_users(World& w, const Call& c);
Reply read_absences(World& w, const Call& c);
Reply read_worktime(World& w, const Call& c);
Reply read_projects(World& w, const Call& c);
Reply read_services(World& w, const Call& c);
Reply read_holidaysets(World& w, const Call& c);
Reply read_workdays(World& w, const Call& c);
Reply read_holidayentitlement(World& w, const Call& c);
Reply read_holidays(World& w, const Call& c);
Reply read_personnelfiles(World& w, const Call& c);
Reply read_salaries(World& w, const Call& c);
Reply read_worktimeaccountinperiod(World& w, const Call& c);
Reply read_worktimeaccountbalance(World& w, const Call& c);

// Write actions.
Reply write_projectsimport(World& w, const Call& c);       // import_projects.cpp
Reply write_timeimportbyevents(World& w, const Call& c);   // import_events.cpp
Reply write_useraccount(World& w, const Call& c);          // user_writes.cpp
Reply write_managerassignment(World& w, const Call& c);    // user_writes.cpp
Reply write_setholidayentitlement(World& w, const Call& c);  // plan_writes.cpp
Reply write_setworkdays(World& w, const Call& c);          // plan_writes.cpp
Reply run_timeclock(World& w, const Call& c);              // timeclock.cpp

struct ActionSpec {
    Handler handler;
    bool writes;  // takes the state lock exclusively
};
const ActionSpec* find_action(const std::string& name);

// Shared by handlers.
int year_param(const Call& c, const char* name = "year");
Reply text_reply(std::string body);
// The user named by userid, employeenumber or email (in that order of
// preference), or the RESULT_ERR_* token explaining why there is none.
struct UserRef {
    int id = 0;
    std::string error;
};
UserRef resolve_user(const State& st, const Call& c);

// Work time written through the API (import_events.cpp): stores an entry
// with a fresh id, and tells whether [from, to) in absolute minutes
// overlaps an entry of the user, generated ones included or not.
void add_work_entry(State& st, WorkEntry e);
bool collides(const Config& cfg, const State& st, int uid, int64_t from, int64_t to, bool with_generated);

}  // namespace sim
