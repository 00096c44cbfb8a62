// Rows made on demand for the initial users: absences, work time, personnel
// files and salaries. Nothing here is stored; the same arguments always
// give the same rows.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"

namespace sim {

struct Absence {
    int64_t id = 0;
    int user = 0;
    Date from = 0, to = 0;
    bool half_day = false, morning = false;
    std::string_view type;
    bool extra_day = false;
    std::string_view state, substitute_state;
    int64_t workdays_tenths = 0, hours_tenths = 0;
    std::string_view medical_certificate;
    std::string_view comment;
    int substitute = 0;
    std::string_view destination;  // Dienstreise | Zielort
    int distance_km = 0;           // Dienstreise | Entfernung in km (0: empty)
    std::string_view course;       // Weiterbildung | Kursname
    int64_t fee_tenths = -1;       // Weiterbildung | Kursgebühr (-1: empty)
};

void generated_absences(const Config& cfg, int user_id, int year, std::vector<Absence>& out);

// Work time of one initial user in one month, ordered by date and start.
void generated_worktime(const Config& cfg, int user_id, int year, int month, std::vector<WorkEntry>& out);
// Generated entries book only projects 1..5 (and services 1..4).
bool generated_worktime_books(const Config& cfg, int project_id);
// Generated plus API-written entries of a user in one month, sorted.
void worktime_of_user(const Config& cfg, const State& st, int user_id, int year, int month,
                      std::vector<WorkEntry>& out);

struct PersonnelFile {
    std::string street, zip, city, birthplace, marital_status, emergency_name, emergency_phone;
};
PersonnelFile personnel_file_of(const User& user, bool generated);

struct SalaryRow {
    std::string_view payment_type;
    Date valid_from = kNoDate, valid_until = kNoDate;
    std::string_view salary_type;
    int64_t gross_tenths = 0;
    std::string_view currency;
    int64_t hours_tenths = -1;  // -1: empty (bonus and variable pay)
    std::string_view comment;
};
std::vector<SalaryRow> salaries_of(const State& st, const User& user, bool generated);

}  // namespace sim
