// projectsimport: a headerless 7-column CSV of CREATE / UPDATE / DELETE
// lines. Lines are applied one by one (a failing line does not undo the
// others) and answered one response line each, as the reference shows.
#include "actions.hpp"
#include "generated.hpp"
#include "text.hpp"

namespace sim {

namespace {

bool referenced_by_worktime(const World& w, int id) {
    if (generated_worktime_books(w.cfg, id)) return true;
    auto it = w.state.added_project_refs.find(id);
    return it != w.state.added_project_refs.end() && it->second > 0;
}

std::optional<bool> flag(std::string_view v) {
    v = trim(v);
    if (v == "true") return true;
    if (v == "false") return false;
    return std::nullopt;
}

// Returns "OK;<id>" or an error code for one line.
std::string apply_line(World& w, std::string_view line, Date today) {
    if (!valid_utf8(line)) return "LINE_NOT_READABLE";
    const auto f = split(line, ';');
    if (f.size() != 7) return "NUMBER_OF_COLUMNS_INCORRECT";
    const std::string_view command = trim(f[0]);
    if (command != "CREATE" && command != "UPDATE" && command != "DELETE") return "COMMAND_MISSING_OR_INVALID";

    int id = 0;
    if (command != "CREATE") {
        const std::string_view raw = trim(f[1]);
        if (raw.empty()) return "PROJECT_ID_MISSING";
        const auto n = parse_uint(raw);
        if (!n || *n == 0) return "PROJECT_ID_INVALID";
        id = static_cast<int>(*n);
    }
    auto& projects = w.state.projects;
    if (command == "DELETE") {
        // Deleting an unknown id does nothing and is not an error.
        if (!projects.count(id)) return "OK;" + std::to_string(id);
        if (referenced_by_worktime(w, id)) return "WORKTIME_ENTRY_FOR_PROJECT_EXISTS_THUS_NO_DELETE";
        projects.erase(id);
        return "OK;" + std::to_string(id);
    }
    if (command == "UPDATE" && !projects.count(id)) return "PROJECT_ID_UNKNOWN";

    const std::string_view name = f[2];
    if (trim(name).empty() || utf8_length(name) > 150 || has_control_chars(name))
        return "PROJECT_NAME_MISSING_OR_INVALID";
    const auto active = flag(f[3]);
    if (!active) return "PROJECT_ACTIVE_FLAG_MISSING_OR_INVALID";
    std::optional<int64_t> budget;
    if (const std::string_view b = trim(f[4]); !b.empty()) {
        budget = parse_uint(b);
        if (!budget) return "PROJECT_BUDGET_HOURS_INVALID";
    }
    const auto services = flag(f[5]);
    if (!services) return "PROJECT_SERVICES_FLAG_MISSING_OR_INVALID";
    const std::string_view comment = f[6];
    if (utf8_length(comment) > 200 || has_control_chars(comment)) return "COMMENT_INVALID_OR_TOO_LARGE";

    Project p;
    if (command == "CREATE") {
        p.id = w.state.next_project_id++;
        p.created = today;
    } else {
        p = projects.at(id);
    }
    p.name = std::string(name);
    p.active = *active;
    p.budget_hours = budget;
    p.service_required = *services;
    p.comment = std::string(trim(comment));
    projects[p.id] = p;
    return "OK;" + std::to_string(p.id);
}

}  // namespace

Reply write_projectsimport(World& w, const Call& c) {
    if (!c.upload) return text_reply("CSV_FILE_MISSING_OR_INVALID\n");
    const auto lines = upload_lines(*c.upload);
    if (lines.empty()) return text_reply("CSV_FILE_MISSING_OR_INVALID\n");
    std::string body;
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string result = trim(lines[i]).empty() ? "LINE_NOT_READABLE" : apply_line(w, lines[i], c.today);
        body += "line #" + std::to_string(i + 1) + ": " + result + "\n";
    }
    return text_reply(std::move(body));
}

}  // namespace sim
