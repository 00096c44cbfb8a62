#include "engine/ascii.hpp"
#include "engine/write_response.hpp"

#include <cctype>
#include <map>

namespace tb::engine::write {
namespace {

using ascii::trim;

std::string_view strip_bom(std::string_view s) {
    if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    return s;
}

bool is_code(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!(std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
            return false;
    return true;
}

std::vector<std::string_view> lines_of(std::string_view body) {
    std::vector<std::string_view> lines;
    body = strip_bom(body);
    while (!body.empty()) {
        const auto end = body.find('\n');
        std::string_view line = body.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        line = trim(line);
        if (!line.empty()) lines.push_back(line);
        if (end == std::string_view::npos) break;
        body.remove_prefix(end + 1);
    }
    return lines;
}

struct Known {
    const char* sqlstate;
    const char* text;
};

const std::map<std::string_view, Known>& known() {
    static const std::map<std::string_view, Known> table = {
        {"INTERNAL_ERROR", {"HY000", "the service had an internal error; try again later"}},
        {"CSV_FILE_MISSING_OR_INVALID", {"HY000", "the service did not accept the uploaded CSV file"}},
        {"CSV_FILE_TOO_LARGE", {"HY000", "the upload is larger than the instance accepts"}},
        {"LINE_NOT_READABLE", {"22018", "the service could not read the line (encoding or empty line)"}},
        {"NUMBER_OF_COLUMNS_INCORRECT", {"22018", "the line does not have the number of fields the service expects"}},
        {"COMMAND_MISSING_OR_INVALID", {"HY000", "the command of the line was not CREATE, UPDATE or DELETE"}},
        {"PROJECT_ID_MISSING", {"23000", "the project id is missing"}},
        {"PROJECT_ID_INVALID", {"22018", "the project id is not valid"}},
        {"PROJECT_ID_UNKNOWN", {"23000", "there is no project with this id (it may have been deleted meanwhile)"}},
        {"PROJECT_NAME_MISSING_OR_INVALID", {"22018", "the project name is missing, too long or contains forbidden characters"}},
        {"PROJECT_ACTIVE_FLAG_MISSING_OR_INVALID", {"22018", "the project state (Active/Inactive) is missing or invalid"}},
        {"PROJECT_BUDGET_HOURS_INVALID", {"22018", "the budget must be a whole number of hours, 0 or more"}},
        {"PROJECT_SERVICES_FLAG_MISSING_OR_INVALID", {"22018", "service_required is missing or not true/false"}},
        {"WORKTIME_ENTRY_FOR_PROJECT_EXISTS_THUS_NO_DELETE",
         {"23000", "the project cannot be deleted because work time entries refer to it; set its state to Inactive instead"}},
        {"COMMENT_INVALID_OR_TOO_LARGE", {"22001", "the comment is longer than 200 characters or contains forbidden characters"}},
        {"EMAIL_OR_EMPLOYEE_NUMBER_MISSING", {"23000", "the e-mail address or employee number is missing"}},
        {"EMAIL_UNKNOWN", {"23000", "no user has this e-mail address"}},
        {"EMPLOYEE_NUMBER_UNKNOWN", {"23000", "no user has this employee number"}},
        {"TIMESTAMP_INVALID", {"22007", "the event time is not valid"}},
        {"EVENT_TYPE_INVALID", {"22018", "the event is not START, PAUSE, RESUME or STOP"}},
        {"REMARKS_INVALID_OR_TOO_LONG", {"22001", "the comment is too long or contains forbidden characters"}},
        {"SERVICE_ID_INVALID", {"23000", "there is no service with this id"}},
        {"FIRST_EVENT_MUST_BE_START", {"HY000", "the first event of a person must be START"}},
        {"EVENT_MUST_BE_AFTER_PREVIOUS_EVENT", {"HY000", "the event is not later than the person's previous event"}},
        {"ENTRY_COLLIDES_WITH_EXISTING_ENTRY", {"23000", "the work time overlaps an existing entry of the person"}},
        {"ENTRY_MUST_NOT_EXCEED_TWO_CALENDAR_DAYS", {"HY000", "a START..STOP entry may span at most two calendar days"}},
        {"ENTRY_HAS_NO_WORK_TIME", {"HY000", "the entry has no working time (pauses cover it all)"}},
        {"RESULT_ERR_INTERNAL_ERROR", {"HY000", "the service had an internal error; try again later"}},
        {"RESULT_ERR_TIMETRACKING_FEATURE_NOT_ACT", {"HY000", "time tracking is not activated for this account"}},
        {"RESULT_ERR_COMMAND_INVALID", {"22018", "the service does not know this command"}},
        {"RESULT_ERR_MISSING_PARAMETER", {"23000", "a value the service requires was missing or empty"}},
        {"RESULT_ERR_EMAIL_ALREADY_IN_USE", {"23000", "another user account already has this e-mail address"}},
        {"RESULT_ERR_EMPLOYEENUMBER_ALREADY_IN_USE", {"23000", "another user account already has this employee number"}},
        {"RESULT_ERR_USERID_INVALID", {"23000", "there is no user with this id"}},
        {"RESULT_ERR_PROJECTID_INVALID", {"23000", "there is no project with this id"}},
        {"RESULT_ERR_SERVICEID_INVALID", {"23000", "there is no service with this id"}},
        {"RESULT_ERR_TIMECLOCK_NOT_STARTABLE_MAY_OVERLAP",
         {"HY000", "the clock cannot start because the entry could overlap an existing one"}},
        {"RESULT_ERR_TIMECLOCK_STOPPED_WITHOUT_SAVE_DUE_TO_OVERLAPPING",
         {"HY000", "the clock stopped but the entry was not saved because it overlaps an existing one"}},
        {"RESULT_ERR_TIMECLOCK_STOPPED_WITHOUT_SAVE_DUE_TO_UNRESOLVABLE_CHANGE_REQUIREMENTS",
         {"HY000", "the clock stopped but the entry was not saved (its required changes could not be applied)"}},
        {"RESULT_ERR_TIMECLOCK_NOT_RUNNING", {"HY000", "the clock is not running"}},
        {"RESULT_ERR_MIN_DURATION_OR_PAUSE_NOT_OK", {"HY000", "the entry breaks the minimum duration or pause rules"}},
        {"WARN_TIMECLOCK_ALREADY_RUNNING", {"01000", "the clock was already running"}},
        {"WARN_TIMECLOCK_ALREADY_PAUSED", {"01000", "the clock was already paused"}},
        {"WARN_TIME_ENTRY_SAVED_WITH_MODIFICATIONS", {"01000", "the entry was saved, but the service changed it (e.g. pause rules)"}},
        {"WARN_SHORT_BUSINESSTRIP_TIMECLOCK_NOT_RUNNING", {"01000", "the clock is not running"}},
        {"WARN_SHORT_BUSINESSTRIP_ALREADY_STARTED", {"01000", "the short business trip was already started"}},
        {"WARN_SHORT_BUSINESSTRIP_NOT_STARTED", {"01000", "no short business trip was started"}},
    };
    return table;
}

} // namespace

ImportResponse parse_import_response(std::string_view body) {
    ImportResponse out;
    const auto lines = lines_of(body);
    if (lines.size() == 1 && lines[0] == "OK") {
        out.all_ok = true;
        return out;
    }
    for (std::string_view line : lines) {
        std::string_view rest = line;
        // "line #12: CODE", "Line 12 - CODE", "#12: CODE": a number first.
        std::size_t i = 0;
        while (i < rest.size() && std::isalpha(static_cast<unsigned char>(rest[i]))) ++i;
        std::string_view word = rest.substr(0, i);
        bool has_word = word.empty() || word.size() == 4;  // "line" (any case) or nothing
        std::size_t j = i;
        while (j < rest.size() && (rest[j] == ' ' || rest[j] == '#')) ++j;
        std::size_t k = j;
        while (k < rest.size() && std::isdigit(static_cast<unsigned char>(rest[k]))) ++k;
        if (has_word && k > j && (i > 0 || rest[0] == '#')) {
            ImportLine result;
            result.line = std::stol(std::string(rest.substr(j, k - j)));
            if (result.line == 0) out.zero_based = true;
            rest = rest.substr(k);
            while (!rest.empty() && (rest.front() == ':' || rest.front() == ' ' || rest.front() == '-' ||
                                     rest.front() == '\t'))
                rest.remove_prefix(1);
            const auto semi = rest.find(';');
            const std::string_view first = trim(rest.substr(0, semi));
            if (first == "OK") {
                result.ok = true;
                if (semi != std::string_view::npos) result.id = std::string(trim(rest.substr(semi + 1)));
            } else {
                result.code = std::string(first.empty() ? std::string_view("UNKNOWN") : first);
            }
            out.lines.push_back(std::move(result));
        } else if (is_code(line) && line != "OK") {
            if (out.file_code.empty()) out.file_code = std::string(line);
        } else if (line != "OK") {
            out.other.emplace_back(line);
        }
    }
    return out;
}

ResultToken parse_result_token(std::string_view body) {
    ResultToken t;
    const auto lines = lines_of(body);
    if (lines.empty()) return t;
    const std::string_view first = trim(lines[0].substr(0, lines[0].find(';')));
    t.token = std::string(first);
    if (first == "OK") t.kind = TokenKind::Ok;
    else if (first.rfind("WARN_", 0) == 0) t.kind = TokenKind::Warning;
    else if (first.rfind("RESULT_ERR_", 0) == 0) t.kind = TokenKind::Error;
    return t;
}

namespace {

// RESULT_ERR_<PARAMETER>_INVALID: the service refused one request parameter
// (useraccount and the set* actions name the parameter this way).
std::string_view invalid_parameter(std::string_view code) {
    constexpr std::string_view head = "RESULT_ERR_", tail = "_INVALID";
    if (code.size() <= head.size() + tail.size() || code.substr(0, head.size()) != head ||
        code.substr(code.size() - tail.size()) != tail)
        return {};
    return code.substr(head.size(), code.size() - head.size() - tail.size());
}

} // namespace

std::string explain(std::string_view code) {
    auto it = known().find(code);
    if (it != known().end()) return it->second.text;
    if (auto parameter = invalid_parameter(code); !parameter.empty()) {
        const std::string name = ascii::lower(parameter);
        return "the service did not accept the value of its parameter " + name +
               " (malformed, too long, or naming nothing that exists)";
    }
    return "the service answered a code the driver does not know";
}

std::string sqlstate_for(std::string_view code) {
    auto it = known().find(code);
    if (it != known().end()) return it->second.sqlstate;
    return invalid_parameter(code).empty() ? "HY000" : "22018";
}

} // namespace tb::engine::write
