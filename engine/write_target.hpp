// UPDATE and DELETE: which rows the WHERE names by key, and their current
// values (read fresh from the service, so unchanged fields are filled right).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "engine/planner.hpp"
#include "engine/write_values.hpp"
#include "sql/ast.hpp"

namespace tb::engine {
class Session;
}

namespace tb::engine::write {

// The key values a WHERE pins: `key = v`, `key IN (...)`, OR of those, AND of
// those (intersection). Anything else is an error that says what is accepted.
std::vector<std::string> key_values(const std::optional<sql::ast::Expr>& where, const std::string& key,
                                    const std::string& table, const ParameterValues& parameters);

// The rows a WHERE pins on several key columns (holidayentitlement: user_id
// and year): `a = v`, `a IN (...)`, AND (combined), OR (listed). Each tuple
// maps key column -> value text; `optional` keys may be absent from a tuple
// (it then means every value). Anything else is a 0A000 error.
using KeyTuple = std::map<std::string, std::string>;
std::vector<KeyTuple> key_tuples(const std::optional<sql::ast::Expr>& where, const std::vector<std::string>& keys,
                                 const std::vector<std::string>& optional, const std::string& table,
                                 const ParameterValues& parameters);

using CurrentRow = std::map<std::string, std::optional<std::string>>;  // column -> text (NULL: nullopt)

// Every current row one request answers, freshly read (the cached answer is
// dropped first).
std::vector<CurrentRow> read_current(Session& session, const catalog::Table& table, const PlannedRequest& request);

// Every current row of a one-request table, by the key column's text. Drops
// the cached answer first so the values are the service's current ones.
std::map<std::string, CurrentRow> current_rows(Session& session, const catalog::Table& table, const std::string& key);

// UPDATE / DELETE on a one-key table: one InputRow per existing row the
// WHERE names, per parameter set (numbered by set), holding the row's current
// values overlaid with the SET values. The current rows are read (fresh) only
// when some set names a key; current_of receives each row's current values.
std::vector<InputRow> targeted_rows(Session& session, const catalog::Table& table, const std::string& key,
                                    const std::optional<sql::ast::Expr>& where,
                                    const std::vector<sql::ast::Assignment>& assignments,
                                    const std::vector<ParameterValues>& sets,
                                    std::vector<CurrentRow>* current_of = nullptr);

} // namespace tb::engine::write
