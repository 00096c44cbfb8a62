// absences: one request per year; absence types may add columns at run time.
#include "catalog/declare.hpp"

namespace tb::catalog::detail {

Table absences_table() {
    Table t;
    t.name = "absences";
    t.action = "absences";
    t.description =
        "Absence entries (vacation, sickness, business trips, ...) of all users, one request per "
        "year. The additional entry fields of the absence types follow as run-time columns named "
        "`<type>_<field>` (an absence field Zielort of the type Dienstreise: `dienstreise_zielort`).";
    t.columns = {
        request_value("year", SqlType::Integer, "The year requested"),
        not_null(integer("absence_id", "ID", "The absence entry's id")),
        date("date_from", "From", "First day"),
        date("date_to", "To", "Last day"),
        boolean("half_day", "Half a day", "Only half a day"),
        boolean("morning", "Morning", "The half day is the morning"),
        integer("user_id", "User ID", "The absent user"),
        text("employee_number", "Employee number", "The absent user's employee number"),
        text("type", "Type", "Name of the absence type"),
        boolean("extra_vacation_day", "Extra vacation day", "Counted as an extra vacation day"),
        text("state", "State", "Approved, Done, In process, Rejected or Submitted"),
        text("substitute_state", "Substitute state",
             "Approval pending, Approved, Automatically approved, Denied or No approval required"),
        decimal("workdays", 7, 2, "Workdays", "Workdays the absence takes"),
        decimal("hours", 9, 2, "Hours", "Hours the absence takes"),
        text("medical_certificate", "Medical certificate (sick leave only)",
             "Medical certificate (sick leave only)"),
        long_text("comments", "Comments", "Comments"),
        reference("substitute_user_id", "User ID of the substitute", "The substitute; NULL when none"),
    };
    KeyColumn year = key("year", "year", ParamFormat::Integer, KeyColumn::Default::CurrentYear);
    // An absence is assumed to be listed in the year it starts (whether one
    // crossing New Year is listed twice is undocumented), so date_from is the
    // safe column to narrow years by; date_to <= X still bounds date_from.
    year.derived_from = "date_from";
    year.derived_until = "date_to";
    year.range_expandable = true;
    t.keys = {year};
    t.primary_key = {"absence_id"};
    t.runtime_columns = true;
    return t;
}

} // namespace tb::catalog::detail
