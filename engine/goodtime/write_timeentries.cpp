// GoodTime's writes, driven by the catalog's routes (catalog/goodtime/):
// INSERT sends one JSON POST per row (createtimeentry), DELETE one DELETE per
// id (deletetimeentry/{id}). Every row is checked before anything is sent
// (required fields, formats, end after start, a known time type and
// project); each request is sent once; each row gets its own result.
#include <algorithm>
#include <set>

#include "api/json_rows.hpp"
#include "engine/error.hpp"
#include "engine/loader.hpp"
#include "engine/session.hpp"
#include "engine/write_common.hpp"
#include "engine/write_forms.hpp"
#include "engine/write_routes.hpp"
#include "engine/write_target.hpp"

namespace tb::engine::write {
namespace {

struct Call {
    const InputRow* row;
    api::Request request;
};

// The values each reference check allows, read fresh from the service (the
// cached list is dropped first, so a type created a minute ago counts).
std::map<std::string, std::set<std::string>> known_values(Session& session, const catalog::WriteRoute& route) {
    std::map<std::string, std::set<std::string>> known;
    for (const auto& check : route.checks) {
        if (check.ref_table.empty() || known.count(check.ref_table + "." + check.ref_column)) continue;
        const catalog::Table* ref = session.catalog_source().find_table(check.ref_table);
        if (!ref) continue;
        auto& values = known[check.ref_table + "." + check.ref_column];
        for (const auto& [key, row] : current_rows(session, *ref, check.ref_column)) values.insert(key);
    }
    return known;
}

// The JSON object of one row, or nullopt with its problems noted.
std::optional<std::string> json_object(const catalog::WriteRoute& route, const InputRow& row,
                                       const std::map<std::string, std::set<std::string>>& known,
                                       std::vector<Problem>& problems) {
    std::string body = "{";
    std::map<std::string, std::string> sent;   // column -> text
    bool ok = true;
    for (const auto& field : route.fields) {
        auto text = field_text(field, row.find(field.column), false, row.number, problems);
        if (!text) {
            ok = false;
            continue;
        }
        const Literal* given = row.find(field.column);
        if (text->empty() && (!given || is_null(*given))) continue;   // optional and not given (or NULL)
        sent[field.column] = *text;
        if (body.size() > 1) body += ',';
        body += api::json_quote(field.field) + ":";
        body += field.format == catalog::WriteFormat::Integer ? *text : api::json_quote(*text);
    }
    if (!ok) return std::nullopt;
    for (const auto& check : route.checks) {
        auto it = sent.find(check.column);
        if (it == sent.end()) continue;
        if (!check.after_column.empty()) {
            auto before = sent.find(check.after_column);
            // Both are YYYY-MM-DDTHH:MM:SS: text order is time order.
            if (before != sent.end() && !(it->second > before->second)) {
                problems.push_back({row.number, "22008", check.column + " (" + it->second + ") must lie after " +
                                                             check.after_column + " (" + before->second + ")"});
                ok = false;
            }
        } else {
            const auto& values = known.at(check.ref_table + "." + check.ref_column);
            if (!values.count(it->second)) {
                problems.push_back({row.number, "23000", check.column + " " + it->second + " is not a known " +
                                                             check.ref_table + "." + check.ref_column +
                                                             " (SELECT * FROM " + check.ref_table + " lists them)"});
                ok = false;
            }
        }
    }
    if (!ok) return std::nullopt;
    return body + "}";
}

// Sends the calls in order; each row's result is its own. Returns whether
// anything may have reached the service.
bool send_calls(Session& session, const catalog::Table& table, std::vector<Call>& calls, OutcomeBuilder& out,
                const catalog::WriteRoute& route, std::vector<std::int64_t>* created) {
    bool sent_any = false;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        const InputRow* row = calls[i].row;
        const std::string at = row_prefix(row);
        SendResult sent = send_once(session, table, std::move(calls[i].request));
        const long status = sent.response.status;
        if (route.kind == catalog::WriteKind::Delete && sent.status == SendStatus::NotSent && status == 404) {
            // No such entry (any more): the row affects nothing, as a DELETE
            // of a row that is not there.
            sent_any = true;
            continue;
        }
        if (sent.status == SendStatus::NotSent || sent.status == SendStatus::TooLarge) {
            if (!sent_any && i == 0) throw sent.error;
            out.error(row, sent.error.sqlstate, at + sent.error.what());
            continue;
        }
        sent_any = true;
        if (sent.status == SendStatus::Unknown) {
            out.unknown(row);
            out.error(row, "HYT00", at + sent.error.what());
            for (std::size_t j = i + 1; j < calls.size(); ++j) out.unused(calls[j].row);
            out.fail();
            break;
        }
        out.accepted();
        if (created && !route.created_id_field.empty()) {
            auto id_text = api::json_created_id(sent.response.body, route.created_id_field);
            std::int64_t id = 0;
            if (id_text && parse_integer(*id_text, id)) {
                created->push_back(id);
                if (session.config().created_id_info)
                    out.warning(row, "01000", at + "created " + table.name + " id " + *id_text,
                                id >= INT32_MIN && id <= INT32_MAX ? long(id) : 0);
            } else {
                out.warning(row, "01000", at + "the service created the row but its answer named no id");
            }
        }
    }
    return sent_any;
}

WriteOutcome insert(Session& session, const catalog::Table& table, const sql::Statement& statement,
                    const std::vector<ParameterValues>& parameter_rows) {
    const auto& route = route_for(table, catalog::WriteKind::Insert);
    auto rows = insert_rows(session, table, route, statement.insert, parameter_rows);
    OutcomeBuilder out(std::max<std::size_t>(parameter_rows.size(), 1));
    if (rows.empty()) return out.finish();
    const auto known = known_values(session, route);
    std::vector<Problem> problems;
    std::vector<Call> calls;
    for (const auto& row : rows) {
        auto body = json_object(route, row, known, problems);
        if (!body) continue;
        api::Request request;
        request.action = route.action;
        request.path = session.catalog_source().base_path + route.action;
        request.method = api::Method::Post;
        request.json_body = std::move(*body);
        calls.push_back({&row, std::move(request)});
    }
    // One invalid row: nothing is sent.
    if (!problems.empty()) {
        out.validation_failed(rows, problems);
        return out.finish();
    }
    std::vector<std::int64_t> created;
    const bool sent = send_calls(session, table, calls, out, route, &created);
    if (sent) session.cache().drop_partitions(session.source(), table.action);
    session.note_created_ids(created);
    return out.finish();
}

WriteOutcome remove(Session& session, const catalog::Table& table, const sql::Statement& statement,
                    const std::vector<ParameterValues>& parameter_rows) {
    const auto& route = route_for(table, catalog::WriteKind::Delete);
    const std::string& key = route.row_key.front();
    const auto& sets = at_least_one(parameter_rows);
    std::vector<InputRow> rows;
    std::vector<Problem> problems;
    for (std::size_t set = 0; set < sets.size(); ++set)
        for (const auto& value : key_values(statement.del.where, key, table.name, sets[set])) {
            InputRow row;
            row.number = long(rows.size() + 1);
            row.param_set = set;
            std::int64_t id = 0;
            if (parse_integer(value, id)) row.values[key] = id;
            else problems.push_back({row.number, "22018", key + " must be a whole number, not '" + value + "'"});
            rows.push_back(std::move(row));
        }
    OutcomeBuilder out(sets.size());
    if (!problems.empty()) {
        out.validation_failed(rows, problems);
        return out.finish();
    }
    std::vector<Call> calls;
    for (const auto& row : rows) {
        std::string path = route.action;
        const auto& field = route.fields.front();
        const std::string marker = "{" + field.field + "}";
        path.replace(path.find(marker), marker.size(), std::to_string(std::get<std::int64_t>(row.values.at(key))));
        api::Request request;
        request.action = route.action;
        request.path = session.catalog_source().base_path + path;
        request.method = api::Method::Delete;
        calls.push_back({&row, std::move(request)});
    }
    if (send_calls(session, table, calls, out, route, nullptr))
        session.cache().drop_partitions(session.source(), table.action);
    return out.finish();
}

WriteOutcome update(Session&, const catalog::Table& table, const sql::Statement&, const std::vector<ParameterValues>&) {
    throw Error("HY000", "UPDATE is not possible on " + table.source + "." + table.name +
                             ": GoodTime's API has no such write; DELETE the entry and INSERT it anew");
}

} // namespace

WriteOutcome write_goodtime(Session& session, const catalog::Table& table, const sql::Statement& statement,
                            const std::vector<ParameterValues>& parameter_rows) {
    return by_kind(insert, update, remove, session, table, statement, parameter_rows);
}

} // namespace tb::engine::write
