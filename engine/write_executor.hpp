// INSERT, UPDATE and DELETE: routed to the API's write actions by the
// catalog's write routes. Every row is validated before anything is sent; a
// request is sent once and never re-sent automatically.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/error.hpp"
#include "engine/planner.hpp"
#include "sql/sql.hpp"

namespace tb::engine {

class Session;

struct WriteOutcome {
    std::int64_t accepted = 0;            // SQLRowCount: rows the service accepted
    // One record per rejected or invalid row (SQLSTATE, message, row number
    // 1-based over all parameter rows x VALUES rows) and per service warning.
    std::vector<Warning> records;
    // Per parameter row: SQL_PARAM_SUCCESS (0), SQL_PARAM_SUCCESS_WITH_INFO (6),
    // SQL_PARAM_ERROR (5), SQL_PARAM_UNUSED (7). Empty when not meaningful.
    std::vector<unsigned short> parameter_status;
    bool failed = false;                  // the statement's return code is SQL_ERROR
};

// Checks at prepare time that the statement names a writable table.
void check_write_target(Session& session, const sql::Statement& statement);

// parameter_rows has one entry per parameter set (SQL_ATTR_PARAMSET_SIZE).
WriteOutcome execute_write(Session& session, const sql::Statement& statement,
                           const std::vector<ParameterValues>& parameter_rows);

} // namespace tb::engine
