// The declarations against SCHEMA.md (names, order, types, keys) and their
// internal consistency (every name they mention exists).
#include "catalog/catalog.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using namespace tb::catalog;

namespace {

const Table& table(std::string_view name) {
    const Table* t = find_table(name);
    if (!t) throw std::runtime_error("no table " + std::string(name));
    return *t;
}

std::vector<std::string> column_names(const Table& t, bool with_input_only = true) {
    std::vector<std::string> out;
    for (const Column& c : t.columns)
        if (with_input_only || !c.input_only) out.push_back(c.name);
    return out;
}

using Names = std::vector<std::string>;

} // namespace

TEST(Tables, EverySchemaTableInDocumentationOrder) {
    Names names;
    for (const Table& t : tables()) names.push_back(t.name);
    EXPECT_EQ(names, (Names{"users", "absences", "worktime", "projects", "services", "holidaysets",
                            "workdays", "holidayentitlement", "holidays", "worktimeaccountinperiod",
                            "worktimeaccountbalance", "personnelfiles", "salaries", "timeclock",
                            "worktime_events"}));
}

TEST(Tables, ColumnsInSchemaOrder) {
    EXPECT_EQ(column_names(table("users")),
              (Names{"user_id", "last_name", "first_name", "employee_number", "email", "phone",
                     "mobile_phone", "cost_center", "branch_office", "department", "user_type",
                     "language", "manager_user_ids", "account_locked", "additional_information",
                     "date_of_entry", "date_of_separation", "date_of_birth",
                     "gender"}));  // input-only: useraccount's creation requires it, no answer has it
    EXPECT_EQ(column_names(table("absences")),
              (Names{"year", "absence_id", "date_from", "date_to", "half_day", "morning", "user_id",
                     "employee_number", "type", "extra_vacation_day", "state", "substitute_state",
                     "workdays", "hours", "medical_certificate", "comments", "substitute_user_id"}));
    EXPECT_EQ(column_names(table("worktime")),
              (Names{"year", "month", "worktime_id", "user_id", "employee_number", "date", "start_time",
                     "end_time", "working_seconds", "pause_seconds", "state", "project_id", "service_id",
                     "comments", "auto_stopped"}));
    EXPECT_EQ(column_names(table("projects")),
              (Names{"project_id", "name", "state", "budget_hours", "comments", "creation_date",
                     "service_required"}));
    EXPECT_EQ(column_names(table("services")),
              (Names{"service_id", "name", "state", "billable", "comments", "creation_date"}));
    EXPECT_EQ(column_names(table("holidaysets")), (Names{"holiday_set_id", "name"}));
    EXPECT_EQ(column_names(table("workdays")),
              (Names{"user_id", "valid_from", "monday_minutes", "tuesday_minutes", "wednesday_minutes",
                     "thursday_minutes", "friday_minutes", "saturday_minutes", "sunday_minutes",
                     "holiday_set_id"}));
    EXPECT_EQ(column_names(table("holidayentitlement")),
              (Names{"year", "user_id", "vacation_contingent", "remaining_vacation", "extra_vacation_days",
                     "severely_challenged_vacation", "expired_vacation", "paid_out_vacation",
                     "further_vacation_contingent"}));
    EXPECT_EQ(column_names(table("holidays")), (Names{"year", "user_id", "date", "day_fraction"}));
    EXPECT_EQ(column_names(table("worktimeaccountinperiod")), (Names{"start_date", "end_date", "user_id"}));
    EXPECT_EQ(column_names(table("worktimeaccountbalance")), (Names{"balance_date", "user_id"}));
    // email: SCHEMA.md's third key of the personnel actions, not in the CSV.
    EXPECT_EQ(column_names(table("personnelfiles")), (Names{"user_id", "employee_number", "email"}));
    EXPECT_EQ(column_names(table("salaries")),
              (Names{"user_id", "employee_number", "payment_type", "valid_from", "valid_until",
                     "salary_type", "gross_amount", "currency", "hours_per_week", "comments", "email"}));
    // command, project_id, service_id: named by SCHEMA.md's INSERT, read NULL.
    EXPECT_EQ(column_names(table("timeclock"), false),
              (Names{"user_id", "result", "state", "clock_started_at", "pause_started_at"}));
    EXPECT_EQ(column_names(table("timeclock")),
              (Names{"user_id", "result", "state", "clock_started_at", "pause_started_at", "command",
                     "project_id", "service_id"}));
    EXPECT_EQ(column_names(table("worktime_events")),
              (Names{"email", "employee_number", "event_time", "event", "project_id", "service_id",
                     "comments"}));
}

