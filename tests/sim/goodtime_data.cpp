// The GoodTime account: fixed users, time types and projects, seeded time
// entries over 2025-2026 (README.md, "GoodTime profile"), the bulk entries
// of --bulk-entries and the time formats.
#include <algorithm>
#include <cstdio>

#include "dataset.hpp"
#include "goodtime_model.hpp"
#include "json_text.hpp"
#include "text.hpp"

namespace sim::goodtime {

namespace {

constexpr Instant kDay = 86400;

const char* const kComments[] = {
    "Sprint-Planung für Q1",
    "Kundentermin in München",
    "Übergabe an Björn",
    "Fehleranalyse Größenberechnung",
    "Dokumentation überarbeitet",
    "Telefonat mit Frau Weiß",
    "Code-Review \"Login\" (Teil 2)",
    "Reisezeit Köln – Düsseldorf",
    "Export nach C:\\Daten\\Zeiten",
    "Schulung „Präsentieren mit Überzeugung“",
};

}  // namespace

Instant data_begin() { return Instant{date_of(2025, 1, 1)} * kDay; }
Instant data_end() { return Instant{date_of(2027, 1, 1)} * kDay; }
Instant lock_boundary() { return Instant{date_of(2025, 4, 1)} * kDay; }

int State::user_index(std::string_view email) const {
    const std::string wanted = lower_ascii(email);
    for (size_t i = 0; i < users.size(); ++i)
        if (lower_ascii(users[i]) == wanted) return static_cast<int>(i);
    return -1;
}

const Named* State::time_type(int id) const {
    for (const auto& t : time_types)
        if (t.id == id) return &t;
    return nullptr;
}

const Named* State::project(int id) const {
    for (const auto& p : projects)
        if (p.id == id) return &p;
    return nullptr;
}

bool State::user_has_project(int user, int project) const {
    const auto& list = user_projects.at(static_cast<size_t>(user));
    return std::find(list.begin(), list.end(), project) != list.end();
}

State initial_state(const Config& cfg) {
    State st;
    // The '+' in the third address catches a query string or path sent
    // without percent-encoding ('+' reads as a space in a query).
    st.users = {"juergen.mueller@example.com", "bjoern.weiss@example.com", "anna+zeit@example.com",
                "oezlem.oezdemir@example.com", "soenke.koehler@example.com"};
    st.time_types = {{101, "Arbeitszeit"}, {102, "Überstunden"}, {103, "Fortbildung"},
                     {104, "Dienstreise"}, {105, "Rufbereitschaft"}};
    st.projects = {{201, "Website-Relaunch"},      {202, "Migration Warenwirtschaft"},
                   {203, "Schulung Vertrieb Süd"}, {204, "Übersetzung Handbücher"},
                   {205, "Interne Verwaltung"},    {206, "Kundenprojekt Müller & Söhne"},
                   {207, "Archiv Altprojekte"}};
    // Project 207 belongs to nobody: creating an entry on it is refused.
    st.user_projects = {{201, 202, 203, 205}, {201, 204, 205}, {202, 203, 205, 206}, {204, 205, 206}, {201, 205}};

    int64_t id = 1001;
    const Date first = date_of(2025, 1, 1), last = date_of(2026, 12, 31);
    for (Date d = first; d <= last; ++d) {
        if (weekday(d) >= 5) continue;
        for (int u = 0; u < static_cast<int>(st.users.size()); ++u) {
            if (u == 0 && cfg.goodtime.bulk_entries > 0) continue;  // the bulk user's entries are made on demand
            const uint64_t h = hash_of({cfg.seed, 901, uint64_t(u), uint64_t(d)});
            if (h % 100 >= 30) continue;  // about three entries in ten weekdays
            Entry e;
            e.id = id++;
            e.user = u;
            e.start = Instant{d} * kDay + (7 * 60 + static_cast<int>((h >> 8) % 180)) * 60;
            e.end = e.start + (240 + static_cast<int>((h >> 16) % 23) * 15) * 60;
            const int tt = static_cast<int>((h >> 24) % 10);
            e.time_type = tt < 6 ? 101 : 101 + (tt - 5);  // 101 most often, 102..105 the rest
            const auto& projects = st.user_projects[static_cast<size_t>(u)];
            e.project = (h >> 32) % 8 == 0 ? 0 : projects[(h >> 36) % projects.size()];
            const uint64_t c = (h >> 40) % 13;
            if (c < 10) e.comment = kComments[c];
            else if (c == 10) e.comment = "";
            e.locked = e.start < lock_boundary();
            e.billable = e.project != 0 && e.project != 205;
            st.entries.emplace(e.id, e);
        }
    }
    return st;
}

Entry bulk_entry(const Config& cfg, int64_t i) {
    const int64_t n = cfg.goodtime.bulk_entries;
    const Instant span = data_end() - data_begin();
    Entry e;
    e.id = kBulkIdBase + i;
    e.user = 0;
    e.start = data_begin() + span * i / n;
    const Instant slot = std::max<Instant>(span / n, 2);
    e.end = e.start + std::min<Instant>(slot * 3 / 4 + 1, 10 * 3600);
    const uint64_t h = hash_of({cfg.seed, 902, uint64_t(i)});
    e.time_type = 101 + static_cast<int>(h % 5);
    static const int kProjects[] = {201, 202, 203, 205};
    e.project = (h >> 8) % 8 == 0 ? 0 : kProjects[(h >> 12) % 4];
    if ((h >> 16) % 13 < 10) e.comment = kComments[(h >> 16) % 13];
    e.locked = e.start < lock_boundary();
    e.billable = e.project != 0 && e.project != 205;
    return e;
}

std::pair<int64_t, int64_t> bulk_range(const Config& cfg, Instant from, Instant to) {
    const int64_t n = cfg.goodtime.bulk_entries;
    const Instant span = data_end() - data_begin();
    // start(i) = begin + span*i/n is monotonic in i: binary search both ends.
    auto first_at_or_after = [&](Instant t) {
        int64_t lo = 0, hi = n;
        while (lo < hi) {
            const int64_t mid = lo + (hi - lo) / 2;
            if (data_begin() + span * mid / n < t) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    };
    const int64_t a = first_at_or_after(from);
    const int64_t b = to == INT64_MAX ? n : first_at_or_after(to + 1);
    return {a, std::max(a, b)};
}

void append_time(std::string& out, Instant t, bool epoch_ms) {
    if (epoch_ms) {
        out += std::to_string(t * 1000);
        return;
    }
    const Date d = static_cast<Date>(t >= 0 ? t / kDay : (t - kDay + 1) / kDay);
    const int64_t s = t - Instant{d} * kDay;
    const Ymd ymd = ymd_of(d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "\"%04d-%02d-%02dT%02d:%02d:%02d\"", ymd.y, ymd.m, ymd.d, int(s / 3600),
                  int(s / 60 % 60), int(s % 60));
    out += buf;
}

std::optional<ParsedTime> parse_time(std::string_view text) {
    text = trim(text);
    if (text.empty()) return std::nullopt;
    // Epoch milliseconds: digits only (a date always has a '-' after 4 digits).
    if (text.find_first_not_of("-0123456789") == std::string_view::npos && text.find('-', 1) == std::string_view::npos) {
        const bool negative = text[0] == '-';
        const auto n = parse_uint(negative ? text.substr(1) : text, 15);
        if (!n) return std::nullopt;
        const int64_t ms = negative ? -*n : *n;
        return ParsedTime{ms >= 0 ? ms / 1000 : (ms - 999) / 1000, false};
    }
    if (text.size() < 10) return std::nullopt;
    const auto date = parse_iso(text.substr(0, 10));
    if (!date) return std::nullopt;
    ParsedTime out{Instant{*date} * kDay, text.size() == 10};
    if (out.date_only) return out;
    std::string_view rest = text.substr(10);
    if (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ') return std::nullopt;
    rest.remove_prefix(1);
    auto two = [&](int max) -> std::optional<int> {
        if (rest.size() < 2 || !all_digits(rest.substr(0, 2))) return std::nullopt;
        const int v = (rest[0] - '0') * 10 + (rest[1] - '0');
        rest.remove_prefix(2);
        return v <= max ? std::optional<int>(v) : std::nullopt;
    };
    const auto hh = two(23);
    if (!hh || rest.empty() || rest[0] != ':') return std::nullopt;
    rest.remove_prefix(1);
    const auto mm = two(59);
    if (!mm) return std::nullopt;
    int ss = 0;
    if (!rest.empty() && rest[0] == ':') {
        rest.remove_prefix(1);
        const auto s = two(59);
        if (!s) return std::nullopt;
        ss = *s;
        if (!rest.empty() && rest[0] == '.') {  // fractions of a second are dropped
            rest.remove_prefix(1);
            size_t k = 0;
            while (k < rest.size() && rest[k] >= '0' && rest[k] <= '9') ++k;
            if (k == 0) return std::nullopt;
            rest.remove_prefix(k);
        }
    }
    out.at += *hh * 3600 + *mm * 60 + ss;
    if (rest.empty()) return out;
    if (rest == "Z" || rest == "z") return out;
    if (rest[0] != '+' && rest[0] != '-') return std::nullopt;
    const int sign = rest[0] == '+' ? 1 : -1;
    rest.remove_prefix(1);
    const auto oh = two(23);
    if (!oh) return std::nullopt;
    if (!rest.empty() && rest[0] == ':') rest.remove_prefix(1);
    const auto om = two(59);
    if (!om || !rest.empty()) return std::nullopt;
    out.at -= sign * (*oh * 3600 + *om * 60);  // to UTC
    return out;
}

void append_entry_json(std::string& out, const Config& cfg, const State& st, const Entry& e) {
    const bool ms = cfg.goodtime.epoch_ms;
    out += "{\"id\":" + std::to_string(e.id) + ",\"starttime\":";
    append_time(out, e.start, ms);
    out += ",\"endtime\":";
    append_time(out, e.end, ms);
    out += ",\"useremail\":";
    append_json_string(out, st.users[static_cast<size_t>(e.user)]);
    out += ",\"timetypeid\":" + std::to_string(e.time_type) + ",\"projectid\":";
    out += e.project ? std::to_string(e.project) : std::string("null");
    out += ",\"comment\":";
    if (e.comment) append_json_string(out, *e.comment);
    else out += "null";
    if (cfg.goodtime.locking) out += e.locked ? ",\"locked\":true" : ",\"locked\":false";
    // Fields the catalog does not declare: the driver's run-time columns.
    out += ",\"duration\":" + std::to_string((e.end - e.start) / 60);
    out += e.billable ? ",\"billable\":true}" : ",\"billable\":false}";
}

bool dump_table(const Config& cfg, const std::string& table, std::string& out) {
    const State st = goodtime::initial_state(cfg);
    auto time = [](Instant t) {
        std::string iso;
        append_time(iso, t, false);
        iso = iso.substr(1, iso.size() - 2);  // without the quotes
        iso[10] = ' ';
        return iso;
    };
    auto entry_line = [&](const Entry& e) {
        out += std::to_string(e.id) + '\t' + st.users[size_t(e.user)] + '\t' + time(e.start) + '\t' + time(e.end) +
               '\t' + std::to_string(e.time_type) + '\t' + (e.project ? std::to_string(e.project) : "\\N") + '\t' +
               (e.comment ? *e.comment : "\\N") + '\t' + (cfg.goodtime.locking ? (e.locked ? "1" : "0") : "\\N") +
               '\t' + std::to_string((e.end - e.start) / 60) + '\t' + (e.billable ? "1" : "0") + '\n';
    };
    if (table == "timetypes") {
        for (const auto& t : st.time_types) out += std::to_string(t.id) + '\t' + t.name + '\n';
    } else if (table == "users") {
        for (const auto& u : st.users) out += u + '\n';
    } else if (table == "projects") {
        for (const auto& p : st.projects) out += std::to_string(p.id) + '\t' + p.name + '\n';
    } else if (table == "user_projects") {
        for (size_t u = 0; u < st.users.size(); ++u)
            for (int id : st.user_projects[u]) out += st.users[u] + '\t' + std::to_string(id) + '\t' + st.project(id)->name + '\n';
    } else if (table == "timeentries") {
        for (int64_t i = 0; i < cfg.goodtime.bulk_entries; ++i) entry_line(bulk_entry(cfg, i));
        for (const auto& [id, e] : st.entries) entry_line(e);
    } else {
        return false;
    }
    return true;
}

}  // namespace sim::goodtime
