// Internal to sql/: visits every node of a statement, subqueries included.
#pragma once

#include "sql/ast.hpp"

#include <functional>

namespace tb::sql::ast {

struct Visitor {
    std::function<void(Expr&)> expression;   // every expression node, parents first
    std::function<void(FromItem&)> table;    // every base-table FROM item
    std::function<void(Query&)> query;       // every query, the outermost first
};

void walk(Statement& statement, const Visitor& visitor);
void walk(Query& query, const Visitor& visitor);
void walk(Expr& expr, const Visitor& visitor);

} // namespace tb::sql::ast
