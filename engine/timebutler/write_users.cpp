// users: INSERT creates accounts, UPDATE changes them, DELETE deletes them,
// all through useraccount (one request per account and command). An UPDATE
// becomes, per account and in this order: the full `update` (every field,
// unchanged ones from the current row, because the API clears what is left
// out), `modifyemail` for a changed e-mail address, `lock` / `unlock` for
// account_locked, and managerassignment for manager_user_ids.
#include <algorithm>

#include "engine/error.hpp"
#include "engine/session.hpp"
#include "engine/write_forms.hpp"
#include "engine/write_routes.hpp"
#include "engine/write_target.hpp"

namespace tb::engine::write {
namespace {

const std::string kKey = "user_id";
constexpr std::size_t kMaxManagers = 10;  // manager1 .. manager10

// Every cached answer an account change can alter (creation adds work days,
// deletion removes the user everywhere).
void drop_user_partitions(Session& session) {
    for (const char* action : {"users", "workdays", "holidayentitlement", "timeclock"})
        session.cache().drop_partitions(session.source(), action);
}

// The update routes of the table, by what selects them.
struct UpdateRoutes {
    const catalog::WriteRoute* full = nullptr;     // any other column
    const catalog::WriteRoute* email = nullptr;    // email
    const catalog::WriteRoute* lock = nullptr;     // account_locked = true
    const catalog::WriteRoute* unlock = nullptr;   // account_locked = false
    const catalog::WriteRoute* managers = nullptr; // manager_user_ids
};

UpdateRoutes update_routes(const catalog::Table& table) {
    UpdateRoutes r;
    for (const auto& route : table.writes) {
        if (route.kind != catalog::WriteKind::Update) continue;
        if (route.when_set.empty()) r.full = &route;
        else if (route.when_set == "email") r.email = &route;
        else if (route.when_set == "account_locked") (route.when_value == "true" ? r.lock : r.unlock) = &route;
        else if (route.when_set == "manager_user_ids") r.managers = &route;
    }
    if (!r.full || !r.email || !r.lock || !r.unlock || !r.managers)
        throw Error("HY000", "the catalog's update routes of " + table.name + " are incomplete");
    return r;
}

bool sets_column(const sql::ast::Update& u, const std::string& column) {
    return std::any_of(u.assignments.begin(), u.assignments.end(),
                       [&](const auto& a) { return lower(a.column) == column; });
}

// Checks the SET list: every column must be writable by one of the routes.
void check_assignments(const catalog::Table& table, const sql::ast::Update& u, const UpdateRoutes& routes) {
    for (const auto& a : u.assignments) {
        const catalog::Column* c = &named_column(table, a.column);
        const std::string name = lower(c->name);
        const bool special = name == "email" || name == "account_locked" || name == "manager_user_ids";
        const bool in_full = std::any_of(routes.full->fields.begin(), routes.full->fields.end(),
                                         [&](const auto& f) { return f.column == name; });
        if (name == kKey || (!special && !in_full))
            throw Error("HY000", "column " + c->name + " of " + table.name +
                                     " cannot be changed by UPDATE (the service assigns or derives it)");
    }
}

// manager_user_ids "3, 7" -> manager1=3, manager2=7.
void add_managers(const InputRow& row, FormParams& params, std::vector<Problem>& problems) {
    const Literal* value = row.find("manager_user_ids");
    const std::string text = value ? literal_text(*value) : "";
    std::vector<std::string> ids;
    bool bad = false;
    for (std::size_t from = 0; from <= text.size();) {
        const auto comma = std::min(text.find(',', from), text.size());
        const std::string piece = text.substr(from, comma - from);
        from = comma + 1;
        if (piece.find_first_not_of(" \t") == std::string::npos) continue;  // "3,,7": an empty place
        if (auto n = as_integer(Literal(piece)); n && *n > 0) ids.push_back(std::to_string(*n));
        else bad = true;
    }
    if (bad) {
        problems.push_back({row.number, "22018",
                            "column manager_user_ids must be user ids separated by commas (\"3,7\"), not '" + text + "'"});
    } else if (ids.empty()) {
        problems.push_back({row.number, "23000",
                            "column manager_user_ids needs at least one manager's user id: the API cannot remove "
                            "every manager of a user"});
    } else if (ids.size() > kMaxManagers) {
        problems.push_back({row.number, "22001",
                            "column manager_user_ids lists " + std::to_string(ids.size()) +
                                " managers; the service takes at most " + std::to_string(kMaxManagers)});
    } else {
        for (std::size_t i = 0; i < ids.size(); ++i) params.emplace_back("manager" + std::to_string(i + 1), ids[i]);
    }
}

// The calls of one account's UPDATE, in sending order.
void update_calls(const UpdateRoutes& routes, const sql::ast::Update& u, const InputRow& row,
                  const CurrentRow& current, std::vector<FormCall>& calls, std::vector<Problem>& problems) {
    const bool full = std::any_of(u.assignments.begin(), u.assignments.end(), [](const auto& a) {
        const std::string c = lower(a.column);
        return c != "email" && c != "account_locked" && c != "manager_user_ids";
    });
    if (full) calls.push_back({&row, routes.full->action, form_params(*routes.full, row, true, problems)});
    if (sets_column(u, "email")) {
        const Literal* mail = row.find("email");
        auto now = current.find("email");
        const bool same = mail && !is_null(*mail) && now != current.end() && now->second &&
                          lower(literal_text(*mail)) == lower(*now->second);
        if (!same) calls.push_back({&row, routes.email->action, form_params(*routes.email, row, true, problems)});
    }
    if (sets_column(u, "account_locked")) {
        catalog::WriteField flag;  // only to check the value; lock/unlock carry no flag field
        flag.column = flag.field = "account_locked";
        flag.format = catalog::WriteFormat::Bool;
        flag.required = true;
        if (auto text = field_text(flag, row.find("account_locked"), false, row.number, problems)) {
            const auto& route = *text == "true" ? *routes.lock : *routes.unlock;
            calls.push_back({&row, route.action, form_params(route, row, true, problems)});
        }
    }
    if (sets_column(u, "manager_user_ids")) {
        FormParams params = form_params(*routes.managers, row, true, problems);
        add_managers(row, params, problems);
        calls.push_back({&row, routes.managers->action, std::move(params)});
    }
}

WriteOutcome send(Session& session, const catalog::Table& table, const std::vector<InputRow>& rows,
                  const std::vector<FormCall>& calls, const std::vector<Problem>& problems, std::size_t sets) {
    OutcomeBuilder out(sets);
    if (!problems.empty()) {
        out.validation_failed(rows, problems);
        return out.finish();
    }
    if (send_form_calls(session, table, calls, out)) drop_user_partitions(session);
    return out.finish();
}

WriteOutcome insert(Session& session, const catalog::Table& table, const sql::Statement& statement,
                    const std::vector<ParameterValues>& parameter_rows) {
    const auto& route = route_for(table, catalog::WriteKind::Insert);
    const auto rows = insert_rows(session, table, route, statement.insert, parameter_rows);
    std::vector<Problem> problems;
    std::vector<FormCall> calls;
    for (const auto& row : rows) calls.push_back({&row, route.action, form_params(route, row, true, problems)});
    return send(session, table, rows, calls, problems, std::max<std::size_t>(parameter_rows.size(), 1));
}

WriteOutcome update(Session& session, const catalog::Table& table, const sql::Statement& statement,
                    const std::vector<ParameterValues>& parameter_rows) {
    const auto routes = update_routes(table);
    const auto& u = statement.update;
    check_assignments(table, u, routes);
    const auto& sets = at_least_one(parameter_rows);
    std::vector<CurrentRow> current;
    const auto rows = targeted_rows(session, table, kKey, u.where, u.assignments, sets, &current);
    std::vector<Problem> problems;
    std::vector<FormCall> calls;
    for (std::size_t i = 0; i < rows.size(); ++i) update_calls(routes, u, rows[i], current[i], calls, problems);
    return send(session, table, rows, calls, problems, sets.size());
}

WriteOutcome remove(Session& session, const catalog::Table& table, const sql::Statement& statement,
                    const std::vector<ParameterValues>& parameter_rows) {
    const auto& route = route_for(table, catalog::WriteKind::Delete);
    const auto& sets = at_least_one(parameter_rows);
    const auto rows = targeted_rows(session, table, kKey, statement.del.where, {}, sets);
    std::vector<Problem> problems;
    std::vector<FormCall> calls;
    for (const auto& row : rows) calls.push_back({&row, route.action, form_params(route, row, true, problems)});
    return send(session, table, rows, calls, problems, sets.size());
}

} // namespace

WriteOutcome write_users(Session& session, const catalog::Table& table, const sql::Statement& statement,
                         const std::vector<ParameterValues>& parameter_rows) {
    return by_kind(insert, update, remove, session, table, statement, parameter_rows);
}

} // namespace tb::engine::write
