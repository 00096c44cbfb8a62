// worktime (read, one request per month) and worktime_events (write-only,
// imported through timeimportbyevents).
#include "catalog/declare.hpp"

namespace tb::catalog::detail {

Table worktime_table() {
    Table t;
    t.name = "worktime";
    t.action = "worktime";
    t.description = "Work time entries of all users, one request per month.";
    t.columns = {
        request_value("year", SqlType::Integer, "The year requested"),
        request_value("month", SqlType::Integer, "The month requested (1-12)"),
        not_null(integer("worktime_id", "ID of the work time entry", "The entry's id")),
        integer("user_id", "User ID", "The user who worked"),
        text("employee_number", "Employee number", "The user's employee number"),
        date("date", "Date (dd/mm/yyyy)", "Day of the entry"),
        time("start_time", "Start time (hh:mm)", "Start time"),
        time("end_time", "End time (hh:mm)", "End time; earlier than start_time when past midnight"),
        integer("working_seconds", "Working time in seconds", "Working time in seconds"),
        integer("pause_seconds", "Pause in seconds", "Pauses in seconds"),
        text("state", "State", "Done, Requested, Accepted, Rejected or In process"),
        reference("project_id", "ID of the project", "The project; NULL when none"),
        reference("service_id", "ID of the service", "The service; NULL when none"),
        long_text("comments", "Comments", "Comments"),
        boolean("auto_stopped", "Auto stopped", "The time clock was stopped automatically"),
    };
    KeyColumn year = key("year", "year", ParamFormat::Integer, KeyColumn::Default::CurrentYear);
    year.derived_from = "date";
    year.range_expandable = true;
    KeyColumn month = key("month", "month", ParamFormat::Integer,
                          KeyColumn::Default::MonthsOfCurrentYear);
    month.derived_from = "date";
    month.range_expandable = true;
    month.min_value = 1;
    month.max_value = 12;
    // A public client sends userid; the reference does not list it, so the
    // rows are always filtered locally as well (api-notes.md).
    KeyColumn user = key("user_id", "userid", ParamFormat::Integer, KeyColumn::Default::Omit);
    user.optional_on_instance = true;
    t.keys = {year, month, user};
    t.primary_key = {"worktime_id"};
    return t;
}

Table worktime_events_table() {
    Table t;
    t.name = "worktime_events";
    t.action = "timeimportbyevents";
    t.write_only = true;
    t.description =
        "Write-only: time-clock events (START, PAUSE, RESUME, STOP) that the service turns into "
        "work time entries. SELECT answers no rows.";
    t.columns = {
        input("email", SqlType::WVarchar, "Identifies the user by e-mail address (or give employee_number)"),
        input("employee_number", SqlType::WVarchar, "Identifies the user by employee number (or give email)"),
        input("event_time", SqlType::Timestamp, "When the event happened (minute precision)"),
        input("event", SqlType::WVarchar, "START, PAUSE, RESUME or STOP"),
        input("project_id", SqlType::BigInt, "Project of the entry (read on STOP only)"),
        input("service_id", SqlType::BigInt, "Service of the entry (read on STOP only)"),
        input("comments", SqlType::WVarchar, "Comments of the entry (read on STOP only)", kLongText),
    };
    WriteRoute r{.kind = WriteKind::Insert, .action = "timeimportbyevents", .body = WriteBody::CsvUpload};
    r.choices = {{"email", "useridentification", "email"},
                 {"employee_number", "useridentification", "employeenumber"}};
    r.fields = {
        {.column = "", .field = "identifier", .required = true, .from_choice = true},
        {.column = "event_time", .field = "timestamp", .format = WriteFormat::EventTime, .required = true},
        {.column = "event", .field = "event", .required = true,
         .allowed = {"START", "PAUSE", "RESUME", "STOP"}},
        {.column = "project_id", .field = "project id", .format = WriteFormat::Integer},
        {.column = "service_id", .field = "service id", .format = WriteFormat::Integer},
        {.column = "comments", .field = "remarks"},
    };
    r.note = "one upload per statement; per user START first, STOP last, at most two calendar days, "
             "rows in time order";
    t.writes = {std::move(r)};
    return t;
}

} // namespace tb::catalog::detail
