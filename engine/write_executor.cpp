#include "engine/write_executor.hpp"

#include "catalog/catalog.hpp"
#include "engine/session.hpp"
#include "sql/ast.hpp"

namespace tb::engine {

void check_write_target(const sql::Statement& statement) {
    std::string name;
    switch (statement.kind) {
    case sql::StatementKind::Insert: name = statement.insert.table; break;
    case sql::StatementKind::Update: name = statement.update.table; break;
    case sql::StatementKind::Delete: name = statement.del.table; break;
    default: return;
    }
    const catalog::Table* table = catalog::find_table(name);
    if (!table) {
        const std::string hint = catalog::suggest_table(name);
        throw Error("42S02", "unknown table " + name + (hint.empty() ? "" : "; did you mean " + hint + "?"));
    }
    if (table->writes.empty())
        throw Error("HY000", "table " + table->name + " is read-only: the Timebutler API has no write action for it");
}

WriteOutcome execute_write(Session&, const sql::Statement&, const std::vector<ParameterValues>&) {
    throw Error("HYC00", "INSERT, UPDATE and DELETE are not supported by this version of the driver");
}

} // namespace tb::engine
