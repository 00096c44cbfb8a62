// Values of a write: resolving VALUES / SET expressions and ? markers to
// literals, and turning them into the text a write field takes, checking the
// catalog's rules (required, lengths, value lists, CSV-unsafe characters)
// before anything is sent.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "catalog/catalog.hpp"
#include "engine/ascii.hpp"
#include "engine/planner.hpp"
#include "sql/ast.hpp"

namespace tb::engine {
class Session;
}

namespace tb::engine::write {

using Literal = std::variant<std::monostate, std::int64_t, double, std::string>;

bool is_null(const Literal& value);
std::string literal_text(const Literal& value);

// One row to write: the columns the statement named, lower case.
struct InputRow {
    long number = 0;              // 1-based row number for SQL_DIAG_ROW_NUMBER
    std::size_t param_set = 0;    // which parameter set it came from
    std::map<std::string, Literal> values;
    const Literal* find(const std::string& column) const;
};

// The rows of INSERT ... SELECT's SELECT for one parameter set, read through
// the normal read path (requests, cache, SQLite). write_select.cpp.
std::vector<std::vector<Literal>> select_rows(Session& session, const sql::ast::Insert& insert,
                                              const ParameterValues& parameters);

// A row that cannot be sent, with the reason.
struct Problem {
    long row = 0;
    std::string sqlstate;
    std::string message;
};

// The parameter sets of a statement; one empty set when none are bound.
const std::vector<ParameterValues>& at_least_one(const std::vector<ParameterValues>& sets);

// The column a statement names; 42S22 with a suggestion when there is none.
const catalog::Column& named_column(const catalog::Table& table, const std::string& name);

// A constant or a ? marker; anything else is a 0A000 error naming the column.
Literal resolve(const sql::ast::Expr& expr, const ParameterValues& parameters, const std::string& column);

// The rows of INSERT ... VALUES: one per VALUES row and parameter set, numbered
// parameter set major; for INSERT ... SELECT the rows the SELECT returns for
// each parameter set. Checks the column list against the table and the route.
std::vector<InputRow> insert_rows(Session& session, const catalog::Table& table, const catalog::WriteRoute& route,
                                  const sql::ast::Insert& insert, const std::vector<ParameterValues>& parameter_rows);

// The text of one field for the row (constant, given value, or default).
// nullopt plus a Problem when the value is invalid; "" for an absent optional
// value. csv: the value goes into a CSV cell (no ';', CR, LF).
std::optional<std::string> field_text(const catalog::WriteField& field, const Literal* value, bool csv, long row,
                                      std::vector<Problem>& problems);

// Integer value of a literal (exact integers only).
std::optional<std::int64_t> as_integer(const Literal& value);

// Event time "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM" -> minutes since
// 1970-01-01 (proleptic Gregorian); nullopt when not a time at minute precision.
std::optional<std::int64_t> event_minutes(const std::string& text);

using ascii::lower;

} // namespace tb::engine::write
