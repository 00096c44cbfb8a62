// Derives the API requests of one base-table reference from the constraints
// that pushdown analysis found on its key columns (SCHEMA.md's defaults when
// no predicate names a key).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.hpp"
#include "engine/loader.hpp"
#include "sql/sql.hpp"

namespace tb::engine {

struct PlannedRequest {
    std::vector<std::pair<std::string, std::string>> params;  // request parameters, without auth
    KeyValues keys;                                          // key column values written into the rows
};

// Today's date, injectable for tests.
struct Today {
    int year, month, day;
    // Years, ending with this one, that a year key's default covers
    // (the DefaultYears connection key).
    int default_years = 1;
    static Today now();
};

// Values of ? markers, already converted to text or numbers.
using ParameterValues = std::vector<sql::Value>;

// One request per combination of key values. `user_ids` is the list of every
// user id, needed only for tables whose default is one request per user.
std::vector<PlannedRequest> plan_requests(const catalog::Table& table,
                                          const std::map<std::string, sql::Constraint>& constraints,
                                          const ParameterValues& parameters, const Today& today,
                                          const std::vector<std::string>& user_ids = {});

// Whether a table's default needs the user list (timeclock status).
bool needs_user_list(const catalog::Table& table, const std::map<std::string, sql::Constraint>& constraints);

// The columns whose predicates matter for a table: its key columns and the
// date columns they derive from (lower case).
std::vector<std::string> pushdown_columns(const catalog::Table& table);

} // namespace tb::engine
