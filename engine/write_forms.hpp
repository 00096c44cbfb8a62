// Form actions (timeclock, useraccount, managerassignment,
// setholidayentitlement, setworkdays): one request per call, in statement
// order, each answered by a result token (OK, WARN_*, RESULT_ERR_*).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/write_common.hpp"

namespace tb::engine::write {

using FormParams = std::vector<std::pair<std::string, std::string>>;

struct FormCall {
    const InputRow* row = nullptr;
    std::string action;
    FormParams params;
    // Further statement rows this one request carries (setworkdays sends a
    // user's whole list for every row that changed it): they share its fate.
    std::vector<const InputRow*> carried = {};
};

// The form fields of a route for a row: constants, given values, defaults.
// "{n}" in a field name is replaced by `period` (setworkdays); empty optional
// values are left out. csv: refuse ';', CR and LF (values the API's CSV
// answers cannot carry).
FormParams form_params(const catalog::WriteRoute& route, const InputRow& row, bool csv, std::vector<Problem>& problems,
                       int period = 0);

// Sends the calls in order. A row counts as accepted when all its calls
// (consecutive in `calls`) were accepted; a rejected call skips the rest of
// its row; an unknown outcome stops everything (later rows stay unused).
// Throws when the very first request certainly was not sent. Returns whether
// anything was sent (the caller then drops the cached partitions).
bool send_form_calls(Session& session, const catalog::Table& table, const std::vector<FormCall>& calls,
                     OutcomeBuilder& out);

// "row n: " (or "" for statement-level records).
std::string row_prefix(const InputRow* row);

} // namespace tb::engine::write
