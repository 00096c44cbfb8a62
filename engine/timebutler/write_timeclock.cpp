// timeclock: INSERT sends one clock command per row, in row order (the clock
// is a state machine). WARN_* answers are SQL_SUCCESS_WITH_INFO records,
// RESULT_ERR_* answers error records of their row.
#include "engine/error.hpp"
#include "engine/session.hpp"
#include "engine/write_forms.hpp"
#include "engine/write_routes.hpp"

namespace tb::engine::write {

WriteOutcome write_timeclock(Session& session, const catalog::Table& table, const sql::Statement& statement,
                             const std::vector<ParameterValues>& parameter_rows) {
    if (statement.kind != sql::StatementKind::Insert)
        throw Error("HY000", "timeclock takes INSERT only (a clock command); read the clock with SELECT");
    const auto& route = route_for(table, catalog::WriteKind::Insert);
    auto rows = insert_rows(session, table, route, statement.insert, parameter_rows);
    std::vector<Problem> problems;
    std::vector<FormCall> calls;
    for (const auto& row : rows) calls.push_back({&row, route.action, form_params(route, row, false, problems)});
    OutcomeBuilder out(std::max<std::size_t>(parameter_rows.size(), 1));
    if (!problems.empty()) {
        out.validation_failed(rows, problems);
        return out.finish();
    }
    if (send_form_calls(session, table, calls, out)) {
        session.cache().drop_partitions(session.source(), table.action);
        session.cache().drop_partitions(session.source(), "worktime");
    }
    return out.finish();
}

} // namespace tb::engine::write
