// holidaysets, workdays, holidayentitlement and holidays: the calendar side
// of a user (work days, bank holidays, vacation entitlement).
#include "catalog/declare.hpp"

namespace tb::catalog::detail {

namespace {
constexpr unsigned kNewer = Full | Tenant; // set* actions: not in the older edition
}

Table holidaysets_table() {
    Table t;
    t.name = "holidaysets";
    t.action = "holidaysets";
    t.description = "The holiday sets (bank holiday calendars) that work day periods refer to.";
    t.columns = {
        not_null(integer("holiday_set_id", "ID of the holiday set", "The holiday set's id")),
        text("name", "Name of the holiday set", "Name"),
    };
    t.primary_key = {"holiday_set_id"};
    return t;
}

namespace {

std::vector<WriteRoute> workday_writes() {
    // setworkdays replaces the user's whole period list, so every statement
    // kind becomes: read the user's periods, apply, send them all.
    std::vector<WriteField> fields = {
        {.column = "user_id", .field = "userid", .format = WriteFormat::Integer, .required = true},
        {.column = "valid_from", .field = "group_{n}_valid_from", .format = WriteFormat::IsoDate,
         .required = true},
    };
    const char* days[][2] = {{"monday", "mo"},   {"tuesday", "tu"}, {"wednesday", "we"},
                             {"thursday", "th"}, {"friday", "fr"},  {"saturday", "sa"},
                             {"sunday", "su"}};
    for (auto& d : days)
        fields.push_back({.column = std::string(d[0]) + "_minutes",
                          .field = std::string("group_{n}_working_time_") + d[1],
                          .format = WriteFormat::Integer, .required = true, .non_negative = true});
    fields.push_back({.column = "holiday_set_id", .field = "group_{n}_holiday_set_id",
                      .format = WriteFormat::Integer, .required = true});

    std::vector<WriteRoute> w;
    for (WriteKind kind : {WriteKind::Insert, WriteKind::Update, WriteKind::Delete}) {
        WriteRoute r{.kind = kind, .action = "setworkdays", .profiles = kNewer};
        if (kind != WriteKind::Insert) r.row_key = {"user_id", "valid_from"};
        r.whole_list = true;
        r.max_periods = 99;
        r.fields = fields;
        r.note = "one request per user changed, with the user's whole period list; the first period "
                 "holds from the beginning (its valid_from reads NULL); `WHERE user_id = n` alone "
                 "names every period of the user";
        w.push_back(std::move(r));
    }
    return w;
}

} // namespace

Table workdays_table() {
    Table t;
    t.name = "workdays";
    t.action = "workdays";
    t.description = "Each user's work day periods: planned minutes per weekday and the holiday set.";
    t.columns = {
        not_null(integer("user_id", "User ID", "The user")),
        date("valid_from", "Valid from (dd/mm/yyyy)", "First day of the period"),
        integer("monday_minutes", "Monday working time in minutes", "Planned minutes on Mondays (0: no work day)"),
        integer("tuesday_minutes", "Tuesday working time in minutes", "Planned minutes on Tuesdays"),
        integer("wednesday_minutes", "Wednesday working time in minutes", "Planned minutes on Wednesdays"),
        integer("thursday_minutes", "Thursday working time in minutes", "Planned minutes on Thursdays"),
        integer("friday_minutes", "Friday working time in minutes", "Planned minutes on Fridays"),
        integer("saturday_minutes", "Saturday working time in minutes", "Planned minutes on Saturdays"),
        integer("sunday_minutes", "Sunday working time in minutes", "Planned minutes on Sundays"),
        integer("holiday_set_id", "ID of the holiday set", "The bank holidays that apply"),
    };
    t.primary_key = {"user_id", "valid_from"};
    t.writes = workday_writes();
    return t;
}

Table holidayentitlement_table() {
    Table t;
    t.name = "holidayentitlement";
    t.action = "holidayentitlement";
    t.description = "Each user's vacation entitlement of a year, in days.";
    t.columns = {
        request_value("year", SqlType::Integer, "The year requested"),
        not_null(integer("user_id", "User ID", "The user")),
        decimal("vacation_contingent", 7, 2, "Vacation contingent", "Vacation days of the year"),
        decimal("remaining_vacation", 7, 2, "Remaining vacation", "Days carried over from the year before"),
        decimal("extra_vacation_days", 7, 2, "Extra vacation days", "Extra vacation days / special leave"),
        decimal("severely_challenged_vacation", 7, 2, "Additional vacation for severely challenged persons",
                "Additional days for severely challenged persons"),
        decimal("expired_vacation", 7, 2, "Expired vacation", "Expired days"),
        decimal("paid_out_vacation", 7, 2, "Paid out vacation", "Days paid out"),
        decimal("further_vacation_contingent", 7, 2, "Further vacation contingent",
                "Days of the further vacation contingent"),
    };
    KeyColumn year = key("year", "year", ParamFormat::Integer, KeyColumn::Default::CurrentYear);
    year.range_expandable = true;
    t.keys = {year};
    t.primary_key = {"year", "user_id"};

    WriteRoute r{.kind = WriteKind::Update, .action = "setholidayentitlement", .profiles = kNewer,
                 .row_key = {"user_id", "year"}};
    r.fields = {
        {.column = "user_id", .field = "userid", .format = WriteFormat::Integer, .required = true},
        {.column = "year", .field = "year", .format = WriteFormat::Integer, .required = true},
    };
    const char* map[][2] = {{"vacation_contingent", "holiday_entitlement"},
                            {"remaining_vacation", "remaining_leave"},
                            {"extra_vacation_days", "special_leave"},
                            {"severely_challenged_vacation", "severely_challenged_persons_leave"},
                            {"expired_vacation", "expired_leave"},
                            {"paid_out_vacation", "paid_out_leave"},
                            {"further_vacation_contingent", "other_leave"}};
    for (auto& m : map)
        r.fields.push_back({.column = m[0], .field = m[1], .format = WriteFormat::DecimalTenths});
    r.note = "only the columns SET are sent (the API keeps the others); values have one decimal place";
    t.writes = {std::move(r)};
    return t;
}

Table holidays_table() {
    Table t;
    t.name = "holidays";
    t.action = "holidays";
    t.profiles = Full;
    t.description = "The bank holidays of each user in a year.";
    t.columns = {
        request_value("year", SqlType::Integer, "The year requested"),
        not_null(integer("user_id", "User ID", "The user")),
        date("date", "Date", "The bank holiday"),
        decimal("day_fraction", 3, 2, "Full / Half day (1 or 0.5)", "1 for a full day, 0.5 for a half day"),
    };
    KeyColumn year = key("year", "year", ParamFormat::Integer, KeyColumn::Default::CurrentYear);
    year.derived_from = "date"; // a year's response holds only that year's dates
    year.range_expandable = true;
    t.keys = {year, key("user_id", "userid", ParamFormat::Integer, KeyColumn::Default::Omit)};
    t.primary_key = {"user_id", "date"};
    return t;
}

} // namespace tb::catalog::detail
