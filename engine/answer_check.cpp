#include "engine/answer_check.hpp"

#include <vector>

#include "api/csv.hpp"
#include "api/response_text.hpp"
#include "engine/ascii.hpp"
#include "engine/error.hpp"

namespace tb::engine {
namespace {

constexpr std::size_t kExcerptBytes = 120;

// The first non-blank line, without BOM and line end.
std::string_view first_line(std::string_view body) {
    if (body.size() >= 3 && body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
    while (!body.empty()) {
        const auto end = body.find('\n');
        std::string_view line = body.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!ascii::trim_field(line).empty()) return line;
        if (end == std::string_view::npos) break;
        body.remove_prefix(end + 1);
    }
    return {};
}

std::vector<std::string_view> split(std::string_view line) {
    std::vector<std::string_view> out;
    for (;;) {
        const auto semi = line.find(';');
        out.push_back(ascii::trim_field(line.substr(0, semi)));
        if (semi == std::string_view::npos) return out;
        line.remove_prefix(semi + 1);
    }
}

bool header_has(const std::vector<std::string_view>& header, const catalog::Column& c) {
    for (std::string_view h : header)
        if (c.header_prefix ? ascii::istarts_with(h, c.header) : ascii::iequals(h, c.header)) return true;
    return false;
}

// The reason a header line cannot be the table's, or "".
std::string header_problem(const catalog::Table& table, const std::vector<std::string_view>& header) {
    // The documented key columns that come from the answer. A column the
    // reference promises only by place (csv_position) may carry another
    // name on some instance, so it need not match when another one does.
    std::string missing;
    bool any_matched = false;
    for (const auto& key : table.primary_key) {
        const catalog::Column* c = table.find_column(key);
        if (!c || c->header.empty() || c->input_only) continue;
        if (header_has(header, *c)) {
            any_matched = true;
        } else if (c->csv_position < 0) {
            missing += (missing.empty() ? "'" : ", '") + c->header + "'";
        }
    }
    if (!missing.empty()) return "its header line lacks the key column " + missing;
    if (any_matched) return "";
    // No key column comes from the answer (or only by place): some documented column must.
    for (const auto& c : table.columns)
        if (!c.header.empty() && !c.input_only && header_has(header, c)) return "";
    return "its header line names none of the table's columns";
}

// timeclock status: result;state;startMs;pauseMs on one line.
std::string status_problem(std::string_view body) {
    const std::string_view line = first_line(body);
    if (line.empty()) return "it is empty";
    const auto fields = split(line);
    if (fields.size() != 4) return "it is not one line of result;state;startMs;pauseMs";
    const std::string_view result = fields[0];
    const bool token = result == "OK" || result.rfind("WARN_", 0) == 0 || result.rfind("RESULT_ERR_", 0) == 0;
    const bool state = ascii::iequals(fields[1], "IDLE") || ascii::iequals(fields[1], "RUNNING") ||
                       ascii::iequals(fields[1], "PAUSED");
    auto digits = [](std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; };
    if (!token || !state || !digits(fields[2]) || !digits(fields[3]))
        return "it is not one line of result;state;startMs;pauseMs";
    return "";
}

} // namespace

namespace {
// A JSON source's answer: JSON by its content type (or none given) and an
// array at the top; its elements are checked as they are decoded.
std::string json_problem(const api::Response& response, std::span<const std::string> secrets) {
    std::string_view type = response.content_type;
    type = ascii::trim_field(type.substr(0, type.find(';')));
    if (!type.empty() && type.find("json") == std::string_view::npos && !ascii::iequals(type, "text/plain"))
        return "its content type is '" + api::scrub_secrets(std::string(response.content_type.substr(0, 80)), secrets) +
               "', not application/json";
    const std::size_t first = response.body.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "it is empty (an empty result is [])";
    if (response.body[first] != '[') return "it is not a JSON array";
    return {};
}
} // namespace

void check_answer(const catalog::Table& table, const api::Response& response, std::span<const std::string> secrets) {
    const catalog::Source* source = catalog::find_source(table.source);
    if (source && source->format == catalog::AnswerFormat::Json) {
        const std::string problem = json_problem(response, secrets);
        if (problem.empty()) return;
        throw Error("08S01", "the answer of " + source->base_path + table.action + " (table " + source->name + "." +
                                 table.name + ") is not the service's JSON: " + problem + "; it began: '" +
                                 api::response_excerpt(response.body, kExcerptBytes, secrets) +
                                 "'. Nothing of it was used or cached; a proxy or an outage page may stand in for the "
                                 "service: try again later, and check the Server key");
    }
    std::string problem;
    // The service sends text/csv;charset=UTF-8 (api-notes.md); an HTML page
    // from a proxy or a maintenance screen comes as text/html.
    std::string_view type = response.content_type;
    type = ascii::trim_field(type.substr(0, type.find(';')));
    if (!ascii::iequals(type, "text/csv")) {
        problem = "its content type is '" + api::scrub_secrets(std::string(response.content_type.substr(0, 80)), secrets) +
                  "', not text/csv";
    } else if (table.header_less) {
        problem = status_problem(response.body);
    } else {
        const std::string_view header = first_line(response.body);
        if (header.empty()) problem = "it is empty (an empty result is the header line alone)";
        else problem = header_problem(table, split(header));
    }
    if (problem.empty()) return;
    throw Error("08S01", "the answer of action '" + table.action + "' (table " + table.name +
                             ") is not the service's CSV: " + problem + "; it began: '" +
                             api::response_excerpt(response.body, kExcerptBytes, secrets) +
                             "'. Nothing of it was used or cached; a proxy or an outage page may stand in for the "
                             "service: try again later, and check the Server key");
}

} // namespace tb::engine
