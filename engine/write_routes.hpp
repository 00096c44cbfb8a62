// The executors of the write routes, one file each, in a folder per source
// (engine/timebutler/, engine/goodtime/); write_executor.cpp picks one by table.
#pragma once

#include <vector>

#include "catalog/catalog.hpp"
#include "engine/planner.hpp"
#include "engine/write_executor.hpp"
#include "sql/ast.hpp"

namespace tb::engine::write {

// projects -> projectsimport (CREATE / UPDATE / DELETE lines of one upload).
WriteOutcome write_projects(Session& session, const catalog::Table& table, const sql::Statement& statement,
                            const std::vector<ParameterValues>& parameter_rows);
// worktime_events -> timeimportbyevents.
WriteOutcome write_events(Session& session, const catalog::Table& table, const sql::Statement& statement,
                          const std::vector<ParameterValues>& parameter_rows);
// timeclock -> timeclock (one request per row).
WriteOutcome write_timeclock(Session& session, const catalog::Table& table, const sql::Statement& statement,
                             const std::vector<ParameterValues>& parameter_rows);

// users -> useraccount (create, update, modifyemail, lock, unlock, delete)
// and managerassignment.
WriteOutcome write_users(Session& session, const catalog::Table& table, const sql::Statement& statement,
                         const std::vector<ParameterValues>& parameter_rows);
// holidayentitlement -> setholidayentitlement; workdays -> setworkdays.
WriteOutcome write_plans(Session& session, const catalog::Table& table, const sql::Statement& statement,
                         const std::vector<ParameterValues>& parameter_rows);

// GoodTime (engine/goodtime/): timeentries -> createtimeentry (one JSON POST
// per row) and deletetimeentry/{id} (one DELETE per id).
WriteOutcome write_goodtime(Session& session, const catalog::Table& table, const sql::Statement& statement,
                            const std::vector<ParameterValues>& parameter_rows);

// Calls the executor of the statement's kind (INSERT, UPDATE, DELETE).
using KindExecutor = WriteOutcome (*)(Session&, const catalog::Table&, const sql::Statement&,
                                      const std::vector<ParameterValues>&);
WriteOutcome by_kind(KindExecutor insert, KindExecutor update, KindExecutor remove, Session& session,
                     const catalog::Table& table, const sql::Statement& statement,
                     const std::vector<ParameterValues>& parameter_rows);

// The route of a table for a statement kind; throws when there is none.
const catalog::WriteRoute& route_for(const catalog::Table& table, catalog::WriteKind kind);

} // namespace tb::engine::write
