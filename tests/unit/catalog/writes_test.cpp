// Write routes (issue 6): declared next to each table, naming only real
// columns, and matching SCHEMA.md's Writes section and api-notes.md.
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

std::vector<const WriteRoute*> routes(const Table& t, WriteKind kind, std::string_view when_set = "") {
    std::vector<const WriteRoute*> out;
    for (const WriteRoute& r : t.writes)
        if (r.kind == kind && r.when_set == when_set) out.push_back(&r);
    return out;
}

const WriteField* field(const WriteRoute& r, std::string_view name) {
    for (const WriteField& f : r.fields)
        if (f.field == name) return &f;
    return nullptr;
}

} // namespace

TEST(Writes, RoutesNameRealColumns) {
    for (const Table& t : tables()) {
        for (const WriteRoute& r : t.writes) {
            const std::string where = t.name + " " + std::string(to_string(r.kind)) + " " + r.action;
            EXPECT_FALSE(r.action.empty()) << where;
            EXPECT_FALSE(r.fields.empty()) << where;
            EXPECT_NE(r.profiles & Full, 0u) << where;
            for (const WriteField& f : r.fields) {
                EXPECT_FALSE(f.field.empty()) << where;
                if (!f.column.empty()) { EXPECT_NE(t.find_column(f.column), nullptr) << where << ": " << f.column; }
                if (f.from_choice) { EXPECT_FALSE(r.choices.empty()) << where; }
                if (f.format == WriteFormat::IdList) { EXPECT_NE(f.field.find("{i}"), std::string::npos) << where; }
                if (f.field.find("{n}") != std::string::npos) { EXPECT_TRUE(r.whole_list) << where; }
            }
            for (const std::string& k : r.row_key) EXPECT_NE(t.find_column(k), nullptr) << where << ": " << k;
            for (const std::string& k : r.must_set) EXPECT_NE(t.find_column(k), nullptr) << where << ": " << k;
            for (const WriteChoice& c : r.choices) EXPECT_NE(t.find_column(c.column), nullptr) << where;
            if (!r.when_set.empty()) {
                EXPECT_EQ(r.kind, WriteKind::Update) << where;
                EXPECT_NE(t.find_column(r.when_set), nullptr) << where;
            }
            // UPDATE and DELETE find their rows by key (SCHEMA.md: WHERE project_id = ...).
            if (r.kind != WriteKind::Insert) { EXPECT_FALSE(r.row_key.empty()) << where; }
            if (r.whole_list) { EXPECT_GT(r.max_periods, 0) << where; }
        }
        EXPECT_EQ(t.write_route.empty(), t.writes.empty()) << t.name;
        if (t.write_only) { EXPECT_FALSE(t.writes.empty()) << t.name; }
    }
}

TEST(Writes, ReadOnlyTables) {
    for (std::string_view n : {"absences", "worktime", "services", "holidaysets", "holidays",
                               "worktimeaccountinperiod", "worktimeaccountbalance", "personnelfiles",
                               "salaries"})
        EXPECT_TRUE(table(n).writes.empty()) << n;
}

TEST(Writes, Projects) {
    const Table& t = table("projects");
    EXPECT_EQ(t.write_route, "projectsimport (INSERT, UPDATE, DELETE)");
    for (const WriteRoute& r : t.writes) {
        EXPECT_EQ(r.action, "projectsimport");
        EXPECT_EQ(r.body, WriteBody::CsvUpload);
        EXPECT_EQ(r.fields.size(), 7u);  // exactly 7 cells on every line
        EXPECT_EQ(r.fields[0].field, "command");
    }
    const WriteRoute& insert = *routes(t, WriteKind::Insert).at(0);
    EXPECT_EQ(insert.fields[0].constant, "CREATE");
    EXPECT_EQ(field(insert, "name")->max_length, 150);
    EXPECT_TRUE(field(insert, "name")->required);
    EXPECT_EQ(field(insert, "comment")->max_length, 200);
    EXPECT_TRUE(field(insert, "budget")->non_negative);
    const WriteField* active = field(insert, "active");
    ASSERT_NE(active, nullptr);
    EXPECT_EQ(active->column, "state");
    EXPECT_EQ(active->value_map,
              (std::vector<std::pair<std::string, std::string>>{{"Active", "true"}, {"Inactive", "false"}}));
    const WriteRoute& update = *routes(t, WriteKind::Update).at(0);
    EXPECT_EQ(update.fields[0].constant, "UPDATE");
    EXPECT_EQ(update.must_set, std::vector<std::string>{"service_required"});
    EXPECT_TRUE(update.send_all_fields);
    EXPECT_EQ(update.row_key, std::vector<std::string>{"project_id"});
    const WriteRoute& del = *routes(t, WriteKind::Delete).at(0);
    EXPECT_EQ(del.fields[0].constant, "DELETE");
    EXPECT_EQ(del.fields[1].column, "project_id");
    for (size_t i = 2; i < del.fields.size(); ++i) EXPECT_TRUE(del.fields[i].column.empty());
}

