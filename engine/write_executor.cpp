#include "engine/write_executor.hpp"

#include "catalog/catalog.hpp"
#include "engine/session.hpp"
#include "engine/write_routes.hpp"
#include "sql/ast.hpp"

namespace tb::engine {

void check_write_target(Session& session, const sql::Statement& statement) {
    std::string name;
    switch (statement.kind) {
    case sql::StatementKind::Insert: name = statement.insert.table; break;
    case sql::StatementKind::Update: name = statement.update.table; break;
    case sql::StatementKind::Delete: name = statement.del.table; break;
    default: return;
    }
    const catalog::Source& source = session.catalog_source();
    const catalog::Table* table = source.find_table(name);
    if (!table) {
        const std::string hint = source.suggest_table(name);
        throw Error("42S02", "unknown table " + name + (hint.empty() ? "" : "; did you mean " + hint + "?"));
    }
    if (table->writes.empty())
        throw Error("HY000", "table " + table->name + " is read-only: the " + source.title +
                                 " has no write action for it");
}

namespace {

WriteOutcome route_write(Session& session, const sql::Statement& statement,
                         const std::vector<ParameterValues>& parameter_rows);

} // namespace

WriteOutcome execute_write(Session& session, const sql::Statement& statement,
                           const std::vector<ParameterValues>& parameter_rows) {
    session.cache().take_warnings();  // left over from a write that failed after sending
    WriteOutcome outcome = route_write(session, statement, parameter_rows);
    // An invalidation that did not reach the cache file: the write is done,
    // but other connections may read the old rows until CacheTTL.
    for (auto& message : session.cache().take_warnings()) outcome.records.push_back({"01000", std::move(message)});
    return outcome;
}

namespace {

WriteOutcome route_write(Session& session, const sql::Statement& statement,
                         const std::vector<ParameterValues>& parameter_rows) {
    check_write_target(session, statement);
    std::string name;
    switch (statement.kind) {
    case sql::StatementKind::Insert: name = statement.insert.table; break;
    case sql::StatementKind::Update: name = statement.update.table; break;
    case sql::StatementKind::Delete: name = statement.del.table; break;
    default: throw Error("HY000", "not a write statement");
    }
    const catalog::Table& table = *session.catalog_source().find_table(name);
    if (table.source == "goodtime") return write::write_goodtime(session, table, statement, parameter_rows);
    if (table.name == "projects") return write::write_projects(session, table, statement, parameter_rows);
    if (table.name == "worktime_events") return write::write_events(session, table, statement, parameter_rows);
    if (table.name == "timeclock") return write::write_timeclock(session, table, statement, parameter_rows);
    if (table.name == "users") return write::write_users(session, table, statement, parameter_rows);
    if (table.name == "holidayentitlement" || table.name == "workdays")
        return write::write_plans(session, table, statement, parameter_rows);
    throw Error("HYC00", "writing to " + table.name + " (action " + table.write_route +
                             ") is not supported by this version of the driver yet");
}

} // namespace

namespace write {

WriteOutcome by_kind(KindExecutor insert, KindExecutor update, KindExecutor remove, Session& session,
                     const catalog::Table& table, const sql::Statement& statement,
                     const std::vector<ParameterValues>& parameter_rows) {
    switch (statement.kind) {
    case sql::StatementKind::Insert: return insert(session, table, statement, parameter_rows);
    case sql::StatementKind::Update: return update(session, table, statement, parameter_rows);
    case sql::StatementKind::Delete: return remove(session, table, statement, parameter_rows);
    default: throw Error("HY000", "not a write statement");
    }
}

const catalog::WriteRoute& route_for(const catalog::Table& table, catalog::WriteKind kind) {
    for (const auto& route : table.writes)
        if (route.kind == kind) return route;
    throw Error("HY000", std::string(catalog::to_string(kind)) + " is not possible on " + table.name +
                             ": the API has no such write for it");
}

} // namespace write

} // namespace tb::engine