TEST(Tables, ColumnNamesUniqueAndSnakeCase) {
    for (const Table& t : tables()) {
        std::set<std::string> seen;
        EXPECT_FALSE(t.columns.empty()) << t.name;
        for (const Column& c : t.columns) {
            EXPECT_TRUE(seen.insert(c.name).second) << t.name << "." << c.name << " twice";
            EXPECT_EQ(snake_case(c.name), c.name) << t.name << "." << c.name;
            EXPECT_FALSE(c.description.empty()) << t.name << "." << c.name;
        }
        EXPECT_FALSE(t.description.empty()) << t.name;
        EXPECT_FALSE(t.action.empty()) << t.name;
        EXPECT_EQ(snake_case(t.name), t.name);
    }
}

TEST(Tables, HeadersParsersAndKeysAgree) {
    for (const Table& t : tables()) {
        for (const Column& c : t.columns) {
            const KeyColumn* k = t.find_key(c.name);
            const bool from_request = c.parser == ValueParser::None;
            if (from_request) {
                // Filled from the request (a key) or never read (input only).
                EXPECT_TRUE(c.header.empty()) << t.name << "." << c.name;
                EXPECT_TRUE(k != nullptr || c.input_only) << t.name << "." << c.name;
            } else {
                EXPECT_FALSE(c.header.empty()) << t.name << "." << c.name << " has no source header";
                EXPECT_FALSE(c.input_only) << t.name << "." << c.name;
            }
            if (c.input_only) { EXPECT_TRUE(c.nullable) << t.name << "." << c.name; }
            if (t.header_less && !from_request) { EXPECT_GE(c.csv_position, 0) << t.name << "." << c.name; }
            EXPECT_TRUE(!c.header_prefix || !c.header.empty());
        }
        if (t.write_only) {
            for (const Column& c : t.columns) EXPECT_TRUE(c.input_only) << t.name << "." << c.name;
        }
    }
}

TEST(Tables, KeyColumnsExist) {
    for (const Table& t : tables()) {
        std::set<std::string> params;
        for (const KeyColumn& k : t.keys) {
            EXPECT_NE(t.find_column(k.column), nullptr) << t.name << " key " << k.column;
            EXPECT_FALSE(k.param.empty()) << t.name << " key " << k.column;
            EXPECT_TRUE(params.insert(k.param).second) << t.name << " param " << k.param << " twice";
            if (!k.derived_from.empty()) {
                const Column* d = t.find_column(k.derived_from);
                ASSERT_NE(d, nullptr) << t.name << " derived_from " << k.derived_from;
                EXPECT_EQ(d->type, SqlType::Date);
            }
            EXPECT_LE(k.min_value, k.max_value);
        }
        for (const auto& [name, value] : t.fixed_params) {
            EXPECT_FALSE(name.empty());
            EXPECT_EQ(params.count(name), 0u) << t.name << ": fixed " << name << " is also a key";
        }
    }
}

