#include "generated.hpp"

#include <algorithm>
#include <tuple>

#include "dataset.hpp"

namespace sim {

namespace {
template <typename T, size_t N>
const T& pick(const T (&list)[N], uint64_t h) {
    return list[h % N];
}

constexpr std::string_view kAbsenceComments[] = {"Familienbesuch in Köln", "Arzttermin", "Brückentag",
                                                 "Umzug", "Hochzeit meiner Schwester", "Kur in Bad Tölz"};
constexpr std::string_view kDestinations[] = {"Zürich", "Wien", "Frankfurt am Main", "Düsseldorf",
                                              "Nürnberg", "Lübeck", "Graz"};
constexpr std::string_view kCourses[] = {"Excel für Fortgeschrittene", "Führung im Wandel",
                                         "Datenschutz-Grundlagen", "Präsentieren mit Überzeugung"};
constexpr std::string_view kWorkComments[] = {"Kundentermin in Köln",   "Überstunden wegen Release",
                                              "Home-Office",            "Fahrt zur Messe Düsseldorf",
                                              "Inventur im Lager Süd",  "Einarbeitung neuer Kollegen"};
}  // namespace

void generated_absences(const Config& cfg, int user_id, int year, std::vector<Absence>& out) {
    if (!generated_user(cfg, user_id) || !cfg.data_year(year)) return;
    const uint64_t uid = static_cast<uint64_t>(user_id), yr = static_cast<uint64_t>(year);
    const int count = 4 + static_cast<int>(hash_of({cfg.seed, 41, uid, yr}) % 5);
    const Date jan1 = date_of(year, 1, 1);
    // One absence per segment of the year keeps them apart without
    // checking for overlaps; a segment is at least 45 days long.
    const int segment = (date_of(year + 1, 1, 1) - jan1) / count;
    for (int k = 0; k < count; ++k) {
        const uint64_t h = hash_of({cfg.seed, 42, uid, yr, static_cast<uint64_t>(k)});
        Absence a;
        a.id = int64_t{year - 2000} * 1000000 + int64_t{user_id} * 100 + k + 1;
        a.user = user_id;
        // Every user-year has each of the first three types at least once.
        static constexpr std::string_view kTypes[] = {"Urlaub", "Urlaub", "Urlaub", "Urlaub", "Urlaub",
                                                      "Krankheit", "Krankheit", "Dienstreise",
                                                      "Weiterbildung", "Überstundenabbau"};
        a.type = k == 0 ? "Urlaub" : k == 1 ? "Dienstreise" : k == 2 ? "Krankheit" : pick(kTypes, h);
        int days = 1;
        if (a.type == "Urlaub") days = 1 + static_cast<int>((h >> 8) % 10);
        else if (a.type == "Krankheit") days = 1 + static_cast<int>((h >> 8) % 5);
        else if (a.type == "Dienstreise") days = 1 + static_cast<int>((h >> 8) % 3);
        else if (a.type == "Weiterbildung") days = 1 + static_cast<int>((h >> 8) % 2);
        a.half_day = days == 1 && (h >> 12) % 3 == 0;
        a.morning = a.half_day && (h >> 14) % 2 == 0;
        Date from = jan1 + k * segment + static_cast<int>((h >> 16) % static_cast<uint64_t>(segment - 20));
        while (weekday(from) >= 5) ++from;
        Date to = from;
        for (int left = days - 1; left > 0;) {
            ++to;
            if (weekday(to) < 5) --left;
        }
        a.from = from;
        a.to = to;
        a.workdays_tenths = a.half_day ? 5 : days * 10;
        a.hours_tenths = a.workdays_tenths * 8;
        const int s = static_cast<int>((h >> 24) % 100);
        a.state = s < 70 ? "Approved" : s < 80 ? "Done" : s < 88 ? "Submitted" : s < 95 ? "In process" : "Rejected";
        if (cfg.users > 1 && (h >> 32) % 2 == 0) {
            a.substitute = (user_id + static_cast<int>((h >> 33) % static_cast<uint64_t>(cfg.users - 1))) % cfg.users + 1;
            static constexpr std::string_view kSub[] = {"Approved", "Approval pending", "Automatically approved",
                                                        "Denied"};
            a.substitute_state = pick(kSub, h >> 36);
        } else {
            a.substitute_state = "No approval required";
        }
        a.extra_day = a.type == "Urlaub" && (h >> 40) % 10 == 0;
        if (a.type == "Krankheit") a.medical_certificate = days > 3 ? "true" : "false";
        if ((h >> 44) % 4 == 0) a.comment = pick(kAbsenceComments, h >> 48);
        if (a.type == "Dienstreise") {
            a.destination = pick(kDestinations, h >> 52);
            a.distance_km = 20 + static_cast<int>((h >> 55) % 800);
        }
        if (a.type == "Weiterbildung") {
            a.course = pick(kCourses, h >> 52);
            a.fee_tenths = (200 + static_cast<int64_t>((h >> 55) % 800)) * 10 + ((h >> 60) % 2) * 5;
        }
        out.push_back(a);
    }
}

namespace {
void fill_entry_details(WorkEntry& e, uint64_t h) {
    const int s = static_cast<int>((h >> 32) % 100);
    e.state = s < 85 ? "Done" : s < 90 ? "Accepted" : s < 95 ? "Requested" : s < 98 ? "In process" : "Rejected";
    if ((h >> 40) % 10 >= 4) e.project = 1 + static_cast<int>((h >> 44) % 5);
    if ((h >> 48) % 3 != 0) e.service = 1 + static_cast<int>((h >> 50) % 4);
    if ((h >> 54) % 7 == 0) e.comment = pick(kWorkComments, h >> 57);
    e.auto_stopped = hash_of({h, 7}) % 40 == 0;
}
}  // namespace

void generated_worktime(const Config& cfg, int user_id, int year, int month, std::vector<WorkEntry>& out) {
    if (!generated_user(cfg, user_id) || !cfg.data_year(year)) return;
    const int days = days_in_month(year, month);
    const Date first = date_of(year, month, 1);
    const int per_month = cfg.worktime_per_user_month;
    const int64_t stride = per_month > 0 ? per_month : 31;
    const int64_t id_base =
        ((int64_t{year - cfg.first_year} * 12 + (month - 1)) * cfg.users + (user_id - 1)) * stride + 1;
    const uint64_t uid = static_cast<uint64_t>(user_id);
    if (per_month <= 0) {
        // One entry per weekday; users 7, 20, 33, ... (id % 13 == 7) work a
        // night shift on Wednesdays that ends past midnight.
        for (int d = 1; d <= days; ++d) {
            const Date date = first + d - 1;
            if (weekday(date) >= 5) continue;
            const uint64_t h = hash_of({cfg.seed, 51, uid, uint64_t(year), uint64_t(month), uint64_t(d)});
            WorkEntry e;
            e.id = id_base + d - 1;
            e.user = user_id;
            e.date = date;
            const bool night = user_id % 13 == 7 && weekday(date) == 2;
            e.start = (night ? 20 * 60 : 7 * 60) + static_cast<int>((h >> 8) % 120);
            static constexpr int kPauses[] = {0, 30, 30, 45, 60};
            const int pause = kPauses[(h >> 16) % 5];
            const int work = pause == 0 ? 240 + static_cast<int>((h >> 24) % 120) : 360 + static_cast<int>((h >> 24) % 181);
            e.duration = work + pause;
            e.work_s = work * 60;
            e.pause_s = pause * 60;
            fill_entry_details(e, h);
            out.push_back(std::move(e));
        }
        return;
    }
    // A fixed count per user and month, spread over every day of the month
    // in equal slots, so benchmarks can ask for exact row counts.
    const int slots = (per_month + days - 1) / days;
    const int window = 1440 / slots;
    for (int d = 1; d <= days; ++d) {
        for (int s = 0; s < slots; ++s) {
            const int k = s * days + (d - 1);
            if (k >= per_month) break;
            const uint64_t h = hash_of({cfg.seed, 52, uid, uint64_t(year), uint64_t(month), uint64_t(k)});
            WorkEntry e;
            e.id = id_base + k;
            e.user = user_id;
            e.date = first + d - 1;
            const int jitter = std::max(1, window / 10);
            e.start = s * window + static_cast<int>(h % static_cast<uint64_t>(jitter));
            const int total = std::max(1, window * 7 / 10);
            const int pause = total > 120 ? 30 : 0;
            e.duration = total;
            e.work_s = (total - pause) * 60;
            e.pause_s = pause * 60;
            fill_entry_details(e, h);
            out.push_back(std::move(e));
        }
    }
}

bool generated_worktime_books(const Config& cfg, int project_id) {
    return cfg.users > 0 && cfg.first_year <= cfg.last_year && project_id >= 1 && project_id <= 5;
}

void worktime_of_user(const Config& cfg, const State& st, int user_id, int year, int month,
                      std::vector<WorkEntry>& out) {
    const size_t begin = out.size();
    generated_worktime(cfg, user_id, year, month, out);
    if (auto it = st.added_worktime.find({year, month}); it != st.added_worktime.end()) {
        bool added = false;
        for (const WorkEntry& e : it->second)
            if (e.user == user_id) {
                out.push_back(e);
                added = true;
            }
        if (added)
            std::sort(out.begin() + static_cast<std::ptrdiff_t>(begin), out.end(),
                      [](const WorkEntry& a, const WorkEntry& b) {
                          return std::tie(a.date, a.start, a.id) < std::tie(b.date, b.start, b.id);
                      });
    }
}

PersonnelFile personnel_file_of(const User& user, bool generated) {
    PersonnelFile f;
    if (!generated) return f;
    const int i = user.id;
    static constexpr std::string_view kStreets[] = {"Königstraße", "Hauptstraße", "Am Mühlbach", "Lindenallee",
                                                    "Goethestraße", "Schloßplatz", "Rue de Lausanne"};
    struct City {
        std::string_view name, zip;
    };
    // Several ZIP codes start with 0: they must survive as text.
    static constexpr City kCities[] = {{"München", "80331"}, {"Köln", "50667"},      {"Dresden", "01067"},
                                       {"Leipzig", "04109"}, {"Hamburg", "20095"},   {"Düsseldorf", "40213"},
                                       {"Berlin", "10115"},  {"Chemnitz", "09111"}};
    static constexpr std::string_view kBirthplaces[] = {"Görlitz", "Würzburg", "Zürich", "Graz", "Lübeck",
                                                        "Saarbrücken", ""};
    static constexpr std::string_view kMarital[] = {"ledig", "verheiratet", "geschieden", "verwitwet", ""};
    f.street = std::string(kStreets[static_cast<size_t>(i) % 7]) + " " + std::to_string(1 + (i * 7) % 60);
    const City& c = kCities[static_cast<size_t>(i * 3) % 8];
    f.zip = c.zip;
    f.city = c.name;
    f.birthplace = kBirthplaces[static_cast<size_t>(i) % 7];
    f.marital_status = kMarital[static_cast<size_t>(i) % 5];
    if (i % 3 != 2) {
        f.emergency_name = "Angehörige(r) von " + user.first_name;
        f.emergency_phone = "+49 160 " + std::to_string(5550000 + i);
    }
    return f;
}

std::vector<SalaryRow> salaries_of(const State& st, const User& user, bool generated) {
    std::vector<SalaryRow> rows;
    if (!generated) return rows;
    const int i = user.id;
    int64_t weekly_minutes = 0;
    if (auto it = st.workdays.find(i); it != st.workdays.end() && !it->second.empty())
        for (int m : it->second.front().minutes) weekly_minutes += m;
    const int64_t hours_tenths = weekly_minutes / 6;
    const std::string_view currency = i % 25 == 13 ? "CHF" : "EUR";
    const int64_t base = (3000 + (i * 137) % 4000) * 10 + (i % 2) * 5;
    SalaryRow first{"Salary", user.date_of_entry, i % 3 == 0 ? date_of(2023, 12, 31) : kNoDate,
                    "Festgehalt", base, currency, hours_tenths, ""};
    rows.push_back(first);
    if (i % 3 == 0)
        rows.push_back({"Salary", date_of(2024, 1, 1), kNoDate, "Festgehalt", base * 105 / 100, currency,
                        hours_tenths, "Gehaltserhöhung"});
    if (i % 4 == 0)
        rows.push_back({"Bonus payments", date_of(2024, 12, 15), kNoDate, "Weihnachtsgeld", 10000, currency, -1, ""});
    if (user.department == "Vertrieb")
        rows.push_back({"Variable remuneration", date_of(2024, 1, 1), date_of(2024, 12, 31), "Provision", 50000,
                        currency, -1, "Zielerreichung 80 %"});
    return rows;
}

}  // namespace sim
