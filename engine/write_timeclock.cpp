// timeclock: INSERT sends one clock command per row, in row order (the clock
// is a state machine). WARN_* answers are SQL_SUCCESS_WITH_INFO records,
// RESULT_ERR_* answers error records of their row.
#include "engine/error.hpp"
#include "engine/session.hpp"
#include "engine/write_common.hpp"
#include "engine/write_response.hpp"
#include "engine/write_routes.hpp"

namespace tb::engine::write {

WriteOutcome write_timeclock(Session& session, const catalog::Table& table, const sql::Statement& statement,
                             const std::vector<ParameterValues>& parameter_rows) {
    if (statement.kind != sql::StatementKind::Insert)
        throw Error("HY000", "timeclock takes INSERT only (a clock command); read the clock with SELECT");
    const auto& route = route_for(table, catalog::WriteKind::Insert);
    auto rows = insert_rows(table, route, statement.insert, parameter_rows);
    const std::size_t sets = std::max<std::size_t>(parameter_rows.size(), 1);
    std::vector<Problem> problems;
    std::vector<std::vector<std::pair<std::string, std::string>>> forms(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (const auto& field : route.fields) {
            auto text = field_text(field, rows[i].find(field.column), false, rows[i].number, problems);
            if (text && !text->empty()) forms[i].emplace_back(field.field, *text);
        }
    OutcomeBuilder out(sets);
    if (!problems.empty()) {
        out.validation_failed(rows, problems);
        return out.finish();
    }
    bool sent_any = false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const InputRow* row = &rows[i];
        const std::string at = "row " + std::to_string(row->number) + ": ";
        api::Request request;
        request.action = route.action;
        request.params = forms[i];
        SendResult sent = send_once(session, table, std::move(request));
        if (sent.status == SendStatus::NotSent || sent.status == SendStatus::TooLarge) {
            if (!sent_any) throw sent.error;
            out.error(row, sent.error.sqlstate, at + sent.error.what());
            for (std::size_t j = i + 1; j < rows.size(); ++j) out.unused(&rows[j]);
            out.warning(nullptr, "01000", "rows after row " + std::to_string(row->number) + " were not sent");
            break;
        }
        sent_any = true;
        if (sent.status == SendStatus::Unknown) {
            out.unknown(row);
            out.error(row, "HYT00", at + sent.error.what());
            for (std::size_t j = i + 1; j < rows.size(); ++j) out.unused(&rows[j]);
            out.fail();
            break;
        }
        const ResultToken token = parse_result_token(sent.response.body);
        switch (token.kind) {
        case TokenKind::Ok: out.accepted(); break;
        case TokenKind::Warning:
            out.accepted();
            out.warning(row, "01000", at + token.token + " (" + explain(token.token) + ")");
            break;
        case TokenKind::Error:
            out.error(row, sqlstate_for(token.token), at + token.token + " (" + explain(token.token) + ")");
            break;
        case TokenKind::Unknown:
            out.error(row, "HY000", at + "the service answered '" + sent.response.body.substr(0, 300) +
                                        "', which the driver does not know; check the clock with SELECT * FROM timeclock");
            break;
        }
    }
    if (sent_any) {
        session.cache().drop_partitions(session.source(), table.action);
        session.cache().drop_partitions(session.source(), "worktime");
    }
    return out.finish();
}

} // namespace tb::engine::write
