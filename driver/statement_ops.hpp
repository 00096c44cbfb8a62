// What statement entry points share: preparing, executing with the bound
// parameters, the result columns, and fetching into bound buffers.
#pragma once

#include <string>
#include <vector>

#include "driver/handles.hpp"
#include "engine/cursor.hpp"

namespace tb::driver {

void prepare_statement(Stmt& stmt, const std::string& text);
SQLRETURN execute_statement(Stmt& stmt);
// The result set's columns: the open cursor's, or the prepared statement's.
const std::vector<engine::ColumnInfo>& result_columns(Stmt& stmt);
SQLRETURN fetch_rowset(Stmt& stmt);
// Requires a result set (24000 otherwise).
void require_cursor(Stmt& stmt);
// Publishes a cursor-less result made by the driver (catalog functions).
void set_result(Stmt& stmt, std::unique_ptr<engine::Cursor> cursor);

} // namespace tb::driver
