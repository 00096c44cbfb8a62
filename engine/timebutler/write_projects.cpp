// projects: INSERT, UPDATE and DELETE become the CREATE, UPDATE and DELETE
// lines of projectsimport. One statement (every row of every parameter set)
// is one upload unless the instance's size limit forces whole-line splits.
#include <algorithm>
#include <cstdint>

#include "engine/error.hpp"
#include "engine/loader.hpp"
#include "engine/session.hpp"
#include "engine/write_common.hpp"
#include "engine/write_response.hpp"
#include "engine/write_routes.hpp"
#include "engine/write_target.hpp"

namespace tb::engine::write {
namespace {

const std::string kKey = "project_id";

struct Line {
    InputRow row;
    std::string text;
};

// The CSV line of a row, or nullopt with problems.
std::optional<std::string> csv_line(const catalog::WriteRoute& route, const InputRow& row,
                                    std::vector<Problem>& problems) {
    std::string line;
    bool ok = true;
    for (std::size_t i = 0; i < route.fields.size(); ++i) {
        const auto& field = route.fields[i];
        auto text = field_text(field, field.column.empty() ? nullptr : row.find(field.column), true, row.number, problems);
        if (!text) {
            ok = false;
            continue;
        }
        if (i) line += ';';
        line += *text;
    }
    if (!ok) return std::nullopt;
    return line;
}

// Sends the lines and turns the per-line answers into the outcome.
WriteOutcome send(Session& session, const catalog::Table& table, const std::vector<Line>& lines,
                  std::size_t parameter_sets, bool creating) {
    OutcomeBuilder out(parameter_sets);
    if (lines.empty()) return out.finish();  // touches no row: nothing sent, count 0
    std::vector<std::string> texts;
    for (const auto& l : lines) texts.push_back(l.text);
    const std::vector<bool> boundary(lines.size(), true);  // any whole line may start an upload
    // Throws when certainly nothing was sent (the error as it is).
    ImportResult result = send_import(session, table, "projectsimport", {}, texts, boundary, false);
    session.cache().drop_partitions(session.source(), table.action);
    bool unknown_line = false;
    std::vector<std::int64_t> created;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& r = result.lines[i];
        const InputRow* row = &lines[i].row;
        switch (r.kind) {
        case LineResult::Ok:
            out.accepted();
            if (creating && !r.id.empty()) {
                std::int64_t id = 0;
                if (parse_integer(r.id, id)) created.push_back(id);
                // A write that fully succeeded is SQL_SUCCESS: PHP turns an
                // info record into a warning and frameworks into an
                // exception. The ids stay reachable through LAST_INSERT_ID(),
                // and CreatedIdInfo=yes brings the records back (native
                // error = the id, where it fits the SQLINTEGER).
                if (session.config().created_id_info)
                    out.warning(row, "01000", "row " + std::to_string(row->number) + ": created project id " + r.id,
                                id >= INT32_MIN && id <= INT32_MAX ? long(id) : 0);
            }
            break;
        case LineResult::Rejected:
            out.error(row, sqlstate_for(r.code),
                      "row " + std::to_string(row->number) + ": the service rejected the line: " + r.code + " (" +
                          explain(r.code) + ")");
            break;
        case LineResult::Unknown:
            out.unknown(row);
            if (!result.any_unknown) unknown_line = true;
            break;
        case LineResult::NotSent:
            out.unused(row);
            break;
        }
    }
    session.note_created_ids(created);
    for (const auto& note : result.notes) {
        if (note.sqlstate == "01000") out.warning(nullptr, note.sqlstate, note.message);
        else out.error(nullptr, note.sqlstate, note.message);
    }
    if (unknown_line)
        out.error(nullptr, "HYT00",
                  "the service's answer did not mention every line; the outcome of those rows is unknown: check with "
                  "SELECT * FROM projects");
    if (result.any_unknown) out.fail();
    return out.finish();
}

// Turns every row into its CSV line and sends them in one upload, or none
// of them when any row fails validation.
WriteOutcome validate_and_send(Session& session, const catalog::Table& table, const catalog::WriteRoute& route,
                               const std::vector<InputRow>& rows, std::size_t parameter_sets, bool creating) {
    std::vector<Problem> problems;
    std::vector<Line> lines;
    for (const auto& row : rows)
        if (auto text = csv_line(route, row, problems)) lines.push_back({row, *text});
    if (!problems.empty()) {
        OutcomeBuilder out(parameter_sets);
        out.validation_failed(rows, problems);
        return out.finish();
    }
    return send(session, table, lines, parameter_sets, creating);
}

WriteOutcome insert(Session& session, const catalog::Table& table, const sql::Statement& statement,
                    const std::vector<ParameterValues>& parameter_rows) {
    const auto& route = route_for(table, catalog::WriteKind::Insert);
    const auto rows = insert_rows(session, table, route, statement.insert, parameter_rows);
    return validate_and_send(session, table, route, rows, parameter_rows.size(), true);
}

WriteOutcome update(Session& session, const catalog::Table& table, const sql::Statement& statement,
                    const std::vector<ParameterValues>& parameter_rows) {
    const auto& route = route_for(table, catalog::WriteKind::Update);
    const auto& u = statement.update;
    for (const auto& must : route.must_set) {
        const bool named = std::any_of(u.assignments.begin(), u.assignments.end(),
                                       [&](const auto& a) { return lower(a.column) == must; });
        if (!named)
            throw Error("HY000", "UPDATE " + table.name + " must set " + must +
                                     ": the API cannot tell its current value and the update would otherwise change "
                                     "it; add SET " + must + " = 0 (or 1)");
    }
    for (const auto& a : u.assignments) {
        const catalog::Column* c = &named_column(table, a.column);
        const bool writable = std::any_of(route.fields.begin(), route.fields.end(),
                                          [&](const auto& f) { return lower(f.column) == lower(c->name); });
        if (!writable || lower(c->name) == kKey)
            throw Error("HY000", "column " + c->name + " of " + table.name + " cannot be changed by UPDATE");
    }
    const auto& sets = at_least_one(parameter_rows);
    const auto rows = targeted_rows(session, table, kKey, u.where, u.assignments, sets);
    return validate_and_send(session, table, route, rows, sets.size(), false);
}

WriteOutcome remove(Session& session, const catalog::Table& table, const sql::Statement& statement,
                    const std::vector<ParameterValues>& parameter_rows) {
    const auto& route = route_for(table, catalog::WriteKind::Delete);
    const auto& sets = at_least_one(parameter_rows);
    const auto rows = targeted_rows(session, table, kKey, statement.del.where, {}, sets);
    return validate_and_send(session, table, route, rows, sets.size(), false);
}

} // namespace

WriteOutcome write_projects(Session& session, const catalog::Table& table, const sql::Statement& statement,
                            const std::vector<ParameterValues>& parameter_rows) {
    return by_kind(insert, update, remove, session, table, statement, parameter_rows);
}

} // namespace tb::engine::write
