#include "engine/write_common.hpp"

#include "api/response_text.hpp"

#include "engine/session.hpp"
#include "engine/write_response.hpp"

namespace tb::engine::write {

// ODBC's SQL_PARAM_* values (engine/ does not include sqlext.h).
namespace {
constexpr unsigned short kParamSuccess = 0, kParamSuccessWithInfo = 6, kParamError = 5, kParamUnused = 7,
                         kParamDiagUnavailable = 1;
}

OutcomeBuilder::OutcomeBuilder(std::size_t sets) : state_(sets ? sets : 1, Ok) {}

void OutcomeBuilder::mark(const InputRow* row, State s) {
    if (!row || row->param_set >= state_.size()) return;
    int& st = state_[row->param_set];
    if (s > st) st = s;
}

void OutcomeBuilder::error(const InputRow* row, std::string sqlstate, std::string message) {
    any_error_ = true;
    out_.records.push_back({std::move(sqlstate), std::move(message), 0, row ? row->number : 0, 0});
    mark(row, Failed);
}

void OutcomeBuilder::warning(const InputRow* row, std::string sqlstate, std::string message, long native) {
    out_.records.push_back({std::move(sqlstate), std::move(message), native, row ? row->number : 0, 0});
    mark(row, Info);
}

void OutcomeBuilder::unknown(const InputRow* row) {
    any_error_ = true;
    mark(row, Unknown);
}

void OutcomeBuilder::unused(const InputRow* row) { mark(row, Unused); }

void OutcomeBuilder::validation_failed(const std::vector<InputRow>& rows, const std::vector<Problem>& problems) {
    for (const auto& p : problems) {
        const InputRow* row = nullptr;
        for (const auto& r : rows)
            if (r.number == p.row) row = &r;
        std::string message = (p.row ? "row " + std::to_string(p.row) + ": " : std::string()) + p.message;
        if (row) {
            error(row, p.sqlstate, std::move(message));
        } else {  // a row that names nothing to write (an unknown year): still reported by its number
            any_error_ = true;
            out_.records.push_back({p.sqlstate, std::move(message), 0, p.row, 0});
        }
    }
    for (const auto& r : rows) unused(&r);
    out_.records.push_back({"01000", "nothing of the statement was sent because " + std::to_string(problems.size()) +
                                         " problem(s) were found before sending", 0, 0, 0});
    out_.failed = true;
}

WriteOutcome OutcomeBuilder::finish() {
    if (any_error_ && out_.accepted == 0) out_.failed = true;
    out_.parameter_status.clear();
    for (int s : state_) {
        switch (s) {
        case Ok: out_.parameter_status.push_back(kParamSuccess); break;
        case Info: out_.parameter_status.push_back(kParamSuccessWithInfo); break;
        case Unused: out_.parameter_status.push_back(kParamUnused); break;
        case Unknown: out_.parameter_status.push_back(kParamDiagUnavailable); break;
        default: out_.parameter_status.push_back(kParamError); break;
        }
    }
    return std::move(out_);
}

std::string unknown_outcome_message(const catalog::Table& table, const std::string& action, const std::string& why) {
    return "the request to '" + action + "' was sent but no complete answer came (" + why +
           "); the outcome is unknown: the rows may or may not have been written. The driver does not send it again. "
           "Check with SELECT * FROM " + table.name + " (or the Timebutler web interface) before repeating the statement";
}

SendResult send_once(Session& session, const catalog::Table& table, api::Request request) {
    request.is_write = true;
    const bool rest = !request.path.empty();
    if (!rest) request.token = session.config().token;
    // A login source's token comes with it (one fresh login after a 401).
    const api::Outcome outcome = session.perform_write(table, request);
    SendResult result;
    // Refused or never delivered: the error the read path would raise.
    auto not_sent = [&] {
        result.status = SendStatus::NotSent;
        try {
            session.raise(table, outcome);
        } catch (const Error& e) {
            result.error = e;
        }
        return result;
    };
    switch (outcome.failure) {
    case api::FailureKind::None: break;
    case api::FailureKind::Resolve:
    case api::FailureKind::Connect:
    case api::FailureKind::Tls:
        return not_sent();
    case api::FailureKind::Timeout:
    case api::FailureKind::Transfer:
    case api::FailureKind::Other:
        result.status = SendStatus::Unknown;
        result.error = Error("HYT00", unknown_outcome_message(table, request.action, outcome.error));
        return result;
    }
    result.response = outcome.response;
    const long status = outcome.response.status;
    if (status == 200 || (rest && status >= 200 && status < 300)) return result;
    if (status == 413) {
        result.status = SendStatus::TooLarge;
        return result;
    }
    if (status >= 500) {
        result.status = SendStatus::Unknown;
        result.error = Error("HYT00", unknown_outcome_message(table, request.action, "HTTP " + std::to_string(status)),
                             status);
        return result;
    }
    return not_sent();
}

std::int64_t first_upload_limit() { return catalog::upload_limit_bytes(catalog::Full); }

namespace {

// Splits lines [from, n) into uploads of at most `limit` bytes, cutting only
// at boundaries. Returns the end of the first upload after `from`.
std::size_t chunk_end(const std::vector<std::string>& lines, const std::vector<bool>& boundary, std::size_t from,
                      std::int64_t limit) {
    std::int64_t bytes = 0;
    std::size_t last_cut = from;
    for (std::size_t i = from; i < lines.size(); ++i) {
        if (i > from && boundary[i]) last_cut = i;
        bytes += static_cast<std::int64_t>(lines[i].size()) + 1;
        if (bytes > limit) return last_cut > from ? last_cut : lines.size();  // caller checked group sizes
    }
    return lines.size();
}

} // namespace

ImportResult send_import(Session& session, const catalog::Table& table, const std::string& action,
                         const std::vector<std::pair<std::string, std::string>>& params,
                         const std::vector<std::string>& lines, const std::vector<bool>& boundary, bool unlisted_ok) {
    ImportResult result;
    result.lines.resize(lines.size());
    std::int64_t limit = first_upload_limit();
    const std::int64_t smallest = catalog::upload_limit_bytes(catalog::Older);
    std::size_t from = 0;
    while (from < lines.size()) {
        const std::size_t to = chunk_end(lines, boundary, from, limit);
        api::Request request;
        request.action = action;
        request.params = params;
        api::FilePart file;
        for (std::size_t i = from; i < to; ++i) {
            file.content += lines[i];
            file.content += '\n';
        }
        request.file = std::move(file);
        SendResult sent = send_once(session, table, std::move(request));
        ++result.uploads;
        if (sent.status == SendStatus::TooLarge && limit > smallest) {
            limit = smallest;  // an older instance: cut smaller and send this part again (nothing was applied)
            continue;
        }
        if (sent.status == SendStatus::NotSent && from == 0) throw sent.error;
        if (sent.status != SendStatus::Answered) {
            std::string message = sent.error.what();
            if (sent.status == SendStatus::TooLarge)
                message = "the instance refused an upload of " + std::to_string(to - from) +
                          " lines as too large (HTTP 413); those rows and the rest were not written";
            const bool unknown = sent.status == SendStatus::Unknown;
            result.notes.push_back({unknown ? "HYT00" : sent.error.sqlstate.empty() ? "HY000" : sent.error.sqlstate,
                                    message, sent.error.native, 0, 0});
            for (std::size_t i = from; i < to; ++i) result.lines[i].kind = unknown ? LineResult::Unknown : LineResult::NotSent;
            result.any_unknown = result.any_unknown || unknown;
            if (to < lines.size())
                result.notes.push_back({"01000", "rows after line " + std::to_string(to) +
                                                     " of the statement were not sent (an earlier upload did not complete)",
                                        0, 0, 0});
            return result;
        }
        const ImportResponse answer = parse_import_response(sent.response.body);
        const long base = answer.zero_based ? 0 : 1;
        if (answer.all_ok) {
            for (std::size_t i = from; i < to; ++i) result.lines[i].kind = LineResult::Ok;
        } else if (!answer.file_code.empty() && answer.lines.empty()) {
            for (std::size_t i = from; i < to; ++i) result.lines[i] = {LineResult::Rejected, "", answer.file_code};
        } else if (answer.lines.empty()) {
            for (std::size_t i = from; i < to; ++i) result.lines[i].kind = LineResult::Unknown;
            result.any_unknown = true;
            result.notes.push_back({"HY000", "the service answered '" + api::response_excerpt(sent.response.body, 500, session.secrets()) +
                                                 "', which the driver cannot read; check with SELECT * FROM " +
                                                 table.name + " which rows were written",
                                    0, 0, 0});
        } else {
            for (std::size_t i = from; i < to; ++i)
                result.lines[i].kind = unlisted_ok ? LineResult::Ok : LineResult::Unknown;
            for (const auto& l : answer.lines) {
                const long index = l.line - base;
                if (index < 0 || static_cast<std::size_t>(index) >= to - from) {
                    result.notes.push_back({"01000", "the service reported line " + std::to_string(l.line) +
                                                         ", which the upload does not have: " +
                                                         (l.ok ? "OK" : l.code), 0, 0, 0});
                    continue;
                }
                auto& line = result.lines[from + static_cast<std::size_t>(index)];
                line = l.ok ? LineResult{LineResult::Ok, l.id, ""} : LineResult{LineResult::Rejected, "", l.code};
            }
            if (!answer.file_code.empty())
                result.notes.push_back({sqlstate_for(answer.file_code),
                                        answer.file_code + ": " + explain(answer.file_code), 0, 0, 0});
        }
        for (const auto& text : answer.other)
            result.notes.push_back({"01000", "the service also answered: " + text, 0, 0, 0});
        from = to;
    }
    return result;
}

} // namespace tb::engine::write
