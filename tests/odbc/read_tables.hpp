// Shared by test_tables_full.cpp, test_tables_tenant.cpp and
// test_tables_older.cpp: every read table as one case (statement, row count,
// the exact requests, every column of a few known rows) per simulator
// profile, and the tables a profile lacks. The values are the simulator's
// deterministic data with --users 25 --years 2023-2025 --seed 1
// (tests/sim/README.md, "Values the read-table tests rely on").
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

namespace tb::test {

enum class SimProfile { Full, Tenant, Older };

inline std::vector<std::string> profile_flags(SimProfile p) {
    const char* name = p == SimProfile::Full ? "full" : p == SimProfile::Tenant ? "tenant" : "older";
    return {"--profile", name, "--users", "25", "--years", "2023-2025", "--seed", "1", "--today", "2025-06-13"};
}

using Values = std::vector<std::optional<std::string>>;
inline const std::optional<std::string> N = std::nullopt;

// A request as the simulator logs it: the action and its form fields as
// JSON, keys sorted ({"month":"3","year":"2024"}).
struct ExpectedRequest {
    std::string action;
    std::string params;
};

struct KnownRow {
    std::vector<std::pair<std::string, std::string>> match;  // column = value pairs picking one row
    Values values;                                           // every column, SELECT * order
};

struct TableCase {
    std::string table;
    std::string where;                      // "" for none
    std::size_t rows = 0;
    std::vector<ExpectedRequest> requests;  // exactly these, in any order
    std::vector<std::string> columns;       // SELECT * column names, run-time ones included
    std::vector<KnownRow> known;
};

// gtest prints the table name for a case.
inline void PrintTo(const TableCase& c, std::ostream* out) { *out << c.table; }

inline std::vector<TableCase> table_cases(SimProfile p) {
    const bool full = p == SimProfile::Full, tenant = p == SimProfile::Tenant, older = p == SimProfile::Older;
    // Columns the profile's responses lack read NULL.
    auto employee = [&](const char* number) { return older ? N : std::optional<std::string>(number); };
    const std::optional<std::string> no_auto_stop = full ? std::optional<std::string>("0") : N;
    auto further = [&](const char* days) { return older ? N : std::optional<std::string>(days); };

    std::vector<TableCase> cases;
    cases.push_back(
        {"users", "", 25, {{"users", "{}"}},
         {"user_id", "last_name", "first_name", "employee_number", "email", "phone", "mobile_phone", "cost_center",
          "branch_office", "department", "user_type", "language", "manager_user_ids", "account_locked",
          "additional_information", "date_of_entry", "date_of_separation", "date_of_birth", "gender"},
         {{{{"user_id", "1"}},
           {"1", "Müller", "Jürgen", "00101", "juergen.mueller@example.com", "+49 89 4000017", N, "KST-200",
            "München", "Geschäftsführung", "Admin", "de_DE", N, "0", N, "2012-06-01", N, "1971-08-14", N}},
          {{{"user_id", "9"}},
           {"9", "Wagner", "Maximilian", "MA0209", "maximilian.wagner@example.com", "+49 40 4000153",
            "+49 171 1000333", "KST-200", "Hamburg", "Entwicklung", "Employee", "de_DE", "2", "0", N, "2011-10-01",
            N, "1979-04-06", N}},
          {{{"user_id", "10"}},
           {"10", "Fuchs", "Sophie", N, "sophie.fuchs@example.com", "+49 211 4000170", N, "KST-300", "Düsseldorf",
            "Personal", "Manager", "de_DE", "1", "0", "Teilzeit", "2018-03-15", N, "1990-11-19", N}},
          {{{"user_id", "11"}},
           {"11", "Strauß", "Günther", "00111", "guenther.strauss@example.com", "+49 89 4000187", N, "KST-400",
            "München", "Buchhaltung", "Employee", "de_DE", "10", "1", N, "2006-08-01", "2024-06-30",
            "1961-06-04", N}}}});

    cases.push_back(
        {"absences", "year = 2024", 133, {{"absences", R"({"year":"2024"})"}},
         {"year", "absence_id", "date_from", "date_to", "half_day", "morning", "user_id", "employee_number", "type",
          "extra_vacation_day", "state", "substitute_state", "workdays", "hours", "medical_certificate", "comments",
          "substitute_user_id", "dienstreise_zielort", "dienstreise_entfernung_in_km", "weiterbildung_kursname",
          "weiterbildung_kursgebuehr"},
         {{{{"absence_id", "24000101"}},
           {"2024", "24000101", "2024-01-25", "2024-01-31", "0", "0", "1", employee("00101"), "Urlaub", "0",
            "Approved", "No approval required", "5.00", "40.00", N, N, N, N, N, N, N}},
          {{{"absence_id", "24000202"}},
           {"2024", "24000202", "2024-04-23", "2024-04-23", "1", "1", "2", employee("00102"), "Dienstreise", "0",
            "Approved", "No approval required", "0.50", "4.00", N, N, N, "Nürnberg", "71", N, N}},
          {{{"absence_id", "24000303"}},
           {"2024", "24000303", "2024-05-31", "2024-05-31", "0", "0", "3", employee("00103"), "Krankheit", "0",
            "Approved", "Approved", "1.00", "8.00", "false", N, "23", N, N, N, N}},
          {{{"absence_id", "24000304"}},
           {"2024", "24000304", "2024-08-13", "2024-08-13", "0", "0", "3", employee("00103"), "Weiterbildung", "0",
            "Approved", "No approval required", "1.00", "8.00", N, N, N, N, N, "Präsentieren mit Überzeugung",
            "574.5"}},
          {{{"absence_id", "24000201"}},
           {"2024", "24000201", "2024-01-08", "2024-01-19", "0", "0", "2", employee("00102"), "Urlaub", "1", "Done",
            "No approval required", "10.00", "80.00", N, N, N, N, N, N, N}}}});

    cases.push_back(
        {"worktime", "year = 2024 AND month = 3", 525, {{"worktime", R"({"month":"3","year":"2024"})"}},
         {"year", "month", "worktime_id", "user_id", "employee_number", "date", "start_time", "end_time",
          "working_seconds", "pause_seconds", "state", "project_id", "service_id", "comments", "auto_stopped"},
         {{{{"worktime_id", "10851"}},
           {"2024", "3", "10851", "1", employee("00101"), "2024-03-01", "07:55:00", "15:22:00", "25020", "1800",
            "Done", "3", "4", N, no_auto_stop}},
          // Wednesday night shift: the end time is earlier than the start time.
          {{{"worktime_id", "11042"}},
           {"2024", "3", "11042", "7", employee("00107"), "2024-03-06", "21:16:00", "05:25:00", "27540", "1800",
            "Done", N, "3", N, no_auto_stop}},
          {{{"worktime_id", "11044"}},
           {"2024", "3", "11044", "7", employee("00107"), "2024-03-08", "08:41:00", "17:26:00", "28800", "2700",
            "Done", "4", "1", "Überstunden wegen Release", no_auto_stop}},
          {{{"worktime_id", "11135"}},
           {"2024", "3", "11135", "10", N, "2024-03-06", "08:08:00", "16:10:00", "25320", "3600", "Done", "1", "1",
            N, no_auto_stop}},
          {{{"worktime_id", "10927"}},
           {"2024", "3", "10927", "3", employee("00103"), "2024-03-15", "07:37:00", "15:25:00", "24480", "3600",
            "In process", "2", N, N, full ? std::optional<std::string>("1") : N}}}});

    cases.push_back({"projects", "", 12, {{"projects", "{}"}},
                     {"project_id", "name", "state", "budget_hours", "comments", "creation_date", "service_required"},
                     {{{{"project_id", "1"}},
                       {"1", "Website-Relaunch", "Active", "400", "Kunde: Müller & Söhne GmbH", "2021-03-15", N}},
                      {{{"project_id", "4"}}, {"4", "Wartung und Support", "Active", N, N, "2022-02-01", N}},
                      {{{"project_id", "8"}}, {"8", "Büroumzug Köln", "Inactive", "0", "Abgeschlossen", "2022-06-30", N}},
                      {{{"project_id", "10"}}, {"10", "Größenwahn 2.0", "Active", N, N, "2023-07-07", N}}}});

    cases.push_back({"services", "", 6, {{"services", "{}"}},
                     {"service_id", "name", "state", "billable", "comments", "creation_date"},
                     {{{{"service_id", "2"}}, {"2", "Entwicklung", "Active", "1", "Stundensatz 95 €", "2021-01-04"}},
                      {{{"service_id", "4"}}, {"4", "Reisezeit", "Active", "0", "Nicht abrechenbar", "2022-03-01"}},
                      {{{"service_id", "5"}}, {"5", "Support", "Inactive", "1", N, "2022-03-01"}}}});

    cases.push_back({"holidaysets", "", 5, {{"holidaysets", "{}"}},
                     {"holiday_set_id", "name"},
                     {{{{"holiday_set_id", "1"}}, {"1", "Bayern"}},
                      {{{"holiday_set_id", "5"}}, {"5", "Österreich (Wien)"}}}});

    cases.push_back(
        {"workdays", "", 31, {{"workdays", "{}"}},
         {"user_id", "valid_from", "monday_minutes", "tuesday_minutes", "wednesday_minutes", "thursday_minutes",
          "friday_minutes", "saturday_minutes", "sunday_minutes", "holiday_set_id"},
         {// The first period is valid from the beginning: an empty date.
          {{{"user_id", "3"}, {"valid_from", ""}}, {"3", N, "480", "480", "480", "480", "480", "0", "0", "3"}},
          {{{"user_id", "3"}, {"valid_from", "2024-04-01"}},
           {"3", "2024-04-01", "420", "420", "420", "420", "420", "0", "0", "3"}},
          {{{"user_id", "4"}}, {"4", N, "240", "240", "240", "240", "240", "0", "0", "4"}},
          {{{"user_id", "5"}}, {"5", N, "480", "480", "480", "480", "0", "0", "0", "2"}}}});

    cases.push_back(
        {"holidayentitlement", "year = 2024", 25, {{"holidayentitlement", R"({"year":"2024"})"}},
         {"year", "user_id", "vacation_contingent", "remaining_vacation", "extra_vacation_days",
          "severely_challenged_vacation", "expired_vacation", "paid_out_vacation", "further_vacation_contingent"},
         {{{{"user_id", "1"}}, {"2024", "1", "30.00", "4.00", "0.00", "0.00", "0.00", "0.00", further("2.00")}},
          // Expired vacation: "Expired Vacation" on tenant instances, matched case-insensitively.
          {{{"user_id", "2"}}, {"2024", "2", "30.00", "4.50", "0.00", "0.00", "1.50", "0.00", further("0.00")}},
          {{{"user_id", "4"}}, {"2024", "4", "30.00", "4.00", "1.00", "0.00", "1.50", "3.00", further("2.00")}},
          {{{"user_id", "5"}}, {"2024", "5", "24.00", "8.50", "1.00", "0.00", "0.00", "0.00", further("0.00")}}}});

    if (full)
        cases.push_back({"holidays", "year = 2024 AND user_id = 1", 15,
                         {{"holidays", R"({"userid":"1","year":"2024"})"}},
                         {"year", "user_id", "date", "day_fraction"},
                         {{{{"date", "2024-01-06"}}, {"2024", "1", "2024-01-06", "1.00"}},
                          {{{"date", "2024-12-24"}}, {"2024", "1", "2024-12-24", "0.50"}},
                          {{{"date", "2024-12-31"}}, {"2024", "1", "2024-12-31", "0.50"}}}});

    if (!older) {
        cases.push_back(
            {"worktimeaccountinperiod", "start_date = '2024-03-01' AND end_date = '2024-03-31'", 25,
             {{"worktimeaccountinperiod", R"({"enddate":"2024-03-31","minutes":"true","startdate":"2024-03-01"})"}},
             {"start_date", "end_date", "user_id", "target_working_time", "actual_working_time", "absences",
              "balance"},
             {{{{"user_id", "1"}}, {"2024-03-01", "2024-03-31", "1", "9600", "8660", "0", "-940"}},
              {{{"user_id", "3"}}, {"2024-03-01", "2024-03-31", "3", "9120", "8465", "0", "-655"}}}});
        cases.push_back(
            {"worktimeaccountbalance", "balance_date = '2024-06-30'", 25,
             {{"worktimeaccountbalance", R"({"date":"2024-06-30","minutes":"true"})"}},
             {"balance_date", "user_id", "overtime_balance_at_start_of_year", "target_working_time",
              "actual_working_time", "absences", "overtime_balance"},
             {{{{"user_id", "1"}}, {"2024-06-30", "1", "682", "59040", "54795", "3840", "277"}},
              {{{"user_id", "2"}}, {"2024-06-30", "2", "710", "59040", "54205", "5040", "915"}}}});
    }

    if (!tenant) {
        cases.push_back(
            {"personnelfiles", "", 25, {{"personnelfiles", "{}"}},
             {"user_id", "employee_number", "email", "home_address_street", "home_address_zip_code",
              "home_address_city", "personal_data_place_of_birth", "personal_data_marital_status",
              "emergency_contact_name", "emergency_contact_phone"},
             {// Leipzig's ZIP code keeps its leading zero.
              {{{"user_id", "1"}},
               {"1", "00101", N, "Hauptstraße 8", "04109", "Leipzig", "Würzburg", "verheiratet",
                "Angehörige(r) von Jürgen", "+49 160 5550001"}},
              {{{"user_id", "2"}},
               {"2", "00102", N, "Am Mühlbach 15", "10115", "Berlin", "Zürich", "geschieden", N, N}}}});
        cases.push_back(
            {"salaries", "", 43, {{"salaries", "{}"}},
             {"user_id", "employee_number", "payment_type", "valid_from", "valid_until", "salary_type",
              "gross_amount", "currency", "hours_per_week", "comments", "email"},
             {{{{"user_id", "2"}, {"payment_type", "Variable remuneration"}},
               {"2", "00102", "Variable remuneration", "2024-01-01", "2024-12-31", "Provision", "5000.00", "EUR", N,
                "Zielerreichung 80 %", N}},
              {{{"user_id", "3"}, {"valid_from", "2024-01-01"}},
               {"3", "00103", "Salary", "2024-01-01", N, "Festgehalt", "3582.00", "EUR", "40.00", "Gehaltserhöhung",
                N}},
              {{{"user_id", "10"}},
               {"10", N, "Salary", "2018-03-15", N, "Festgehalt", "4370.00", "EUR", "20.00", N, N}},
              {{{"user_id", "4"}, {"payment_type", "Bonus payments"}},
               {"4", "00104", "Bonus payments", "2024-12-15", N, "Weihnachtsgeld", "1000.00", "EUR", N, N, N}}}});
    }

    // The clock of every user: the user list, then one status request each.
    TableCase clock{"timeclock", "", 25, {{"users", "{}"}},
                    {"user_id", "result", "state", "clock_started_at", "pause_started_at", "command", "project_id",
                     "service_id"},
                    {{{{"user_id", "1"}}, {"1", "OK", "IDLE", N, N, N, N, N}},
                     {{{"user_id", "25"}}, {"25", "OK", "IDLE", N, N, N, N, N}}}};
    for (int user = 1; user <= 25; ++user)
        clock.requests.push_back({"timeclock", R"({"command":"status","userid":")" + std::to_string(user) + "\"}"});
    cases.push_back(clock);

