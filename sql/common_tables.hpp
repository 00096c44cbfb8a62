// Internal to sql/: WITH (non-recursive common table expressions) become
// derived tables, so pushdown, base-table numbering and printing see nothing
// new. Each reference gets its own copy of the query: two references with
// different filters make their own requests, as two derived tables would.
#pragma once

#include "sql/ast.hpp"

namespace tb::sql::ast {

// Replaces every reference to a WITH table by a derived table and empties
// the WITH lists. Throws UnsupportedError for a recursive WITH and for a
// column list that cannot be applied (over *, or of the wrong length).
void inline_common_tables(Statement& statement);

} // namespace tb::sql::ast