TEST(Tables, PrimaryAndForeignKeysNameRealColumns) {
    for (const Table& t : tables()) {
        for (const std::string& pk : t.primary_key)
            EXPECT_NE(t.find_column(pk), nullptr) << t.name << " pk " << pk;
        for (const ForeignKey& fk : t.foreign_keys) {
            EXPECT_NE(t.find_column(fk.column), nullptr) << t.name << " fk " << fk.column;
            const Table* ref = find_table(fk.ref_table);
            ASSERT_NE(ref, nullptr) << t.name << " fk -> " << fk.ref_table;
            ASSERT_NE(ref->find_column(fk.ref_column), nullptr) << fk.ref_table << "." << fk.ref_column;
            EXPECT_EQ(ref->primary_key, std::vector<std::string>{fk.ref_column});
            EXPECT_EQ(t.find_column(fk.column)->type, ref->find_column(fk.ref_column)->type);
        }
    }
}

TEST(Tables, UserIdRefersToUsersEverywhereButUsers) {
    for (const Table& t : tables()) {
        auto has_fk = [&](std::string_view col, std::string_view ref) {
            return std::any_of(t.foreign_keys.begin(), t.foreign_keys.end(), [&](const ForeignKey& f) {
                return f.column == col && f.ref_table == ref;
            });
        };
        if (t.find_column("user_id")) { EXPECT_EQ(has_fk("user_id", "users"), t.name != "users") << t.name; }
        if (t.find_column("project_id")) { EXPECT_EQ(has_fk("project_id", "projects"), t.name != "projects") << t.name; }
        if (t.find_column("service_id")) { EXPECT_EQ(has_fk("service_id", "services"), t.name != "services") << t.name; }
        if (t.find_column("holiday_set_id")) {
            EXPECT_EQ(has_fk("holiday_set_id", "holidaysets"), t.name != "holidaysets") << t.name;
        }
    }
    EXPECT_EQ(table("absences").foreign_keys.size(), 2u);  // user_id, substitute_user_id
}

TEST(Tables, PrimaryKeys) {
    EXPECT_EQ(table("users").primary_key, Names{"user_id"});
    EXPECT_EQ(table("absences").primary_key, Names{"absence_id"});
    EXPECT_EQ(table("worktime").primary_key, Names{"worktime_id"});
    EXPECT_EQ(table("projects").primary_key, Names{"project_id"});
    EXPECT_EQ(table("services").primary_key, Names{"service_id"});
    EXPECT_EQ(table("holidaysets").primary_key, Names{"holiday_set_id"});
    EXPECT_EQ(table("workdays").primary_key, (Names{"user_id", "valid_from"}));
    EXPECT_EQ(table("holidayentitlement").primary_key, (Names{"year", "user_id"}));
    EXPECT_EQ(table("holidays").primary_key, (Names{"user_id", "date"}));
    EXPECT_EQ(table("worktimeaccountinperiod").primary_key, (Names{"start_date", "end_date", "user_id"}));
    EXPECT_EQ(table("worktimeaccountbalance").primary_key, (Names{"balance_date", "user_id"}));
    EXPECT_EQ(table("personnelfiles").primary_key, Names{"user_id"});
    EXPECT_TRUE(table("salaries").primary_key.empty());
    EXPECT_EQ(table("timeclock").primary_key, Names{"user_id"});
    EXPECT_TRUE(table("worktime_events").primary_key.empty());
}

