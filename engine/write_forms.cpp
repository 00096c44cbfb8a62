#include "engine/write_forms.hpp"

#include "api/response_text.hpp"

#include "engine/error.hpp"
#include "engine/session.hpp"
#include "engine/write_response.hpp"

namespace tb::engine::write {

std::string row_prefix(const InputRow* row) { return row ? "row " + std::to_string(row->number) + ": " : ""; }

FormParams form_params(const catalog::WriteRoute& route, const InputRow& row, bool csv, std::vector<Problem>& problems,
                       int period) {
    FormParams params;
    for (const auto& field : route.fields) {
        if (field.format == catalog::WriteFormat::IdList) continue;  // the caller expands lists
        auto text = field_text(field, field.column.empty() ? nullptr : row.find(field.column), csv, row.number,
                               problems);
        if (!text || text->empty()) continue;
        std::string name = field.field;
        if (auto at = name.find("{n}"); at != std::string::npos) name.replace(at, 3, std::to_string(period));
        params.emplace_back(std::move(name), std::move(*text));
    }
    return params;
}

bool send_form_calls(Session& session, const catalog::Table& table, const std::vector<FormCall>& calls,
                     OutcomeBuilder& out) {
    bool sent_any = false;
    const InputRow* skipping = nullptr;  // a row whose earlier call was rejected
    for (std::size_t i = 0; i < calls.size(); ++i) {
        const InputRow* row = calls[i].row;
        const bool last_of_row = i + 1 == calls.size() || calls[i + 1].row != row;
        if (row && row == skipping) continue;
        const std::string at = row_prefix(row);
        api::Request request;
        request.action = calls[i].action;
        request.params = calls[i].params;
        SendResult sent = send_once(session, table, std::move(request));
        if (sent.status == SendStatus::NotSent || sent.status == SendStatus::TooLarge) {
            if (!sent_any) throw sent.error;
            out.error(row, sent.error.sqlstate, at + sent.error.what());
            for (std::size_t j = i + 1; j < calls.size(); ++j) out.unused(calls[j].row);
            out.warning(nullptr, "01000", "the calls after this one (" + at + calls[i].action + ") were not sent");
            break;
        }
        sent_any = true;
        if (sent.status == SendStatus::Unknown) {
            out.unknown(row);
            for (const InputRow* other : calls[i].carried) out.unknown(other);
            out.error(row, "HYT00", at + sent.error.what());
            for (std::size_t j = i + 1; j < calls.size(); ++j)
                if (calls[j].row != row) out.unused(calls[j].row);
            out.fail();
            break;
        }
        const ResultToken token = parse_result_token(sent.response.body);
        const std::string said = at + calls[i].action + " answered " + token.token + " (" + explain(token.token) + ")";
        const auto& carried = calls[i].carried;
        auto reject = [&](const std::string& sqlstate, const std::string& message) {
            out.error(row, sqlstate, message);
            for (const InputRow* other : carried)
                out.error(other, sqlstate, row_prefix(other) + "sent together with " + message);
            skipping = row;
        };
        switch (token.kind) {
        case TokenKind::Ok:
            if (last_of_row) out.accepted(1 + static_cast<std::int64_t>(carried.size()));
            break;
        case TokenKind::Warning:
            if (last_of_row) out.accepted(1 + static_cast<std::int64_t>(carried.size()));
            out.warning(row, "01000", said);
            break;
        case TokenKind::Error:
            reject(sqlstate_for(token.token), said);
            break;
        case TokenKind::Unknown:
            reject("HY000", at + calls[i].action + " answered '" + api::response_excerpt(sent.response.body, 300, session.secrets()) +
                                "', which the driver does not know; check with SELECT * FROM " + table.name);
            break;
        }
    }
    return sent_any;
}

} // namespace tb::engine::write
