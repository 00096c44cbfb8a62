// GoodTime's time-tracking REST API v2.1: a login that returns a JSON web
// token, GET resources answered with JSON arrays of flat objects, a POST that
// creates a time entry and a DELETE that removes one. Field names are the
// reference's ({id, name}, {loginemail}, {id, starttime, ...}); they match
// case-insensitively.
#include "catalog/declare.hpp"

namespace tb::catalog::detail {

namespace {

Column timestamp(std::string name, std::string field, std::string description) {
    Column c = epoch_ms(std::move(name), std::move(field), std::move(description));
    c.parser = ValueParser::Timestamp;  // ISO 8601 or epoch milliseconds: the reference says neither
    return c;
}

Column email(std::string name, std::string field, std::string description) {
    return not_null(text(std::move(name), std::move(field), std::move(description)));
}

KeyColumn every_user_key(std::string column) {
    KeyColumn k = key(std::move(column), "useremail", ParamFormat::Text, KeyColumn::Default::EveryUser);
    return k;
}

Table timetypes_table() {
    Table t;
    t.name = "timetypes";
    t.action = "timetypes";
    t.method = HttpMethod::Get;
    t.description = "The time types (categories of work) of the time recording.";
    t.columns = {not_null(integer("time_type_id", "id", "The time type's id")),
                 text("name", "name", "Name")};
    t.primary_key = {"time_type_id"};
    return t;
}

Table login_users_table() {
    Table t;
    t.name = "users";
    t.action = "users";
    t.method = HttpMethod::Get;
    t.description = "Every user's login email.";
    t.columns = {email("login_email", "loginemail", "The user's login email")};
    t.primary_key = {"login_email"};
    return t;
}

Table all_projects_table() {
    Table t;
    t.name = "projects";
    t.action = "projects";
    t.method = HttpMethod::Get;
    t.description = "The projects of the time recording.";
    t.columns = {not_null(integer("project_id", "id", "The project's id")), text("name", "name", "Name")};
    t.primary_key = {"project_id"};
    return t;
}

Table user_projects_table() {
    Table t;
    t.name = "user_projects";
    t.action = "projects/{useremail}";
    t.method = HttpMethod::Get;
    t.description = "The projects each user may book on: one request per user (projects/{useremail}).";
    t.columns = {request_value("login_email", SqlType::WVarchar, "The user (the requested useremail)"),
                 not_null(integer("project_id", "id", "The project's id")), text("name", "name", "Name")};
    t.columns[0].size = kShortText;
    KeyColumn user = every_user_key("login_email");
    user.in_path = true;
    t.keys = {user};
    t.primary_key = {"login_email", "project_id"};
    t.foreign_keys = {{"login_email", "users", "login_email"}, {"project_id", "projects", "project_id"}};
    return t;
}

std::vector<WriteRoute> timeentry_writes() {
    WriteRoute create{.kind = WriteKind::Insert, .action = "createtimeentry", .body = WriteBody::Json};
    create.fields = {
        {.column = "start_time", .field = "starttime", .format = WriteFormat::IsoDateTime, .required = true},
        {.column = "end_time", .field = "endtime", .format = WriteFormat::IsoDateTime, .required = true},
        {.column = "login_email", .field = "useremail", .required = true},
        {.column = "time_type_id", .field = "timetypeid", .format = WriteFormat::Integer, .required = true},
        {.column = "project_id", .field = "projectid", .format = WriteFormat::Integer, .required = true},
        {.column = "comment", .field = "comment"},
    };
    create.checks = {{.column = "end_time", .after_column = "start_time"},
                     {.column = "time_type_id", .ref_table = "timetypes", .ref_column = "time_type_id"},
                     {.column = "project_id", .ref_table = "projects", .ref_column = "project_id"}};
    create.created_id_field = "id";
    create.note = "one request per row; end_time after start_time, a known time type and project";

    WriteRoute del{.kind = WriteKind::Delete, .action = "deletetimeentry/{id}", .body = WriteBody::PathOnly,
                   .row_key = {"time_entry_id"}};
    del.method = HttpMethod::Delete;
    del.fields = {{.column = "time_entry_id", .field = "id", .format = WriteFormat::Integer, .required = true}};
    del.note = "one request per time_entry_id the WHERE names";
    return {std::move(create), std::move(del)};
}

Table timeentries_table() {
    Table t;
    t.name = "timeentries";
    t.action = "timeentries";
    t.method = HttpMethod::Get;
    t.description = "Each user's time entries of a period; further fields of the answer are run-time columns.";
    Column user = request_value("login_email", SqlType::WVarchar, "The user (the requested useremail)");
    user.size = kShortText;
    // The answer repeats the user as `useremail`: matched here so it is not
    // a run-time column; the requested value fills the column.
    user.header = "useremail";
    t.columns = {
        not_null(integer("time_entry_id", "id", "The time entry's id")),
        user,
        timestamp("start_time", "starttime", "Start (UTC when the service sends a zone or epoch milliseconds)"),
        timestamp("end_time", "endtime", "End"),
        integer("time_type_id", "timetypeid", "The time type"),
        integer("project_id", "projectid", "The project"),
        long_text("comment", "comment", "Comment"),
        boolean("locked", "locked", "The entry is locked (only where lockable time entries are enabled)"),
    };
    KeyColumn start = key("start_time", "start", ParamFormat::IsoDate, KeyColumn::Default::StartOfMonth);
    start.period = PeriodEnd::Start;
    start.derived_from = "start_time";
    KeyColumn end = key("start_time", "end", ParamFormat::IsoDate, KeyColumn::Default::EndOfMonth);
    end.period = PeriodEnd::End;
    end.derived_from = "start_time";
    t.keys = {every_user_key("login_email"), start, end};
    t.primary_key = {"time_entry_id"};
    t.foreign_keys = {{"login_email", "users", "login_email"},
                      {"time_type_id", "timetypes", "time_type_id"},
                      {"project_id", "projects", "project_id"}};
    t.runtime_columns = true;
    t.writes = timeentry_writes();
    return t;
}

} // namespace

Source goodtime_source() {
    Source s;
    s.name = "goodtime";
    s.title = "GoodTime REST API v2.1";
    s.auth = AuthKind::JwtLogin;
    s.format = AnswerFormat::Json;
    s.base_path = "/api/time-v2.1/";
    s.login_path = "/api/login";
    s.check_table = "timetypes";
    s.users_table = "users";
    s.users_column = "login_email";
    s.description = "GoodTime's time-tracking REST API v2.1: a login (UID, PWD) returns a JSON web token "
                    "sent as Bearer; GET resources answer JSON arrays.";
    s.tables = {timetypes_table(), login_users_table(), all_projects_table(), user_projects_table(), timeentries_table()};
    return s;
}

} // namespace tb::catalog::detail