TEST(Tables, TokensLimitsProfilesAndParams) {
    for (const Table& t : tables()) {
        const bool personnel = t.name == "personnelfiles" || t.name == "salaries";
        const bool limited = personnel || t.name.rfind("worktimeaccount", 0) == 0;
        EXPECT_EQ(t.token, personnel ? TokenKind::Personnel : TokenKind::General) << t.name;
        EXPECT_EQ(t.daily_limit, limited ? 12 : 0) << t.name;
        EXPECT_NE(t.profiles & Full, 0u) << t.name;  // the full edition has every action
        EXPECT_EQ(t.profiles & ~unsigned(AllProfiles), 0u) << t.name;
    }
    EXPECT_EQ(table("holidays").profiles, unsigned(Full));
    EXPECT_EQ(table("personnelfiles").profiles, unsigned(Full | Older));
    EXPECT_EQ(table("salaries").profiles, unsigned(Full | Older));
    EXPECT_EQ(table("worktimeaccountinperiod").profiles, unsigned(Full | Tenant));
    EXPECT_EQ(table("worktimeaccountbalance").profiles, unsigned(Full | Tenant));
    EXPECT_EQ(table("users").profiles, unsigned(AllProfiles));
    EXPECT_EQ(table("worktime_events").profiles, unsigned(AllProfiles));

    using P = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(table("worktimeaccountinperiod").fixed_params, (P{{"minutes", "true"}}));
    EXPECT_EQ(table("worktimeaccountbalance").fixed_params, (P{{"minutes", "true"}}));
    EXPECT_EQ(table("timeclock").fixed_params, (P{{"command", "status"}}));
    EXPECT_TRUE(table("timeclock").header_less);
    EXPECT_TRUE(table("worktime_events").write_only);
    EXPECT_EQ(table("worktime_events").action, "timeimportbyevents");

    for (std::string_view n : {"absences", "worktimeaccountinperiod", "worktimeaccountbalance", "personnelfiles"})
        EXPECT_TRUE(table(n).runtime_columns) << n;
    EXPECT_FALSE(table("users").runtime_columns);
}

TEST(Tables, KeyColumnDeclarations) {
    using D = KeyColumn::Default;
    const Table& wt = table("worktime");
    ASSERT_EQ(wt.keys.size(), 3u);
    EXPECT_EQ(wt.find_key("year")->param, "year");
    EXPECT_EQ(wt.find_key("year")->derived_from, "date");
    EXPECT_EQ(wt.find_key("month")->when_absent, D::MonthsOfCurrentYear);
    EXPECT_EQ(wt.find_key("month")->derived_from, "date");
    EXPECT_EQ(wt.find_key("month")->max_value, 12);
    EXPECT_TRUE(wt.find_key("user_id")->optional_on_instance);
    EXPECT_EQ(wt.find_key("user_id")->param, "userid");

    EXPECT_EQ(table("absences").find_key("year")->derived_from, "date_from");
    EXPECT_EQ(table("absences").find_key("year")->when_absent, D::CurrentYear);
    EXPECT_EQ(table("holidayentitlement").find_key("year")->when_absent, D::CurrentYear);
    EXPECT_EQ(table("holidays").find_key("user_id")->when_absent, D::Omit);

    const Table& period = table("worktimeaccountinperiod");
    EXPECT_EQ(period.find_key("start_date")->param, "startdate");
    EXPECT_EQ(period.find_key("start_date")->format, ParamFormat::IsoDate);
    EXPECT_EQ(period.find_key("start_date")->when_absent, D::FirstOfMonth);
    EXPECT_EQ(period.find_key("end_date")->param, "enddate");
    EXPECT_EQ(period.find_key("end_date")->when_absent, D::Today);
    EXPECT_EQ(table("worktimeaccountbalance").find_key("balance_date")->param, "date");
    EXPECT_EQ(table("worktimeaccountbalance").find_key("balance_date")->when_absent, D::Today);

    for (std::string_view n : {"personnelfiles", "salaries"}) {
        const Table& t = table(n);
        EXPECT_TRUE(t.keys_exclusive);
        EXPECT_EQ(t.find_key("user_id")->param, "userid");
        EXPECT_EQ(t.find_key("employee_number")->param, "employeenumber");
        EXPECT_EQ(t.find_key("employee_number")->format, ParamFormat::Text);
        EXPECT_EQ(t.find_key("email")->param, "email");
        for (const KeyColumn& k : t.keys) EXPECT_EQ(k.when_absent, D::Omit);
    }
    const KeyColumn* clock = table("timeclock").find_key("user_id");
    ASSERT_NE(clock, nullptr);
    EXPECT_EQ(clock->when_absent, D::EveryUser);
    EXPECT_EQ(table("timeclock").find_column("user_id")->parser, ValueParser::None);

    for (std::string_view n : {"users", "projects", "services", "holidaysets", "workdays"})
        EXPECT_TRUE(table(n).keys.empty()) << n;
}

