// INSERT ... SELECT: the SELECT runs through the normal read path (planned
// requests, cache, SQLite) and its rows become the rows to write.
#include <string>

#include "engine/cursor.hpp"
#include "engine/statement.hpp"
#include "engine/write_values.hpp"
#include "sql/ast.hpp"

namespace tb::engine::write {

std::vector<std::vector<Literal>> select_rows(Session& session, const sql::ast::Insert& insert,
                                              const ParameterValues& parameters) {
    sql::StatementPtr query(new sql::Statement);
    query->kind = sql::StatementKind::Select;
    query->query = insert.select;
    Statement select(session);
    select.prepare(std::move(query));
    auto cursor = select.execute(parameters);
    const int width = static_cast<int>(cursor->columns().size());
    std::vector<std::vector<Literal>> rows;
    while (cursor->next()) {
        std::vector<Literal> row;
        for (int i = 0; i < width; ++i) {
            switch (cursor->type(i)) {
            case CellType::Null: row.emplace_back(); break;
            case CellType::Integer: row.emplace_back(cursor->as_int(i)); break;
            case CellType::Real: row.emplace_back(cursor->as_double(i)); break;
            case CellType::Text: row.emplace_back(std::string(cursor->as_text(i))); break;
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace tb::engine::write