TEST(Writes, WorktimeEvents) {
    const Table& t = table("worktime_events");
    ASSERT_EQ(t.writes.size(), 1u);
    const WriteRoute& r = t.writes[0];
    EXPECT_EQ(r.action, "timeimportbyevents");
    EXPECT_EQ(r.body, WriteBody::CsvUpload);
    ASSERT_EQ(r.choices.size(), 2u);
    EXPECT_EQ(r.choices[0].column, "email");
    EXPECT_EQ(r.choices[0].value, "email");
    EXPECT_EQ(r.choices[1].column, "employee_number");
    EXPECT_EQ(r.choices[1].param, "useridentification");
    EXPECT_EQ(r.choices[1].value, "employeenumber");
    ASSERT_EQ(r.fields.size(), 6u);
    EXPECT_TRUE(r.fields[0].from_choice);
    EXPECT_EQ(r.fields[1].format, WriteFormat::EventTime);
    EXPECT_EQ(r.fields[2].allowed, (std::vector<std::string>{"START", "PAUSE", "RESUME", "STOP"}));
}

TEST(Writes, Users) {
    const Table& t = table("users");
    EXPECT_EQ(t.write_route, "useraccount (INSERT, UPDATE, DELETE); managerassignment (UPDATE)");
    ASSERT_EQ(routes(t, WriteKind::Insert).size(), 1u);
    ASSERT_EQ(routes(t, WriteKind::Update).size(), 1u);
    ASSERT_EQ(routes(t, WriteKind::Delete).size(), 1u);
    const WriteRoute& update = *routes(t, WriteKind::Update).at(0);
    EXPECT_TRUE(update.send_all_fields);
    EXPECT_EQ(update.row_key, std::vector<std::string>{"user_id"});
    EXPECT_EQ(field(update, "userid")->column, "user_id");
    EXPECT_EQ(field(update, "first_name")->max_length, 50);
    EXPECT_EQ(field(update, "cost_unit")->column, "cost_center");
    EXPECT_EQ(field(update, "additional_info")->max_length, 500);
    EXPECT_EQ(field(update, "employeenumber_new")->max_length, 20);

    EXPECT_EQ(field(*routes(t, WriteKind::Update, "email").at(0), "command")->constant, "modifyemail");
    auto lock = routes(t, WriteKind::Update, "account_locked");
    ASSERT_EQ(lock.size(), 2u);
    std::set<std::string> commands;
    for (const WriteRoute* r : lock) commands.insert(r->when_value + "=" + field(*r, "command")->constant);
    EXPECT_EQ(commands, (std::set<std::string>{"true=lock", "false=unlock"}));
    const WriteRoute& managers = *routes(t, WriteKind::Update, "manager_user_ids").at(0);
    EXPECT_EQ(managers.action, "managerassignment");
    EXPECT_EQ(field(managers, "manager{i}")->format, WriteFormat::IdList);

    const WriteRoute& insert = *routes(t, WriteKind::Insert).at(0);
    for (const char* f : {"email", "first_name", "lastname", "locale", "user_type"})
        EXPECT_TRUE(field(insert, f)->required) << f;
    for (const WriteRoute& r : t.writes) EXPECT_EQ(r.profiles, unsigned(Full | Tenant)) << r.action;
}

TEST(Writes, HolidayEntitlementWorkdaysTimeclock) {
    const WriteRoute& he = table("holidayentitlement").writes.at(0);
    EXPECT_EQ(he.kind, WriteKind::Update);
    EXPECT_EQ(he.action, "setholidayentitlement");
    EXPECT_EQ(he.row_key, (std::vector<std::string>{"user_id", "year"}));
    EXPECT_EQ(field(he, "holiday_entitlement")->column, "vacation_contingent");
    EXPECT_EQ(field(he, "other_leave")->column, "further_vacation_contingent");
    EXPECT_EQ(field(he, "paid_out_leave")->format, WriteFormat::DecimalTenths);
    EXPECT_FALSE(he.send_all_fields);

    const Table& wd = table("workdays");
    EXPECT_EQ(wd.writes.size(), 3u);
    for (const WriteRoute& r : wd.writes) {
        EXPECT_EQ(r.action, "setworkdays");
        EXPECT_TRUE(r.whole_list);
        EXPECT_EQ(r.max_periods, 99);
        EXPECT_EQ(field(r, "group_{n}_working_time_mo")->column, "monday_minutes");
        EXPECT_EQ(field(r, "group_{n}_working_time_su")->column, "sunday_minutes");
        EXPECT_EQ(field(r, "group_{n}_valid_from")->format, WriteFormat::IsoDate);
        EXPECT_EQ(field(r, "group_{n}_holiday_set_id")->column, "holiday_set_id");
    }

    const WriteRoute& clock = table("timeclock").writes.at(0);
    EXPECT_EQ(clock.kind, WriteKind::Insert);
    EXPECT_EQ(field(clock, "command")->allowed,
              (std::vector<std::string>{"start", "pause", "resume", "stop", "cancel"}));
    EXPECT_EQ(field(clock, "projectid")->column, "project_id");
    EXPECT_EQ(field(clock, "userid")->column, "user_id");
    EXPECT_TRUE(field(clock, "userid")->required);
}

TEST(Writes, UploadLimits) {
    EXPECT_EQ(upload_limit_bytes(Full), 9216000);
    EXPECT_EQ(upload_limit_bytes(Tenant), 9216000);
    EXPECT_EQ(upload_limit_bytes(Older), 3072000);
}