    cases.push_back({"worktime_events", "", 0, {},
                     {"email", "employee_number", "event_time", "event", "project_id", "service_id", "comments"},
                     {}});
    return cases;
}

// The tables whose action the profile's instance does not offer.
inline std::vector<std::string> missing_tables(SimProfile p) {
    switch (p) {
    case SimProfile::Full: return {};
    case SimProfile::Tenant: return {"holidays", "personnelfiles", "salaries"};
    case SimProfile::Older: return {"holidays", "worktimeaccountinperiod", "worktimeaccountbalance"};
    }
    return {};
}

// The "params" object of a logged request.
inline std::string logged_params(const LoggedRequest& r) {
    const std::string key = "\"params\":";
    const auto start = r.line.find(key);
    if (start == std::string::npos) return "";
    const auto end = r.line.find('}', start);
    return r.line.substr(start + key.size(), end - start - key.size() + 1);
}

inline std::string show(const Values& row) {
    std::string out;
    for (const auto& v : row) out += (out.empty() ? "" : " | ") + (v ? *v : std::string("NULL"));
    return out;
}

// One case: a fresh connection with its own cache runs SELECT *, checks
// the count, the exact requests, the column names and every known row, then
// runs it again and checks that the cache answered.
inline void check_table_case(const SimProcess& sim, const TableCase& c) {
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    sim.clear_log();
    const std::string sql = "SELECT * FROM " + c.table + (c.where.empty() ? "" : " WHERE " + c.where);
    std::vector<std::string> names;
    const auto rows = connection.query(sql, &names);
    EXPECT_EQ(rows.size(), c.rows) << sql;
    EXPECT_EQ(names, c.columns) << sql;

    std::vector<std::string> made, wanted;
    for (const auto& r : sim.requests()) made.push_back(r.action + " " + logged_params(r));
    for (const auto& r : c.requests) wanted.push_back(r.action + " " + r.params);
    std::sort(made.begin(), made.end());
    std::sort(wanted.begin(), wanted.end());
    EXPECT_EQ(made, wanted) << sql;

    for (const auto& known : c.known) {
        std::vector<const Row*> found;
        for (const auto& row : rows) {
            bool all = true;
            for (const auto& [column, value] : known.match) {
                const auto at = std::find(names.begin(), names.end(), column) - names.begin();
                ASSERT_LT(std::size_t(at), names.size()) << column;
                const auto& cell = row[std::size_t(at)];
                all = all && (value.empty() ? !cell.has_value() : cell == value);
            }
            if (all) found.push_back(&row);
        }
        ASSERT_EQ(found.size(), 1u) << c.table << ": rows matching " << known.match.front().first << " = "
                                    << known.match.front().second;
        EXPECT_EQ(show(*found.front()), show(known.values)) << c.table;
    }

    sim.clear_log();
    EXPECT_EQ(connection.query(sql).size(), c.rows);
    EXPECT_TRUE(sim.requests().empty()) << c.table << ": the second SELECT is answered from the cache";
}

