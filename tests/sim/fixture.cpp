#include "fixture.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "actions.hpp"
#include "text.hpp"

namespace sim {

namespace {

constexpr const char* kNoHeader = "#no-header";

// Lines of fields separated by ';', written as the service writes them: no
// quoting, so a '"' is an ordinary character. Blank lines are skipped, a CR
// before the LF is dropped.
void parse_records(const std::string& text, std::vector<std::vector<std::string>>& records) {
    size_t start = 0;
    while (start < text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        std::string_view line(text.data() + start, nl - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty()) {
            std::vector<std::string> record;
            for (auto f : split(line, ';')) record.emplace_back(f);
            records.push_back(std::move(record));
        }
        start = nl + 1;
    }
}

}  // namespace

bool Fixture::load(const std::string& dir, std::string& error) {
    std::error_code ec;
    std::filesystem::directory_iterator it(dir, ec);
    if (ec) {
        error = "cannot read fixture directory " + dir + ": " + ec.message();
        return false;
    }
    for (const auto& entry : it) {
        if (entry.path().extension() != ".csv") continue;
        const std::string file = entry.path().string();
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        std::string content = text.str();
        Table table;
        if (content.rfind(kNoHeader, 0) == 0) {
            table.header_line = false;
            const auto eol = content.find('\n');
            content.erase(0, eol == std::string::npos ? content.size() : eol + 1);
        }
        std::vector<std::vector<std::string>> records;
        parse_records(content, records);
        if (records.empty()) {
            error = file + ": no column line";
            return false;
        }
        for (const std::string& name : records.front()) {
            const bool param = !name.empty() && name.front() == '?';
            table.names.push_back(param ? name.substr(1) : name);
            table.is_param.push_back(param);
        }
        for (size_t r = 1; r < records.size(); ++r) {
            if (records[r].size() != table.names.size()) {
                error = file + ": record " + std::to_string(r + 1) + " has " + std::to_string(records[r].size()) +
                        " fields, the column line " + std::to_string(table.names.size());
                return false;
            }
            table.rows.push_back(std::move(records[r]));
        }
        tables_[entry.path().stem().string()] = std::move(table);
    }
    return true;
}

std::optional<std::string> Fixture::answer(const std::string& action, const Call& call) const {
    const auto found = tables_.find(action);
    if (found == tables_.end()) return std::nullopt;
    const Table& t = found->second;
    // The request's value of each parameter column; "" filters nothing. A
    // missing year is the simulator's usual default (--today's year).
    std::vector<std::string> wanted(t.names.size());
    for (size_t i = 0; i < t.names.size(); ++i)
        if (t.is_param[i]) wanted[i] = t.names[i] == "year" ? std::to_string(year_param(call)) : call.param(t.names[i]);
    std::string out;
    auto append_line = [&](const std::vector<std::string>& fields) {
        CsvLine line(out);
        // An empty field stays empty (CsvLine::text would send the API's " ").
        for (size_t i = 0; i < fields.size(); ++i)
            if (!t.is_param[i]) fields[i].empty() ? line.raw({}) : line.text(fields[i]);
    };
    if (t.header_line) append_line(t.names);
    for (const auto& row : t.rows) {
        bool match = true;
        for (size_t i = 0; i < row.size() && match; ++i)
            match = !t.is_param[i] || wanted[i].empty() || row[i] == wanted[i];
        if (match) append_line(row);
    }
    return out;
}

}  // namespace sim
