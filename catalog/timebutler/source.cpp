// Timebutler API v1: every read action a table, answers in CSV, the API
// token as a form field of every POST.
#include "catalog/declare.hpp"

namespace tb::catalog::detail {

Source timebutler_source() {
    Source s;
    s.name = "timebutler";
    s.title = "Timebutler API v1";
    s.auth = AuthKind::FormToken;
    s.format = AnswerFormat::Csv;
    s.base_path = "/api/v1/";
    // In every edition of the reference (full, tenant, older) and the smallest answer.
    s.check_table = "holidaysets";
    s.users_table = "users";
    s.users_column = "user_id";
    s.description = "Timebutler's API v1: one POST per action, answers in CSV, the API token as form field.";
    s.tables = {
        users_table(),
        absences_table(),
        worktime_table(),
        projects_table(),
        services_table(),
        holidaysets_table(),
        workdays_table(),
        holidayentitlement_table(),
        holidays_table(),
        worktimeaccountinperiod_table(),
        worktimeaccountbalance_table(),
        personnelfiles_table(),
        salaries_table(),
        timeclock_table(),
        worktime_events_table(),
    };
    for (Table& t : s.tables)
        if (t.foreign_keys.empty()) t.foreign_keys = standard_foreign_keys(t);
    return s;
}

} // namespace tb::catalog::detail
