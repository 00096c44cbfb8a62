#include "dataset.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>

#include "text.hpp"

namespace sim {

namespace {

// Identity fields depend on the user id only (not on --seed), so tests can
// name users: 20 first names and 19 last names cycle independently.
constexpr std::string_view kFirst[] = {"Jürgen", "Björn",  "Anna",  "Jörg",  "Bärbel", "Lukas",  "Sönke",
                                       "Käthe",  "Maximilian", "Sophie", "Günther", "Léa", "Felix", "Hannah",
                                       "Jonas",  "Marie",  "Özlem", "Paul",  "Emma",   "Ümit"};
constexpr char kGender[] = "mmfmfmmfmfmfmfmffmfm";
constexpr std::string_view kLast[] = {"Müller", "Weiß",     "Schröder", "Groß",   "Köhler", "Schäfer", "Krüger",
                                      "Schmidt", "Wagner",  "Fuchs",    "Strauß", "Hoffmann", "Becker", "Jäger",
                                      "Weber",  "Meyer",    "Özdemir",  "Lößl",   "Bauer"};
constexpr std::string_view kDepartments[] = {"Geschäftsführung", "Vertrieb", "Entwicklung",
                                             "Personal", "Buchhaltung", "Marketing"};
struct Branch {
    std::string_view name;
    std::string_view area;
    int holiday_set;
};
constexpr Branch kBranches[] = {{"München", "89", 1}, {"Köln", "221", 2}, {"Berlin", "30", 3},
                                {"Hamburg", "40", 4}, {"Düsseldorf", "211", 2}};

std::string ascii_fold(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            continue;
        }
        const std::string_view rest = s.substr(i);
        static const std::pair<std::string_view, std::string_view> kMap[] = {
            {"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}, {"Ä", "ae"}, {"Ö", "oe"},
            {"Ü", "ue"}, {"ß", "ss"}, {"é", "e"},  {"É", "e"}};
        bool done = false;
        for (const auto& [from, to] : kMap)
            if (rest.substr(0, from.size()) == from) {
                out += to;
                i += from.size() - 1;
                done = true;
                break;
            }
        if (!done) {
            while (i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) ++i;
        }
    }
    return out;
}

std::string employee_number_of(int i) {
    if (i % 10 == 0) return "";
    char buf[24];
    if (i % 10 == 9)
        std::snprintf(buf, sizeof buf, "MA%04d", 200 + i);
    else
        std::snprintf(buf, sizeof buf, "%05d", 100 + i);
    return buf;
}

User make_user(int i, std::set<std::string>& emails) {
    User u;
    u.id = i;
    u.first_name = kFirst[(i - 1) % 20];
    u.last_name = kLast[(i - 1) % 19];
    u.gender = kGender[(i - 1) % 20] == 'm' ? "male" : "female";
    std::string email = ascii_fold(u.first_name) + "." + ascii_fold(u.last_name);
    if (emails.count(email + "@example.com")) email += std::to_string(i);
    u.email = email + "@example.com";
    emails.insert(u.email);
    u.employee_number = employee_number_of(i);
    const Branch& b = kBranches[(i - 1) % 5];
    u.branch_office = b.name;
    u.department = kDepartments[(i - 1) % 6];
    u.cost_center = i % 7 == 6 ? "" : "KST-" + std::to_string(100 + (i % 4) * 100);
    if (i % 9 != 4) u.phone = "+49 " + std::string(b.area) + " " + std::to_string(4000000 + i * 17);
    if (i % 3 == 0) u.mobile_phone = "+49 171 " + std::to_string(1000000 + i * 37);
    u.language = i % 10 == 3 ? "en_GB" : i % 10 == 7 ? "de_AT" : "de_DE";
    if (i % 6 == 4) u.additional_info = "Teilzeit";
    else if (i % 11 == 5) u.additional_info = "Schlüssel für Büro Süd";
    if (i == 1)
        u.user_type = "Admin";
    else if (i % 8 == 2)
        u.user_type = "Manager";
    else
        u.user_type = "Employee";
    u.locked = i % 12 == 11;
    u.date_of_entry = date_of(2005 + (i * 7) % 19, 1 + (i * 5) % 12, i % 2 ? 1 : 15);
    if (u.locked) u.date_of_separation = date_of(2024, 6, 30);
    u.date_of_birth = date_of(1960 + (i * 11) % 40, 1 + (i * 7) % 12, 1 + (i * 13) % 28);
    return u;
}

// Employees report to the manager of their block of eight ids (2, 10, 18,
// ...) and every fifth one also to the admin; managers report to user 1.
std::vector<int> managers_of(int i, int users) {
    if (i == 1) return {};
    if (i % 8 == 2) return {1};
    const int m = 8 * ((i - 2) / 8) + 2;
    std::vector<int> list{m <= users && m != i ? m : 1};
    if (i % 5 == 0 && list[0] != 1) list.push_back(1);
    return list;
}

std::vector<Period> periods_of(int i) {
    Period p;
    p.holiday_set = kBranches[(i - 1) % 5].holiday_set;
    if (i % 6 == 4)
        p.minutes = {240, 240, 240, 240, 240, 0, 0};
    else if (i % 9 == 5)
        p.minutes = {480, 480, 480, 480, 0, 0, 0};
    else
        p.minutes = {480, 480, 480, 480, 480, 0, 0};
    std::vector<Period> list{p};
    if (i % 4 == 3) {
        Period q = p;
        q.valid_from = date_of(2024, 4, 1);
        q.minutes = {420, 420, 420, 420, 420, 0, 0};
        list.push_back(q);
    }
    return list;
}

void add_projects(State& st) {
    struct P {
        const char* name;
        bool active;
        int budget;  // -1: none
        bool service_required;
        const char* comment;
        int y, m, d;
    };
    static const P kProjects[] = {
        {"Website-Relaunch", true, 400, true, "Kunde: Müller & Söhne GmbH", 2021, 3, 15},
        {"ERP-Einführung", true, 1200, false, "", 2021, 9, 1},
        {"Kundenportal München", true, 800, true, "Phase 2 ab Q3", 2022, 1, 10},
        {"Wartung und Support", true, -1, false, "", 2022, 2, 1},
        {"Interne Verwaltung", true, -1, false, "Für alle internen Tätigkeiten", 2021, 1, 4},
        {"Messe Düsseldorf 2024", false, 150, false, "", 2023, 11, 20},
        {"Schulung Außendienst", true, 60, true, "", 2023, 5, 2},
        {"Büroumzug Köln", false, 0, false, "Abgeschlossen", 2022, 6, 30},
        {"Forschung Künstliche Intelligenz", true, 2000, true, "", 2023, 1, 9},
        {"Größenwahn 2.0", true, -1, false, "", 2023, 7, 7},
        {"Datenschutz-Audit", true, 40, false, "Jährlich", 2022, 10, 17},
        {"Übersetzung Handbücher", false, -1, false, "", 2021, 12, 1},
    };
    int id = 1;
    for (const P& p : kProjects) {
        Project pr;
        pr.id = id++;
        pr.name = p.name;
        pr.active = p.active;
        if (p.budget >= 0) pr.budget_hours = p.budget;
        pr.service_required = p.service_required;
        pr.comment = p.comment;
        pr.created = date_of(p.y, p.m, p.d);
        st.projects[pr.id] = pr;
    }
    st.next_project_id = id;
}

}  // namespace

