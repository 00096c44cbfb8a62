// The read actions whose rows come straight from the state or the generator.
#include <algorithm>
#include <memory>
#include <set>
#include <tuple>

#include "actions.hpp"
#include "dataset.hpp"
#include "generated.hpp"
#include "text.hpp"

namespace sim {

int year_param(const Call& c, const char* name) {
    // "If the year is invalid or not provided, the current year will be used."
    const std::string v = c.param(name);
    if (v.size() == 4 && all_digits(v)) return std::stoi(v);
    return ymd_of(c.today).y;
}

Reply text_reply(std::string body) {
    Reply r;
    r.body = std::move(body);
    return r;
}

UserRef resolve_user(const State& st, const Call& c) {
    if (const std::string id = std::string(trim(c.param("userid"))); !id.empty()) {
        const auto n = parse_uint(id);
        if (!n || !st.users.count(static_cast<int>(*n))) return {0, "RESULT_ERR_USERID_INVALID"};
        return {static_cast<int>(*n), {}};
    }
    if (const std::string no = std::string(trim(c.param("employeenumber"))); !no.empty()) {
        for (const auto& [id, u] : st.users)
            if (u.employee_number == no) return {id, {}};
        return {0, "RESULT_ERR_EMPLOYEENUMBER_INVALID"};
    }
    if (const std::string mail = lower_ascii(trim(c.param("email"))); !mail.empty()) {
        for (const auto& [id, u] : st.users)
            if (lower_ascii(u.email) == mail) return {id, {}};
        return {0, "RESULT_ERR_EMAIL_INVALID"};
    }
    return {0, "RESULT_ERR_MISSING_PARAMETER"};
}

Reply read_users(World& w, const Call&) {
    const Profile& p = w.cfg.profile;
    Reply r;
    append_header(r.body, {"User ID", "Last name", "First name", "Employee number", "E-mail address", "Phone",
                           "Mobile phone", "Cost center", "Branch office", "Department", "User type", "Language",
                           p.manager_header, "User account locked", "Additional Information",
                           "Date of entry (dd/mm/yyyy)", "Date of separation from company (dd/mm/yyyy)",
                           "Day of birth (dd/mm/yyyy)"});
    for (const auto& [id, u] : w.state.users) {
        std::string managers;
        for (int m : u.managers) {
            if (!managers.empty()) managers += ',';
            managers += std::to_string(m);
        }
        CsvLine(r.body)
            .num(id).text(u.last_name).text(u.first_name).text(u.employee_number).text(u.email)
            .text(u.phone).text(u.mobile_phone).text(u.cost_center).text(u.branch_office).text(u.department)
            .text(u.user_type).text(u.language).text(managers).boolean(u.locked).text(u.additional_info)
            .date(u.date_of_entry).date(u.date_of_separation).date(u.date_of_birth);
    }
    return r;
}

Reply read_absences(World& w, const Call& c) {
    const Profile& p = w.cfg.profile;
    const int year = year_param(c);
    Reply r;
    std::vector<std::string> header = {"ID", "From", "To", "Half a day", "Morning", "User ID"};
    if (p.employee_number_column) header.push_back("Employee number");
    for (const char* h : {"Type", "Extra vacation day", "State", "Substitute state", "Workdays", "Hours",
                          "Medical certificate (sick leave only)", "Comments", "User ID of the substitute",
                          "Additional entry fields for 'Dienstreise'", "Zielort", "Entfernung in km",
                          "Additional entry fields for 'Weiterbildung'", "Kursname", "Kursgebühr"})
        header.push_back(h);
    append_header(r.body, header);
    std::vector<Absence> rows;
    for (const auto& [id, u] : w.state.users) {
        rows.clear();
        generated_absences(w.cfg, id, year, rows);
        for (const Absence& a : rows) {
            CsvLine line(r.body);
            line.num(a.id).date(a.from).date(a.to).boolean(a.half_day).boolean(a.morning).num(a.user);
            if (p.employee_number_column) line.text(u.employee_number);
            line.text(a.type).boolean(a.extra_day).text(a.state).text(a.substitute_state)
                .tenths(a.workdays_tenths).tenths(a.hours_tenths).text(a.medical_certificate).text(a.comment)
                .num(a.substitute).text("").text(a.destination);
            if (a.distance_km > 0) line.num(a.distance_km); else line.text("");
            line.text("").text(a.course);
            if (a.fee_tenths >= 0) line.tenths(a.fee_tenths); else line.text("");
        }
    }
    return r;
}

namespace {
// Streams one month of work time from a snapshot taken under the lock, so
// a million-row response neither holds the lock nor sits in memory whole.
struct WorktimeJob {
    const Config* cfg = nullptr;
    int year = 0, month = 0;
    std::vector<std::pair<int, std::string>> users;  // id, employee number
    std::vector<WorkEntry> added;
    size_t next_user = 0;
    bool header_done = false;
    std::vector<WorkEntry> scratch;