TEST(Tables, TypesAndParsers) {
    auto col = [](std::string_view t, std::string_view c) -> const Column& {
        const Column* p = table(t).find_column(c);
        if (!p) throw std::runtime_error(std::string(t) + "." + std::string(c));
        return *p;
    };
    EXPECT_EQ(col("users", "manager_user_ids").header, "User ID list of the user's manager");
    EXPECT_TRUE(col("users", "manager_user_ids").header_prefix);
    EXPECT_EQ(col("users", "account_locked").parser, ValueParser::Bool);
    EXPECT_EQ(col("users", "date_of_birth").header, "Day of birth (dd/mm/yyyy)");
    EXPECT_EQ(col("users", "employee_number").type, SqlType::WVarchar);

    EXPECT_EQ(col("absences", "workdays").size, 7);
    EXPECT_EQ(col("absences", "workdays").scale, 2);
    EXPECT_EQ(col("absences", "hours").size, 9);
    EXPECT_EQ(col("absences", "substitute_user_id").parser, ValueParser::Reference);
    EXPECT_EQ(col("absences", "comments").size, 4000);
    EXPECT_EQ(col("absences", "type").size, 255);

    EXPECT_EQ(col("worktime", "project_id").parser, ValueParser::Reference);
    EXPECT_EQ(col("worktime", "service_id").parser, ValueParser::Reference);
    EXPECT_EQ(col("worktime", "user_id").parser, ValueParser::Integer);
    EXPECT_EQ(col("worktime", "start_time").parser, ValueParser::TimeHm);
    EXPECT_EQ(col("worktime", "date").parser, ValueParser::DateDmy);
    EXPECT_EQ(col("worktime", "year").parser, ValueParser::None);
    EXPECT_EQ(col("worktime", "year").header, "");

    EXPECT_EQ(col("holidays", "day_fraction").size, 3);
    EXPECT_EQ(col("holidays", "day_fraction").scale, 2);
    EXPECT_EQ(col("salaries", "gross_amount").size, 15);
    EXPECT_EQ(col("salaries", "hours_per_week").size, 5);
    EXPECT_EQ(col("timeclock", "clock_started_at").type, SqlType::Timestamp);
    EXPECT_EQ(col("timeclock", "clock_started_at").parser, ValueParser::EpochMillis);
    EXPECT_EQ(col("timeclock", "pause_started_at").csv_position, 3);
    EXPECT_EQ(col("worktimeaccountbalance", "user_id").csv_position, 0);
    EXPECT_EQ(col("worktime_events", "event_time").type, SqlType::Timestamp);
    EXPECT_TRUE(col("projects", "service_required").input_only);
    EXPECT_TRUE(col("users", "gender").input_only);
    EXPECT_EQ(col("projects", "service_required").type, SqlType::Bit);

    for (const Table& t : tables())
        for (const Column& c : t.columns) {
            if (c.type == SqlType::Decimal) {
                EXPECT_EQ(c.parser == ValueParser::Decimal || c.input_only, true) << t.name << "." << c.name;
                EXPECT_GT(c.size, c.scale);
            }
            if (c.type == SqlType::WVarchar) { EXPECT_TRUE(c.size == 255 || c.size == 4000) << t.name << "." << c.name; }
            if (c.parser == ValueParser::Bool) { EXPECT_EQ(c.type, SqlType::Bit); }
            if (c.parser == ValueParser::DateDmy) { EXPECT_EQ(c.type, SqlType::Date); }
            // Ids and counts are BIGINT (issue 12): ids beyond 2^31 exist.
            if (c.parser == ValueParser::Reference || c.parser == ValueParser::Integer) {
                EXPECT_EQ(c.type, SqlType::BigInt) << t.name << "." << c.name;
            }
            if (c.name.size() > 3 && c.name.substr(c.name.size() - 3) == "_id") {
                EXPECT_EQ(c.type, SqlType::BigInt) << t.name << "." << c.name;
            }
        }
}