State initial_state(const Config& cfg) {
    State st;
    std::set<std::string> emails;
    for (int i = 1; i <= cfg.users; ++i) {
        User u = make_user(i, emails);
        u.managers = managers_of(i, cfg.users);
        st.users[i] = std::move(u);
        st.workdays[i] = periods_of(i);
    }
    st.next_user_id = cfg.users + 1;
    add_projects(st);
    st.services = {
        {1, "Beratung", true, true, "", date_of(2021, 1, 4)},
        {2, "Entwicklung", true, true, "Stundensatz 95 €", date_of(2021, 1, 4)},
        {3, "Schulung", true, true, "", date_of(2021, 6, 1)},
        {4, "Reisezeit", true, false, "Nicht abrechenbar", date_of(2022, 3, 1)},
        {5, "Support", false, true, "", date_of(2022, 3, 1)},
        {6, "Qualitätssicherung", true, false, "", date_of(2023, 2, 14)},
    };
    st.holiday_sets = {{1, "Bayern"}, {2, "Nordrhein-Westfalen"}, {3, "Berlin"},
                       {4, "Hamburg"}, {5, "Österreich (Wien)"}};
    // Work-time ids of the API start after the largest generated id.
    const int64_t stride = cfg.worktime_per_user_month > 0 ? cfg.worktime_per_user_month : 31;
    const int64_t months = int64_t{cfg.last_year - cfg.first_year + 1} * 12;
    st.next_worktime_id = months * cfg.users * stride + 1;
    return st;
}

