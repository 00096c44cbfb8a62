// holidayentitlement -> setholidayentitlement (UPDATE: only the columns SET
// are sent; the API keeps the others) and workdays -> setworkdays (every
// statement kind: read the user's periods, apply the change, send the whole
// list as group_1_..., group_2_..., the first period from the beginning).
#include <algorithm>
#include <set>

#include "engine/error.hpp"
#include "engine/session.hpp"
#include "engine/write_forms.hpp"
#include "engine/write_routes.hpp"
#include "engine/write_target.hpp"

namespace tb::engine::write {
namespace {

// Checks that every SET column is a field of the route and not a key.
void check_assignments(const catalog::Table& table, const catalog::WriteRoute& route,
                       const std::vector<sql::ast::Assignment>& assignments, const std::vector<std::string>& fixed) {
    for (const auto& a : assignments) {
        const catalog::Column* c = &named_column(table, a.column);
        const std::string name = lower(c->name);
        const bool writable = std::any_of(route.fields.begin(), route.fields.end(),
                                          [&](const auto& f) { return f.column == name; });
        if (!writable || std::find(fixed.begin(), fixed.end(), name) != fixed.end())
            throw Error("HY000", "column " + c->name + " of " + table.name + " cannot be changed by UPDATE");
    }
}

WriteOutcome entitlement(Session& session, const catalog::Table& table, const sql::Statement& statement,
                         const std::vector<ParameterValues>& parameter_rows) {
    if (statement.kind != sql::StatementKind::Update)
        throw Error("HY000", "holidayentitlement takes UPDATE only (SET ... WHERE user_id = ... AND year = ...): every "
                             "user has an entitlement row per year");
    const auto& route = route_for(table, catalog::WriteKind::Update);
    const auto& u = statement.update;
    check_assignments(table, route, u.assignments, {"user_id", "year"});
    const auto& sets = at_least_one(parameter_rows);
    std::map<std::string, std::set<std::string>> users_of_year;  // year -> user ids with a row
    std::vector<Problem> problems;
    std::vector<InputRow> rows;
    for (std::size_t p = 0; p < sets.size(); ++p) {
        for (const auto& key : key_tuples(u.where, {"user_id", "year"}, {}, table.name, sets[p])) {
            const std::string& year = key.at("year");
            if (!as_integer(Literal(year))) {
                problems.push_back({long(p + 1), "22018", "year must be a whole number, not '" + year + "'"});
                continue;
            }
            if (!users_of_year.count(year)) {
                auto& users = users_of_year[year];
                for (const auto& row : read_current(session, table, PlannedRequest{{{"year", year}}, {{"year", year}}}))
                    if (auto id = row.find("user_id"); id != row.end() && id->second) users.insert(*id->second);
            }
            if (!users_of_year[year].count(key.at("user_id"))) continue;  // no such row: touches nothing
            InputRow row;
            row.number = long(p + 1);
            row.param_set = p;
            row.values["user_id"] = key.at("user_id");
            row.values["year"] = year;
            for (const auto& a : u.assignments) {
                row.values[lower(a.column)] = resolve(a.value, sets[p], a.column);
                if (is_null(row.values[lower(a.column)]))
                    problems.push_back({row.number, "23000",
                                        "column " + lower(a.column) + " cannot be set to NULL; give a number of days"});
            }
            rows.push_back(std::move(row));
        }
    }
    std::vector<FormCall> calls;
    for (const auto& row : rows) calls.push_back({&row, route.action, form_params(route, row, false, problems)});
    OutcomeBuilder out(sets.size());
    if (!problems.empty()) {
        out.validation_failed(rows, problems);
        return out.finish();
    }
    if (send_form_calls(session, table, calls, out))
        session.cache().drop_partitions(session.source(), table.action);
    return out.finish();
}

// One work day period of a user, with the statement row that last changed it.
struct Period {
    InputRow values;
    const InputRow* changed_by = nullptr;
};

std::string text_of(const InputRow& row, const std::string& column) {
    const Literal* v = row.find(column);
    if (!v || is_null(*v)) return "";
    if (auto n = as_integer(*v)) return std::to_string(*n);
    return literal_text(*v);
}

// The first period has no date in the answer (it holds from the beginning).
bool before(const Period& a, const Period& b) { return text_of(a.values, "valid_from") < text_of(b.values, "valid_from"); }

struct UserPlan {
    std::vector<Period> periods;
    std::vector<const InputRow*> rows;  // statement rows that changed it
};

WriteOutcome workdays(Session& session, const catalog::Table& table, const sql::Statement& statement,
                      const std::vector<ParameterValues>& parameter_rows) {
    const catalog::WriteKind kind = statement.kind == sql::StatementKind::Insert   ? catalog::WriteKind::Insert
                                    : statement.kind == sql::StatementKind::Update ? catalog::WriteKind::Update
                                                                                   : catalog::WriteKind::Delete;
    const auto& route = route_for(table, kind);
    const auto& sets = at_least_one(parameter_rows);
    std::vector<Problem> problems;

    std::vector<InputRow> rows;  // the statement's rows (INSERT) or one per parameter set (UPDATE/DELETE)
    if (kind == catalog::WriteKind::Insert) {
        rows = insert_rows(session, table, route, statement.insert, parameter_rows);
    } else {
        if (kind == catalog::WriteKind::Update) check_assignments(table, route, statement.update.assignments, {"user_id"});
        for (std::size_t p = 0; p < sets.size(); ++p) rows.push_back({long(p + 1), p, {}});
    }
    std::map<std::string, UserPlan> plans;  // user id -> periods
    bool read = false;
    auto plan_of = [&](const std::string& user) -> UserPlan* {
        if (!read) {
            for (auto& current : read_current(session, table, PlannedRequest{})) {
                InputRow values;
                for (auto& [column, value] : current) values.values[column] = value ? Literal(*value) : Literal();
                const std::string id = text_of(values, "user_id");
                plans[id].periods.push_back({std::move(values), nullptr});
            }
            read = true;
        }
        auto it = plans.find(user);
        return it == plans.end() ? nullptr : &it->second;
    };
    auto touch = [](UserPlan& plan, const InputRow* row) {
        if (std::find(plan.rows.begin(), plan.rows.end(), row) == plan.rows.end()) plan.rows.push_back(row);
    };

    if (kind == catalog::WriteKind::Insert) {
        for (const auto& row : rows) {
            const std::string user = text_of(row, "user_id");
            if (user.empty()) continue;  // field_text reports the missing user below
            UserPlan* plan = plan_of(user);
            if (!plan) {
                problems.push_back({row.number, "23000", "there is no user with user_id " + user});
                continue;
            }
            const std::string from = text_of(row, "valid_from").substr(0, 10);
            for (const auto& p : plan->periods)
                if (!from.empty() && text_of(p.values, "valid_from") == from)
                    problems.push_back({row.number, "23000", "user " + user + " already has a period from " + from +
                                                                 "; change it with UPDATE workdays"});
            plan->periods.push_back({row, &row});
            touch(*plan, &row);
        }
    } else {
        const auto& where = kind == catalog::WriteKind::Update ? statement.update.where : statement.del.where;
        for (std::size_t p = 0; p < sets.size(); ++p) {
            const InputRow* row = &rows[p];
            for (const auto& key : key_tuples(where, {"user_id", "valid_from"}, {"valid_from"}, table.name, sets[p])) {
                UserPlan* plan = plan_of(key.at("user_id"));
                if (!plan) continue;  // no such user: touches nothing
                const auto from = key.find("valid_from");
                auto matches = [&](const Period& period) {
                    return from == key.end() || text_of(period.values, "valid_from") == from->second;
                };
                if (kind == catalog::WriteKind::Delete) {
                    const auto before_size = plan->periods.size();
                    std::erase_if(plan->periods, matches);
                    if (plan->periods.size() != before_size) touch(*plan, row);
                    continue;
                }
                for (auto& period : plan->periods) {
                    if (!matches(period)) continue;
                    for (const auto& a : statement.update.assignments)
                        period.values.values[lower(a.column)] = resolve(a.value, sets[p], a.column);
                    period.changed_by = row;
                    touch(*plan, row);
                }
            }
        }
    }

    // The whole list of every user the statement changed, validated first.
    catalog::WriteRoute later = route, first = route;  // fields of group_n_ (n > 1) and of group_1_
    std::erase_if(later.fields, [](const auto& f) { return f.column == "user_id"; });
    std::erase_if(first.fields, [](const auto& f) { return f.column == "user_id" || f.column == "valid_from"; });
    std::vector<FormCall> calls;
    for (auto& [user, plan] : plans) {
        if (plan.rows.empty()) continue;
        const InputRow* blame = plan.rows.front();
        if (plan.periods.empty()) {
            problems.push_back({blame->number, "HY000", "user " + user +
                                                            " would have no work day period left; the API keeps at "
                                                            "least one (change the first period with UPDATE instead)"});
            continue;
        }
        if (plan.periods.size() > static_cast<std::size_t>(route.max_periods)) {
            problems.push_back({blame->number, "22001", "user " + user + " would have " +
                                                            std::to_string(plan.periods.size()) +
                                                            " periods; the service takes at most " +
                                                            std::to_string(route.max_periods)});
            continue;
        }
        std::stable_sort(plan.periods.begin(), plan.periods.end(), before);
        for (std::size_t n = 1; n < plan.periods.size(); ++n) {
            const std::string from = text_of(plan.periods[n].values, "valid_from");
            if (from.empty() || from != text_of(plan.periods[n - 1].values, "valid_from")) continue;
            const InputRow* by = plan.periods[n].changed_by ? plan.periods[n].changed_by : blame;
            problems.push_back({by->number, "23000", "user " + user + " would have two periods from " + from +
                                                         "; each period needs its own valid_from"});
        }
        FormParams params{{"userid", user}};
        for (std::size_t n = 0; n < plan.periods.size(); ++n) {
            const Period& period = plan.periods[n];
            InputRow values = period.values;
            values.number = period.changed_by ? period.changed_by->number : blame->number;
            FormParams group;
            if (n == 0) {
                if (period.changed_by && !text_of(values, "valid_from").empty())
                    problems.push_back({values.number, "HY000",
                                        "the first work day period of user " + user +
                                            " holds from the beginning and cannot start on " +
                                            text_of(values, "valid_from") + "; leave its valid_from NULL"});
                group = form_params(first, values, false, problems, 1);
                group.insert(group.begin(), {"group_1_valid_from", "0"});  // the API's "from the beginning"
            } else {
                group = form_params(later, values, false, problems, static_cast<int>(n + 1));
            }
            params.insert(params.end(), group.begin(), group.end());
        }
        FormCall call{blame, route.action, std::move(params)};
        call.carried.assign(plan.rows.begin() + 1, plan.rows.end());
        calls.push_back(std::move(call));
    }
    OutcomeBuilder out(sets.size());
    if (!problems.empty()) {
        out.validation_failed(rows, problems);
        return out.finish();
    }
    if (send_form_calls(session, table, calls, out)) session.cache().drop_partitions(session.source(), table.action);
    return out.finish();
}

} // namespace

WriteOutcome write_plans(Session& session, const catalog::Table& table, const sql::Statement& statement,
                         const std::vector<ParameterValues>& parameter_rows) {
    if (table.name == "holidayentitlement") return entitlement(session, table, statement, parameter_rows);
    return workdays(session, table, statement, parameter_rows);
}

} // namespace tb::engine::write
