#include "tests/corpus/test_db.hpp"

#include "catalog/catalog.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace tb::sql::test {

namespace {

// The dataset, in named columns: the tables themselves come from the
// catalog (cache_ddl), so they have the driver's columns in the driver's order;
// columns not named here (users.gender, the input-only ones) stay NULL.
// Hundreds of corpus expectations depend on these values: change none.
const char* const data = R"SQL(
INSERT INTO users (user_id, last_name, first_name, employee_number, email, phone, mobile_phone, cost_center,
  branch_office, department, user_type, language, manager_user_ids, account_locked,
  additional_information, date_of_entry, date_of_separation, date_of_birth) VALUES
 (1, 'Müller', 'Anna', 'E001', 'anna@example.com', '0301', NULL, 'CC1', 'Berlin', 'Vertrieb', 'Employee', 'de', '4', 0, NULL, '2020-01-15', NULL, '1985-03-02'),
 (2, 'Schmidt', 'Bernd', 'E002', 'bernd@example.com', NULL, '0171', 'CC2', 'Berlin', 'Entwicklung', 'Admin', 'de', NULL, 0, 'Teamlead', '2019-06-01', NULL, '1979-11-30'),
 (3, 'Becker', 'Clara', 'E003', 'clara@example.com', NULL, NULL, 'CC2', 'Hamburg', 'Entwicklung', 'Employee', 'en', '2', 0, NULL, '2021-09-01', NULL, '1992-07-14'),
 (4, 'Weber', 'Dieter', 'E004', 'dieter@example.com', '0402', NULL, 'CC1', 'Hamburg', 'Vertrieb', 'Manager', 'de', NULL, 1, NULL, '2015-02-01', '2025-03-31', '1970-01-20'),
 (5, 'Fischer', 'Eva', 'E005', 'eva@example.com', NULL, NULL, NULL, 'Berlin', NULL, 'Employee', 'de', '2,4', 0, 'O''Neil project', '2024-04-01', NULL, '1999-12-24');
INSERT INTO absences (year, absence_id, date_from, date_to, half_day, morning, user_id, employee_number, type,
  extra_vacation_day, state, substitute_state, workdays, hours, medical_certificate, comments,
  substitute_user_id) VALUES
 (2024, 101, '2024-01-08', '2024-01-12', 0, 0, 1, 'E001', 'Urlaub', 0, 'Approved', 'Approved', 5, 40, NULL, NULL, 2),
 (2024, 102, '2024-03-04', '2024-03-04', 1, 1, 2, 'E002', 'Krankheit', 0, 'Approved', NULL, 0.5, 4, 'yes', 'Arzt', NULL),
 (2024, 103, '2024-07-15', '2024-07-26', 0, 0, 3, 'E003', 'Urlaub', 0, 'Approved', 'Approved', 10, 80, NULL, 'Sommer', 4),
 (2024, 104, '2024-12-23', '2024-12-31', 0, 0, 1, 'E001', 'Urlaub', 1, 'Pending', NULL, 5, 40, NULL, NULL, NULL),
 (2025, 201, '2025-01-02', '2025-01-03', 0, 0, 2, 'E002', 'Urlaub', 0, 'Approved', NULL, 2, 16, NULL, NULL, NULL),
 (2025, 202, '2025-02-10', '2025-02-14', 0, 0, 4, 'E004', 'Krankheit', 0, 'Approved', NULL, 5, 40, 'yes', NULL, NULL),
 (2025, 203, '2025-03-17', '2025-03-18', 0, 0, 5, 'E005', 'Dienstreise', 0, 'Rejected', NULL, 2, 16, NULL, 'Messe', 1),
 (2025, 204, '2025-05-30', '2025-05-30', 1, 0, 3, 'E003', 'Urlaub', 0, 'Approved', NULL, 0.5, 4, NULL, NULL, NULL);
INSERT INTO worktime (year, month, worktime_id, user_id, employee_number, date, start_time, end_time, working_seconds,
  pause_seconds, state, project_id, service_id, comments, auto_stopped) VALUES
 (2024, 1, 1001, 1, 'E001', '2024-01-02', '08:00:00', '16:30:00', 28800, 1800, 'Approved', 10, 1, NULL, 0),
 (2024, 1, 1002, 2, 'E002', '2024-01-02', '09:00:00', '17:00:00', 27000, 1800, 'Approved', 11, 2, 'Review', 0),
 (2024, 2, 1003, 1, 'E001', '2024-02-05', '08:15:00', '12:15:00', 14400, 0, 'Approved', NULL, NULL, NULL, 0),
 (2024, 3, 1004, 3, 'E003', '2024-03-11', '07:30:00', '15:30:00', 27000, 1800, 'Open', 10, 1, NULL, 1),
 (2024, 12, 1005, 2, 'E002', '2024-12-20', '10:00:00', '18:00:00', 27000, 1800, 'Approved', 12, NULL, NULL, 0),
 (2025, 1, 2001, 1, 'E001', '2025-01-06', '08:00:00', '16:00:00', 27000, 1800, 'Approved', 10, 1, NULL, 0),
 (2025, 1, 2002, 3, 'E003', '2025-01-07', '08:30:00', '17:30:00', 30600, 1800, 'Approved', 11, 2, 'Release', 0),
 (2025, 1, 2003, 2, 'E002', '2025-01-31', '09:00:00', '13:00:00', 14400, 0, 'Open', NULL, NULL, NULL, 0),
 (2025, 2, 2004, 1, 'E001', '2025-02-03', '08:00:00', '16:30:00', 28800, 1800, 'Approved', 10, 1, NULL, 0),
 (2025, 2, 2005, 4, 'E004', '2025-02-04', '07:00:00', '15:00:00', 27000, 1800, 'Approved', 12, 2, NULL, 0),
 (2025, 2, 2006, 5, 'E005', '2025-02-28', '12:00:00', '20:00:00', 27000, 1800, 'Open', 11, NULL, 'Late', 1),
 (2025, 3, 2007, 1, 'E001', '2025-03-03', '08:00:00', '12:00:00', 14400, 0, 'Approved', 10, 1, NULL, 0),
 (2025, 3, 2008, 2, 'E002', '2025-03-04', '09:00:00', '18:00:00', 30600, 1800, 'Approved', 11, 2, NULL, 0),
 (2025, 3, 2009, 3, 'E003', '2025-03-31', '08:00:00', '16:00:00', 27000, 1800, 'Approved', NULL, NULL, NULL, 0);
INSERT INTO projects (project_id, name, state, budget_hours, comments, creation_date, service_required) VALUES
 (10, 'Website', 'Active', 100, NULL, '2023-05-01', NULL),
 (11, 'ERP Rollout', 'Active', 500, 'Phase 2', '2024-01-10', NULL),
 (12, 'Archiv', 'Inactive', NULL, NULL, '2020-02-02', NULL);
INSERT INTO services (service_id, name, state, billable, comments, creation_date) VALUES (1, 'Beratung', 'Active', 1, NULL, '2022-01-01'), (2, 'Entwicklung', 'Active', 0, 'intern', '2022-01-01');
INSERT INTO holidays (year, user_id, date, day_fraction) VALUES (2024, 1, '2024-12-25', 1), (2024, 1, '2024-12-24', 0.5), (2025, 1, '2025-01-01', 1),
 (2025, 2, '2025-01-01', 1), (2025, 3, '2025-04-18', 1);
INSERT INTO holidayentitlement (year, user_id, vacation_contingent, remaining_vacation, extra_vacation_days) VALUES (2024, 1, 30, 10, 0), (2024, 2, 28, 0, 2), (2025, 1, 30, 30, 0), (2025, 2, 28, 26, 0);
INSERT INTO timeclock (user_id, result, state, clock_started_at, pause_started_at) VALUES (1, 'OK', 'running', '2025-03-03 08:00:00', NULL), (2, 'OK', 'idle', NULL, NULL),
 (3, 'OK', 'paused', '2025-03-03 07:45:00', '2025-03-03 12:00:00'), (4, 'OK', 'idle', NULL, NULL), (5, 'OK', 'idle', NULL, NULL);
)SQL";


