// Naming rules of SCHEMA.md for columns the API adds at run time.
#include "catalog/declare.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

namespace tb::catalog {

namespace {

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool starts_with_icase(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && ascii_lower(s.substr(0, prefix.size())) == ascii_lower(prefix);
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

// Transliteration of the German letters SCHEMA.md names, as UTF-8 (NFC).
struct Translit { std::string_view utf8; std::string_view ascii; };
constexpr Translit kGerman[] = {
    {"\xC3\xA4", "ae"}, {"\xC3\xB6", "oe"}, {"\xC3\xBC", "ue"}, {"\xC3\x9F", "ss"},
    {"\xC3\x84", "ae"}, {"\xC3\x96", "oe"}, {"\xC3\x9C", "ue"},
    {"\xE1\xBA\x9E", "ss"}, // capital sharp s
};
// U+0308 COMBINING DIAERESIS: headers typed on macOS may carry decomposed
// umlauts (a + U+0308); they read as the same word, so they get the same name.
constexpr std::string_view kCombiningDiaeresis = "\xCC\x88";

} // namespace

std::string snake_case(std::string_view header) {
    std::string out;
    bool gap = false; // a run of other characters is pending
    auto emit = [&](std::string_view word_chars) {
        if (gap && !out.empty()) out += '_';
        gap = false;
        out += word_chars;
    };
    for (size_t i = 0; i < header.size();) {
        const unsigned char c = static_cast<unsigned char>(header[i]);
        if (std::isalnum(c) && c < 0x80) {
            const char lower = char(std::tolower(c));
            if ((lower == 'a' || lower == 'o' || lower == 'u') &&
                header.substr(i + 1, kCombiningDiaeresis.size()) == kCombiningDiaeresis) {
                const char pair[2] = {lower, 'e'};
                emit(std::string_view(pair, 2));
                i += 1 + kCombiningDiaeresis.size();
                continue;
            }
            emit(std::string_view(&lower, 1));
            ++i;
            continue;
        }
        bool matched = false;
        for (const Translit& t : kGerman)
            if (header.substr(i, t.utf8.size()) == t.utf8) {
                emit(t.ascii);
                i += t.utf8.size();
                matched = true;
                break;
            }
        if (matched) continue;
        gap = true;
        ++i;
    }
    if (out.empty()) return "column"; // a header of punctuation only still needs a name
    if (std::isdigit(static_cast<unsigned char>(out.front()))) out.insert(0, "c_");
    return out;
}

std::vector<std::string> unique_names(std::vector<std::string> names) {
    // Names still to come keep priority over generated ones, so a header
    // "x_2" later in the list is not renamed because an earlier "x" clashed.
    std::unordered_map<std::string, int> to_come;
    for (const std::string& n : names) ++to_come[ascii_lower(n)];
    std::unordered_set<std::string> used;
    for (std::string& name : names) {
        const std::string lower = ascii_lower(name);
        --to_come[lower];
        if (used.insert(lower).second) continue;
        for (int k = 2;; ++k) {
            std::string candidate = name + "_" + std::to_string(k);
            std::string candidate_lower = ascii_lower(candidate);
            auto later = to_come.find(candidate_lower);
            if (used.count(candidate_lower) || (later != to_come.end() && later->second > 0)) continue;
            used.insert(candidate_lower);
            name = std::move(candidate);
            break;
        }
    }
    return names;
}

Column runtime_column(std::string_view header) {
    Column c = detail::text(snake_case(header), std::string(header), "Run-time column",
                            kRuntimeColumnSize);
    return c;
}

std::optional<std::string> absence_type_marker(std::string_view header) {
    static constexpr std::string_view kPrefixes[] = {
        "Additional entry fields for ", "Zusatzfelder f\xC3\xBCr ", "Zusatzfelder fuer "};
    static constexpr std::string_view kQuotes[] = {
        "'", "\"", "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E",
        "\xC2\xAB", "\xC2\xBB"};
    header = trim(header);
    for (std::string_view prefix : kPrefixes) {
        if (!starts_with_icase(header, prefix)) continue;
        std::string_view rest = trim(header.substr(prefix.size()));
        for (std::string_view q : kQuotes)
            if (rest.substr(0, q.size()) == q) { rest.remove_prefix(q.size()); break; }
        for (std::string_view q : kQuotes)
            if (rest.size() >= q.size() && rest.substr(rest.size() - q.size()) == q) {
                rest.remove_suffix(q.size());
                break;
            }
        rest = trim(rest);
        if (rest.empty()) return std::nullopt;
        return std::string(rest);
    }
    return std::nullopt;
}

} // namespace tb::catalog