    bool next(std::string& out) {
        const Profile& p = cfg->profile;
        if (!header_done) {
            std::vector<std::string> header = {"ID of the work time entry", "User ID"};
            if (p.employee_number_column) header.push_back("Employee number");
            for (const char* h : {"Date (dd/mm/yyyy)", "Start time (hh:mm)", "End time (hh:mm)",
                                  "Working time in seconds", "Pause in seconds", "State", "ID of the project",
                                  "ID of the service", "Comments"})
                header.push_back(h);
            if (p.auto_stopped_column) header.push_back("Auto stopped");
            append_header(out, header);
            header_done = true;
        }
        while (next_user < users.size() && out.size() < 256 * 1024) {
            const auto& [uid, number] = users[next_user++];
            scratch.clear();
            generated_worktime(*cfg, uid, year, month, scratch);
            bool mine = false;
            for (const WorkEntry& e : added)
                if (e.user == uid) {
                    scratch.push_back(e);
                    mine = true;
                }
            if (mine)
                std::sort(scratch.begin(), scratch.end(), [](const WorkEntry& a, const WorkEntry& b) {
                    return std::tie(a.date, a.start, a.id) < std::tie(b.date, b.start, b.id);
                });
            for (const WorkEntry& e : scratch) {
                CsvLine line(out);
                line.num(e.id).num(e.user);
                if (p.employee_number_column) line.text(number);
                line.date(e.date).time(e.start).time(e.end_of_day()).num(e.work_s).num(e.pause_s).text(e.state)
                    .num(e.project).num(e.service).text(e.comment);
                if (p.auto_stopped_column) line.boolean(e.auto_stopped);
            }
        }
        return next_user < users.size();
    }
};
}  // namespace

Reply read_worktime(World& w, const Call& c) {
    auto job = std::make_shared<WorktimeJob>();
    job->cfg = &w.cfg;
    job->year = year_param(c);
    const std::string m = c.param("month");
    job->month = ymd_of(c.today).m;
    if (!m.empty() && m.size() <= 2 && all_digits(m) && std::stoi(m) >= 1 && std::stoi(m) <= 12)
        job->month = std::stoi(m);
    // `userid` is unconfirmed in the reference; a numeric value filters,
    // anything else is ignored like other invalid parameters.
    std::optional<int> only;
    if (auto n = parse_uint(trim(c.param("userid")))) only = static_cast<int>(*n);
    for (const auto& [id, u] : w.state.users)
        if (!only || *only == id) job->users.emplace_back(id, u.employee_number);
    if (auto it = w.state.added_worktime.find({job->year, job->month}); it != w.state.added_worktime.end())
        for (const WorkEntry& e : it->second)
            if (!only || *only == e.user) job->added.push_back(e);
    Reply r;
    r.stream = [job](std::string& out) { return job->next(out); };
    return r;
}

Reply read_projects(World& w, const Call&) {
    Reply r;
    append_header(r.body, {"ID of the project", "Name", "State", "Budget in hours", "Comments", "Creation date"});
    for (const auto& [id, p] : w.state.projects) {
        CsvLine line(r.body);
        line.num(id).text(p.name).text(p.active ? "Active" : "Inactive");
        if (p.budget_hours) line.num(*p.budget_hours); else line.text("");
        line.text(p.comment).date(p.created);
    }
    return r;
}

Reply read_services(World& w, const Call&) {
    Reply r;
    append_header(r.body, {"ID of the service", "Name", "State", "Billable", "Comments", "Creation date"});
    for (const Service& s : w.state.services)
        CsvLine(r.body).num(s.id).text(s.name).text(s.active ? "Active" : "Inactive").boolean(s.billable)
            .text(s.comment).date(s.created);
    return r;
}

Reply read_holidaysets(World& w, const Call&) {
    Reply r;
    append_header(r.body, {"ID of the holiday set", "Name of the holiday set"});
    for (const HolidaySet& h : w.state.holiday_sets) CsvLine(r.body).num(h.id).text(h.name);
    return r;
}

Reply read_workdays(World& w, const Call&) {
    Reply r;
    append_header(r.body, {"User ID", "Valid from (dd/mm/yyyy)", "Monday working time in minutes",
                           "Tuesday working time in minutes", "Wednesday working time in minutes",
                           "Thursday working time in minutes", "Friday working time in minutes",
                           "Saturday working time in minutes", "Sunday working time in minutes",
                           "ID of the holiday set"});
    for (const auto& [uid, periods] : w.state.workdays) {
        if (!w.state.users.count(uid)) continue;
        for (const Period& p : periods) {
            CsvLine line(r.body);
            line.num(uid).date(p.valid_from);
            for (int m : p.minutes) line.num(m);
            line.num(p.holiday_set);
        }
    }
    return r;
}

Reply read_holidayentitlement(World& w, const Call& c) {
    const Profile& p = w.cfg.profile;
    const int year = year_param(c);
    Reply r;
    std::vector<std::string> header = {"User ID", "Vacation contingent", "Remaining vacation", "Extra vacation days",
                                       "Additional vacation for severely challenged persons",
                                       p.expired_vacation_header, "Paid out vacation"};
    if (p.further_vacation_column) header.push_back("Further vacation contingent");
    append_header(r.body, header);
    for (const auto& [id, u] : w.state.users) {
        if (!has_entitlement_row(w.cfg, w.state, id, year)) continue;
        const Entitlement e = entitlement_of(w.cfg, w.state, id, year);
        CsvLine line(r.body);
        line.num(id);
        for (int f = kContingent; f <= kPaidOut; ++f) line.hundredths(e[static_cast<size_t>(f)]);
        if (p.further_vacation_column) line.hundredths(e[kFurther]);
    }
    return r;
}

Reply read_holidays(World& w, const Call& c) {
    const int year = year_param(c);
    std::optional<int> only;
    if (const std::string id(trim(c.param("userid"))); !id.empty()) {
        const auto n = parse_uint(id);
        only = n ? static_cast<int>(*n) : -1;  // an invalid id matches nobody
    }
    Reply r;
    append_header(r.body, {"User ID", "Date", "Full / Half day (1 or 0.5)"});
    for (const auto& [id, u] : w.state.users) {
        if (only && *only != id) continue;
        // A user's set can change mid-year with a new work-day period.
        std::set<int> sets;
        if (auto it = w.state.workdays.find(id); it != w.state.workdays.end())
            for (const Period& p : it->second) sets.insert(p.holiday_set);
        std::vector<std::pair<Date, int>> days;
        for (int s : sets)
            for (const auto& [day, tenths] : holidays_of_set(s, year)) {
                const Period* p = period_at(w.state, id, day);
                if (p && p->holiday_set == s) days.emplace_back(day, tenths);
            }
        std::sort(days.begin(), days.end());
        for (const auto& [day, tenths] : days) CsvLine(r.body).num(id).date(day).tenths(tenths);
    }
    return r;
}

namespace {
// personnelfiles and salaries: one of userid, employeenumber or email
// narrows the answer; an unknown one gives the header alone.
std::vector<int> selected_users(const State& st, const Call& c) {
    std::vector<int> ids;
    if (trim(c.param("userid")).empty() && trim(c.param("employeenumber")).empty() &&
        trim(c.param("email")).empty()) {
        for (const auto& [id, u] : st.users) ids.push_back(id);
        return ids;
    }
    const UserRef ref = resolve_user(st, c);
    if (ref.error.empty()) ids.push_back(ref.id);
    return ids;
}
}  // namespace

Reply read_personnelfiles(World& w, const Call& c) {
    Reply r;
    append_header(r.body, {"User ID", "Employee number", "Home address | Street", "Home address | ZIP Code",
                           "Home address | City", "Personal data | Place of birth", "Personal data | Marital status",
                           "Emergency contact | Name", "Emergency contact | Phone"});
    for (int id : selected_users(w.state, c)) {
        const User& u = w.state.users.at(id);
        const PersonnelFile f = personnel_file_of(u, generated_user(w.cfg, id));
        CsvLine(r.body).num(id).text(u.employee_number).text(f.street).text(f.zip).text(f.city).text(f.birthplace)
            .text(f.marital_status).text(f.emergency_name).text(f.emergency_phone);
    }
    return r;
}

Reply read_salaries(World& w, const Call& c) {
    Reply r;
    append_header(r.body, {"User ID", "Employee number", "Payment type", "Valid from / Payment date", "Valid until",
                           "Salary type / Bonus type", "Gross amount", "Currency", "Hours per week", "Comments"});
    for (int id : selected_users(w.state, c)) {
        const User& u = w.state.users.at(id);
        for (const SalaryRow& s : salaries_of(w.state, u, generated_user(w.cfg, id))) {
            CsvLine line(r.body);
            line.num(id).text(u.employee_number).text(s.payment_type).date(s.valid_from).date(s.valid_until)
                .text(s.salary_type).tenths(s.gross_tenths).text(s.currency);
            if (s.hours_tenths >= 0) line.tenths(s.hours_tenths); else line.text("");
            line.text(s.comment);
        }
    }
    return r;
}

}  // namespace sim