std::string cell(sqlite3_stmt* stmt, int i) {
    switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_NULL: return "NULL";
    case SQLITE_INTEGER: return std::to_string(sqlite3_column_int64(stmt, i));
    case SQLITE_FLOAT: return format_number(sqlite3_column_double(stmt, i));
    default: return reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
    }
}

} // namespace

TestDb::TestDb() {
    if (sqlite3_open(":memory:", &db_) != SQLITE_OK) throw std::runtime_error("cannot open sqlite");
    for (const std::string& name : tables()) exec(catalog::cache_ddl(*catalog::find_table(name), name));
    exec(data);
}

const std::vector<std::string>& TestDb::tables() {
    static const std::vector<std::string> names = {"users",    "absences", "worktime",           "projects",
                                                   "services", "holidays", "holidayentitlement", "timeclock"};
    return names;
}

TestDb::~TestDb() { sqlite3_close(db_); }

void TestDb::exec(const std::string& sql) const {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw std::runtime_error(message + " in: " + sql);
    }
}

Rows TestDb::run(const std::string& sql, const std::vector<std::string>& parameters) const {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string(sqlite3_errmsg(db_)) + " in: " + sql);
    for (std::size_t i = 0; i < parameters.size(); ++i)
        sqlite3_bind_text(stmt, static_cast<int>(i + 1), parameters[i].c_str(), -1, SQLITE_TRANSIENT);
    Rows rows;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        Row row;
        for (int i = 0; i < sqlite3_column_count(stmt); ++i) row.push_back(cell(stmt, i));
        rows.push_back(std::move(row));
    }
    std::string message = sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) throw std::runtime_error(message + " in: " + sql);
    return rows;
}

std::string format_number(double d) {
    // 2.0 and 2 are the same value for the comparisons of these tests.
    if (std::fabs(d) < 1e15 && d == std::floor(d)) return std::to_string(static_cast<long long>(d));
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6g", d);
    return buffer;
}

std::string format(Rows rows, bool ordered) {
    if (!ordered) std::sort(rows.begin(), rows.end());
    std::string out;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (r > 0) out += ';';
        for (std::size_t i = 0; i < rows[r].size(); ++i) {
            if (i > 0) out += '|';
            out += rows[r][i];
        }
    }
    return out;
}

} // namespace tb::sql::test