bool has_entitlement_row(const Config& cfg, const State& st, int user_id, int year) {
    if (!st.users.count(user_id)) return false;
    return cfg.data_year(year) || st.entitlement_overrides.count({user_id, year});
}

Entitlement entitlement_of(const Config& cfg, const State& st, int user_id, int year) {
    if (auto it = st.entitlement_overrides.find({user_id, year}); it != st.entitlement_overrides.end())
        return it->second;
    Entitlement e{};
    if (!generated_user(cfg, user_id)) {
        e[kContingent] = 3000;
        e[kFiveDay] = 3000;
        return e;
    }
    const int i = user_id;
    const uint64_t h = hash_of({cfg.seed, 31, uint64_t(i), uint64_t(year)});
    e[kContingent] = i % 9 == 5 ? 2400 : 3000;
    e[kRemaining] = i % 15 == 7 ? -150 : static_cast<int64_t>(h % 21) * 50;
    e[kExtra] = (h >> 8) % 4 == 0 ? 100 : 0;
    e[kSeverely] = i % 17 == 16 ? 500 : 0;
    e[kExpired] = (h >> 16) % 5 == 0 ? 150 : 0;
    e[kPaidOut] = (h >> 24) % 7 == 0 ? 300 : 0;
    e[kFurther] = (h >> 32) % 6 == 0 ? 200 : 0;
    e[kFiveDay] = 3000;
    return e;
}

namespace {
std::vector<std::pair<Date, int>> compute_holidays(int set_id, int y) {
    const Date e = easter_sunday(y);
    std::vector<std::pair<Date, int>> list;
    auto full = [&](Date d) { list.emplace_back(d, 10); };
    auto half = [&](Date d) { list.emplace_back(d, 5); };
    auto on = [&](int m, int d) { return date_of(y, m, d); };
    if (set_id < 1 || set_id > 5) return list;
    full(on(1, 1));
    if (set_id == 1 || set_id == 5) full(on(1, 6));
    if (set_id == 3) full(on(3, 8));
    if (set_id != 5) full(e - 2);
    full(e + 1);
    full(on(5, 1));
    full(e + 39);
    full(e + 50);
    if (set_id == 1 || set_id == 2 || set_id == 5) full(e + 60);
    if (set_id == 1 || set_id == 5) full(on(8, 15));
    if (set_id != 5) full(on(10, 3));
    if (set_id == 5) full(on(10, 26));
    if (set_id == 4) full(on(10, 31));
    if (set_id == 1 || set_id == 2 || set_id == 5) full(on(11, 1));
    if (set_id == 5) full(on(12, 8));
    if (set_id == 1 || set_id == 3 || set_id == 5) half(on(12, 24));
    full(on(12, 25));
    full(on(12, 26));
    if (set_id == 1 || set_id == 3) half(on(12, 31));
    std::sort(list.begin(), list.end());
    return list;
}
}  // namespace

const std::vector<std::pair<Date, int>>& holidays_of_set(int set_id, int year) {
    // Built once (thread-safe static initialisation) so the hot loops of the
    // work-time accounts read it without a lock.
    constexpr int kFirstYear = 1900, kYears = 300, kSets = 5;
    static const auto table = [] {
        std::vector<std::vector<std::pair<Date, int>>> t(kSets * kYears);
        for (int s = 1; s <= kSets; ++s)
            for (int y = kFirstYear; y < kFirstYear + kYears; ++y)
                t[static_cast<size_t>((s - 1) * kYears + (y - kFirstYear))] = compute_holidays(s, y);
        return t;
    }();
    static const std::vector<std::pair<Date, int>> none;
    if (set_id < 1 || set_id > kSets || year < kFirstYear || year >= kFirstYear + kYears) return none;
    return table[static_cast<size_t>((set_id - 1) * kYears + (year - kFirstYear))];
}

const Period* period_at(const State& st, int user_id, Date date) {
    auto it = st.workdays.find(user_id);
    if (it == st.workdays.end() || it->second.empty()) return nullptr;
    const Period* found = &it->second.front();
    for (const Period& p : it->second)
        if (p.valid_from == kNoDate || p.valid_from <= date) found = &p;
    return found;
}

int target_minutes(const State& st, int user_id, Date date) {
    const Period* p = period_at(st, user_id, date);
    if (!p) return 0;
    const int planned = p->minutes[static_cast<size_t>(weekday(date))];
    if (planned == 0) return 0;
    for (const auto& [day, tenths] : holidays_of_set(p->holiday_set, ymd_of(date).y))
        if (day == date) return tenths == 10 ? 0 : planned / 2;
    return planned;
}

}  // namespace sim
