// The three instance profiles, one per edition of the reference in
// ../shared/reference (full = timebutler-api-v1.txt, tenant =
// timebutler-api-v1-tenant-variant.txt, older = timebutler-api-v1-de-older.txt).
#include "model.hpp"

namespace sim {

namespace {
const std::set<std::string> kAllActions = {
    "absences",     "useraccount", "managerassignment", "users",
    "holidayentitlement", "setholidayentitlement", "workdays", "setworkdays",
    "holidaysets",  "worktime",    "projects",          "projectsimport",
    "services",     "holidays",    "worktimeaccountinperiod", "worktimeaccountbalance",
    "timeclock",    "timeimportbyevents", "personnelfiles", "salaries"};

const char* kLongManagerHeader =
    "User ID list of the user's manager (comma separated list, in case more than one user ID exists)";
}  // namespace

std::optional<Profile> make_profile(const std::string& name) {
    Profile p;
    p.name = name;
    p.actions = kAllActions;
    p.manager_header = kLongManagerHeader;
    if (name == "full") return p;
    if (name == "tenant") {
        // The tenant edition lists no holidays/personnelfiles/salaries, one
        // token, "Expired Vacation" with a capital V and no "Auto stopped".
        for (const char* a : {"holidays", "personnelfiles", "salaries"}) p.actions.erase(a);
        p.two_tokens = false;
        p.expired_vacation_header = "Expired Vacation";
        p.auto_stopped_column = false;
        return p;
    }
    if (name == "older") {
        // The older German edition still has personnelfiles and salaries and
        // describes two tokens; it lacks the newer management actions and
        // allows 3,072,000-byte uploads. Its responses lack the columns that
        // api-notes.md lists as missing on older instances.
        for (const char* a : {"useraccount", "managerassignment", "setholidayentitlement", "setworkdays",
                              "holidays", "worktimeaccountinperiod", "worktimeaccountbalance"})
            p.actions.erase(a);
        p.upload_limit = 3072000;
        p.employee_number_column = false;
        p.auto_stopped_column = false;
        p.further_vacation_column = false;
        p.manager_header = "User ID list of the user's manager";
        return p;
    }
    return std::nullopt;
}

bool is_personnel_action(const std::string& action) {
    return action == "personnelfiles" || action == "salaries";
}

bool is_daily_limited(const std::string& action) {
    return action == "personnelfiles" || action == "salaries" || action == "worktimeaccountinperiod" ||
           action == "worktimeaccountbalance";
}

}  // namespace sim