// A table the instance lacks: the clear error naming the action, one
// request, then within the TTL the same error without a request.
inline void check_missing_table(const SimProcess& sim, const std::string& table) {
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string("CacheTTL=300"))));
    sim.clear_log();
    const std::string sql = "SELECT * FROM " + table + (table == "holidays" ? " WHERE year = 2024" : "");
    for (int attempt = 0; attempt < 2; ++attempt) {
        const auto diags = connection.query_error(sql);
        ASSERT_FALSE(diags.empty()) << table << " must fail";
        EXPECT_EQ(diags[0].sqlstate, "HY000");
        EXPECT_NE(diags[0].message.find("does not offer the action '" + table + "'"), std::string::npos)
            << diags[0].message;
        EXPECT_NE(diags[0].message.find("table " + table + " is not available"), std::string::npos)
            << diags[0].message;
    }
    EXPECT_EQ(sim.requests(table).size(), 1u) << "the second attempt is answered from the cache";
    // The connection stays usable.
    EXPECT_EQ(connection.query("SELECT COUNT(*) FROM projects").size(), 1u);
}

// gtest's test name of a case: the table.
struct CaseName {
    std::string operator()(const ::testing::TestParamInfo<TableCase>& info) const { return info.param.table; }
};

} // namespace tb::test
