// Whether a 200 answer can be what the action returns, decided before
// anything of it is believed or cached: an HTML error page, an empty body or
// a bare result code with status 200 is an error, never rows.
#pragma once

#include <span>
#include <string>

#include "api/client.hpp"
#include "catalog/catalog.hpp"

namespace tb::engine {

// Throws Error (08S01) naming the action and the first bytes received
// (scrubbed of `secrets`) when the answer is not CSV of the table's shape:
// the content type is not text/csv, or the header line lacks the table's
// documented key columns, or (header-less timeclock status) the line is not
// result;state;startMs;pauseMs. A header line alone is a valid empty result.
void check_answer(const catalog::Table& table, const api::Response& response, std::span<const std::string> secrets);

} // namespace tb::engine
