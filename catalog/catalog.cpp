// The source list and lookups. Derived data (the write_route summary, each
// table's source) is computed here once so no declaration can forget it.
#include "catalog/declare.hpp"

#include <algorithm>
#include <cctype>

namespace tb::catalog {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

// "projectsimport (INSERT, UPDATE, DELETE)", one group per action in route order.
std::string summarize_writes(const std::vector<WriteRoute>& writes) {
    std::vector<std::pair<std::string, std::vector<std::string>>> groups;
    for (const WriteRoute& r : writes) {
        auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const auto& g) { return g.first == r.action; });
        if (it == groups.end()) {
            groups.push_back({r.action, {}});
            it = groups.end() - 1;
        }
        std::string kind(to_string(r.kind));
        if (std::find(it->second.begin(), it->second.end(), kind) == it->second.end())
            it->second.push_back(kind);
    }
    std::string out;
    for (const auto& [action, kinds] : groups) {
        if (!out.empty()) out += "; ";
        out += action + " (";
        for (size_t i = 0; i < kinds.size(); ++i) out += (i ? ", " : "") + kinds[i];
        out += ")";
    }
    return out;
}

template <class Names>
std::string closest(std::string_view name, const Names& names) {
    // Within 2 edits for short names, 3 for longer ones: near enough to be a
    // typo, far enough that unrelated names are not offered.
    const int limit = name.size() <= 5 ? 2 : 3;
    std::string best;
    int best_distance = limit + 1;
    for (std::string_view candidate : names) {
        int d = edit_distance(name, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = std::string(candidate);
        }
    }
    return best;
}

std::vector<Source> build_sources() {
    std::vector<Source> all = {detail::timebutler_source(), detail::goodtime_source()};
    for (Source& s : all)
        for (Table& t : s.tables) {
            t.source = s.name;
            if (t.write_route.empty()) t.write_route = summarize_writes(t.writes);
        }
    return all;
}

} // namespace

const std::vector<Source>& sources() {
    static const std::vector<Source> all = build_sources();
    return all;
}

const Source* find_source(std::string_view name) {
    for (const Source& s : sources())
        if (iequals(s.name, name)) return &s;
    return nullptr;
}

const Source& default_source() { return sources().front(); }

const Table* Source::find_table(std::string_view wanted) const {
    for (const Table& t : tables)
        if (iequals(t.name, wanted)) return &t;
    return nullptr;
}

std::string Source::suggest_table(std::string_view wanted) const {
    std::vector<std::string_view> names;
    for (const Table& t : tables) names.push_back(t.name);
    return closest(wanted, names);
}

const Column* Table::find_column(std::string_view wanted) const {
    for (const Column& c : columns)
        if (iequals(c.name, wanted)) return &c;
    return nullptr;
}

const KeyColumn* Table::find_key(std::string_view column) const {
    for (const KeyColumn& k : keys)
        if (iequals(k.column, column)) return &k;
    return nullptr;
}

const std::vector<Table>& tables() { return default_source().tables; }

const Table* find_table(std::string_view name) { return default_source().find_table(name); }

std::string suggest_table(std::string_view name) { return default_source().suggest_table(name); }

std::string suggest_column(const Table& table, std::string_view name) {
    std::vector<std::string_view> names;
    for (const Column& c : table.columns) names.push_back(c.name);
    return closest(name, names);
}

int edit_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment: a swapped pair of letters ("suers") is one edit.
    const size_t n = a.size(), m = b.size();
    std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
    for (size_t i = 0; i <= n; ++i) d[i][0] = int(i);
    for (size_t j = 0; j <= m; ++j) d[0][j] = int(j);
    auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
    for (size_t i = 1; i <= n; ++i)
        for (size_t j = 1; j <= m; ++j) {
            int cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[n][m];
}

std::int64_t upload_limit_bytes(Profile profile) {
    // The editions' own numbers: 9,216,000 bytes on the newer ones, 3,072,000
    // on the older (their 413 row says "3 MB" in every edition; the CSV
    // section is the more specific).
    return profile == Older ? 3072000 : 9216000;
}

std::string_view to_string(WriteKind kind) {
    switch (kind) {
    case WriteKind::Insert: return "INSERT";
    case WriteKind::Update: return "UPDATE";
    case WriteKind::Delete: return "DELETE";
    }
    return "";
}

} // namespace tb::catalog
