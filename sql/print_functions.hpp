// Internal to sql/: how calls, CASTs and EXTRACTs render for SQLite. The
// same table feeds capabilities(), so SQLGetInfo never claims more.
#pragma once

#include "sql/ast.hpp"

#include <string>
#include <vector>

namespace tb::sql::printing {

// A call whose arguments are already rendered (keyword arguments such as
// SQL_TSI_DAY or SQL_BIGINT are passed as "" and read from the AST).
// Throws UnsupportedError for a function the printer cannot render.
std::string render_function(const ast::Expr& call, const std::vector<std::string>& args, const PrintOptions& options);
std::string render_cast(const std::string& arg, const ast::TypeName& type);
std::string render_extract(const std::string& field, const std::string& arg);

// The argument is an interval or type keyword, not a value.
bool is_keyword_argument(const ast::Expr& call, const ast::Expr& arg);
// The expression calls an aggregate (outside subqueries).
bool contains_aggregate(const ast::Expr& e);
// The expression certainly yields a number (for comparing ? markers).
bool returns_number(const ast::Expr& e);

} // namespace tb::sql::printing
