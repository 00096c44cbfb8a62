// What every write route shares: the per-row outcome bookkeeping and sending
// a request exactly once (a request that may have reached the service is
// never re-sent; its outcome is reported as unknown, HYT00).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "api/client.hpp"
#include "catalog/catalog.hpp"
#include "engine/write_executor.hpp"
#include "engine/write_values.hpp"

namespace tb::engine {
class Session;
}

namespace tb::engine::write {

// Collects records and the status of each parameter set.
class OutcomeBuilder {
public:
    explicit OutcomeBuilder(std::size_t parameter_sets);
    void accepted(std::int64_t n = 1) { out_.accepted += n; }
    void error(const InputRow* row, std::string sqlstate, std::string message);
    void warning(const InputRow* row, std::string sqlstate, std::string message, long native = 0);
    void unknown(const InputRow* row);            // outcome not known (HYT00 record added separately)
    void unused(const InputRow* row);             // not sent because of another row
    // Every row had a problem before sending: nothing was sent.
    void validation_failed(const std::vector<InputRow>& rows, const std::vector<Problem>& problems);
    void fail() { out_.failed = true; }
    // failed when something went wrong and no row was accepted.
    WriteOutcome finish();

private:
    enum State : int { Ok = 0, Info = 1, Unused = 2, Unknown = 3, Failed = 4 };
    void mark(const InputRow* row, State s);
    WriteOutcome out_;
    std::vector<int> state_;
    bool any_error_ = false;
};

enum class SendStatus {
    Answered,  // HTTP 200, response holds the body
    TooLarge,  // HTTP 413: refused before anything was applied
    NotSent,   // certainly not applied (no connection, 400/401/404): error has the reason
    Unknown,   // may have been applied: error is the HYT00 message
};
struct SendResult {
    SendStatus status = SendStatus::Answered;
    api::Response response;
    Error error{"HY000", ""};
};
SendResult send_once(Session& session, const catalog::Table& table, api::Request request);

// The HYT00 text for a request whose outcome is unknown.
std::string unknown_outcome_message(const catalog::Table& table, const std::string& action, const std::string& why);

// The result of one CSV import split into the fewest uploads the limit allows.
struct LineResult {
    enum Kind { NotSent, Unknown, Ok, Rejected } kind = NotSent;
    std::string id;    // OK;<id>
    std::string code;  // rejection code
};
struct ImportResult {
    std::vector<LineResult> lines;
    std::vector<Warning> notes;      // statement-level records (unknown outcome, whole-file codes, odd lines)
    int uploads = 0;
    bool any_unknown = false;
};
// lines: CSV lines without line ends; boundary[i]: an upload may start at line i.
// unlisted_ok: the service lists only failing lines (timeimportbyevents).
// Throws when the first upload certainly was not sent (nothing happened).
ImportResult send_import(Session& session, const catalog::Table& table, const std::string& action,
                         const std::vector<std::pair<std::string, std::string>>& params,
                         const std::vector<std::string>& lines, const std::vector<bool>& boundary, bool unlisted_ok);

// The largest upload the instance takes; the smaller limit is tried after a 413.
std::int64_t first_upload_limit();

} // namespace tb::engine::write
