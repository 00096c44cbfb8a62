// worktime_events: INSERT becomes one timeimportbyevents upload. Every row is
// checked first (one identifying column, event order per person, at most two
// calendar days per START..STOP group, time order across the file); a large
// statement is split only between complete groups.
#include <algorithm>
#include <map>

#include "engine/error.hpp"
#include "engine/session.hpp"
#include "engine/write_common.hpp"
#include "engine/write_response.hpp"
#include "engine/write_routes.hpp"

namespace tb::engine::write {
namespace {

struct Person {
    enum { Idle, Running, Paused } state = Idle;
    std::int64_t last = 0;
    std::int64_t start = 0;
    long start_row = 0;
    int group = -1;
};

} // namespace

WriteOutcome write_events(Session& session, const catalog::Table& table, const sql::Statement& statement,
                          const std::vector<ParameterValues>& parameter_rows) {
    if (statement.kind != sql::StatementKind::Insert)
        throw Error("HY000", "worktime_events takes INSERT only: the service turns events into work time entries; "
                             "change those through the Timebutler web interface");
    const auto& route = route_for(table, catalog::WriteKind::Insert);
    auto rows = insert_rows(session, table, route, statement.insert, parameter_rows);
    const std::size_t sets = std::max<std::size_t>(parameter_rows.size(), 1);
    std::vector<Problem> problems;

    // One useridentification per upload: every row names the same column.
    const catalog::WriteChoice* choice = nullptr;
    std::vector<const catalog::WriteChoice*> chosen(rows.size(), nullptr);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        int given = 0;
        for (const auto& c : route.choices)
            if (const Literal* v = rows[i].find(c.column); v && !is_null(*v)) {
                chosen[i] = &c;
                ++given;
            }
        if (given != 1) {
            problems.push_back({rows[i].number, "23000",
                                given ? "give either email or employee_number, not both"
                                      : "email or employee_number is required to identify the person"});
            continue;
        }
        if (!choice) choice = chosen[i];
        else if (choice != chosen[i])
            problems.push_back({rows[i].number, "HY000",
                                "identifies the person by " + chosen[i]->column + " while earlier rows use " +
                                    choice->column + "; one statement must use one identifying column (the upload "
                                                     "names one useridentification)"});
    }

    std::vector<std::string> lines(rows.size());
    std::vector<bool> boundary(rows.size(), false);
    std::vector<int> group_of(rows.size(), -1);
    std::map<std::string, Person> people;
    std::int64_t previous = INT64_MIN;
    int open = 0, groups = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const InputRow& row = rows[i];
        boundary[i] = open == 0;
        const std::size_t before = problems.size();
        std::string line;
        for (std::size_t f = 0; f < route.fields.size(); ++f) {
            const auto& field = route.fields[f];
            const Literal* value = field.from_choice ? (chosen[i] ? row.find(chosen[i]->column) : nullptr)
                                                     : row.find(field.column);
            auto text = field_text(field, value, true, row.number, problems);
            if (f) line += ';';
            if (text) line += *text;
        }
        lines[i] = line;
        if (problems.size() != before || !chosen[i]) continue;
        // Order checks on the formatted values.
        const auto parts_end = line.find(';');
        std::string who = line.substr(0, parts_end);
        if (chosen[i]->value == "email") who = lower(who);
        // event_time passed field_text, so it is present and well formed.
        const std::int64_t t = *event_minutes(literal_text(*row.find("event_time")));
        std::string event = lower(literal_text(*row.find("event")));
        const long n = row.number;
        auto say = [&](std::string m) { problems.push_back({n, "HY000", std::move(m)}); };
        if (t < previous) {
            say("the event time is earlier than the row before it; the service needs the rows in time order");
            continue;
        }
        previous = t;
        Person& p = people[who];
        if (p.state != Person::Idle && t < p.last) {
            say("the event is earlier than the person's previous event");
            continue;
        }
        if (event == "start") {
            if (p.state != Person::Idle) {
                say("START while the person's entry started in row " + std::to_string(p.start_row) +
                    " has no STOP yet; the service would drop that entry");
                continue;
            }
            p = Person{Person::Running, t, t, n, groups++};
            ++open;
        } else if (p.state == Person::Idle) {
            say("the person's first event must be START, not " + std::string(event == "stop" ? "STOP" : event == "pause" ? "PAUSE" : "RESUME"));
            continue;
        } else if (event == "pause" && p.state != Person::Running) {
            say("PAUSE while the entry is already paused");
            continue;
        } else if (event == "resume" && p.state != Person::Paused) {
            say("RESUME while the entry is not paused");
            continue;
        } else if (event == "stop") {
            if (t / 1440 - p.start / 1440 > 1) {
                say("the entry started in row " + std::to_string(p.start_row) +
                    " would span more than two calendar days; the service refuses that");
                continue;
            }
            p.state = Person::Idle;
            --open;
        } else {
            p.state = event == "pause" ? Person::Paused : Person::Running;
        }
        p.last = t;
        group_of[i] = p.group;
    }
    for (const auto& [who, p] : people)
        if (p.state != Person::Idle)
            problems.push_back({p.start_row, "HY000",
                                "the entry started in this row has no STOP; the service would silently drop it"});

    if (!problems.empty()) {
        std::sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) { return a.row < b.row; });
        OutcomeBuilder out(sets);
        out.validation_failed(rows, problems);
        return out.finish();
    }
    OutcomeBuilder out(sets);
    if (rows.empty()) return out.finish();
    std::vector<std::pair<std::string, std::string>> params = {{choice->param, choice->value}};
    ImportResult result = send_import(session, table, route.action, params, lines, boundary, true);
    session.cache().drop_partitions(session.source(), "worktime");
    std::map<int, long> rejected_group;  // group -> first rejected row
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (result.lines[i].kind == LineResult::Rejected && group_of[i] >= 0 && !rejected_group.count(group_of[i]))
            rejected_group[group_of[i]] = rows[i].number;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = result.lines[i];
        const InputRow* row = &rows[i];
        switch (r.kind) {
        case LineResult::Ok:
            out.accepted();
            if (auto g = rejected_group.find(group_of[i]); g != rejected_group.end())
                out.warning(row, "01000", "row " + std::to_string(row->number) + ": accepted, but row " +
                                              std::to_string(g->second) +
                                              " of the same START..STOP entry was rejected, so the work time entry "
                                              "may be incomplete or missing; check SELECT * FROM worktime");
            break;
        case LineResult::Rejected:
            out.error(row, sqlstate_for(r.code), "row " + std::to_string(row->number) + ": the service rejected the event: " +
                                                     r.code + " (" + explain(r.code) + ")");
            break;
        case LineResult::Unknown: out.unknown(row); break;
        case LineResult::NotSent: out.unused(row); break;
        }
    }
    for (const auto& note : result.notes) {
        if (note.sqlstate == "01000") out.warning(nullptr, note.sqlstate, note.message);
        else out.error(nullptr, note.sqlstate, note.message);
    }
    if (result.any_unknown) out.fail();
    return out.finish();
}

} // namespace tb::engine::write
