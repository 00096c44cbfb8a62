// The public face of sql/: parse SQL text to an AST, print it as SQLite SQL,
// and analyse predicates for pushdown. No I/O, nothing else of the project.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tb::sql {

// A syntax error: SQLSTATE 42000. what() reads like
// "syntax error at position 17: expected FROM".
struct SyntaxError : std::runtime_error {
    SyntaxError(std::size_t position, std::string expected, const std::string& message)
        : std::runtime_error(message), position(position), expected(std::move(expected)) {}
    std::size_t position;   // 1-based character position
    std::string expected;   // what the parser expected there ("FROM")
};

// A construct that parses but cannot be rendered for SQLite: SQLSTATE 42000,
// the message names the construct ("function SOUNDEX is not supported").
struct UnsupportedError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Statement;  // the AST root, defined in ast.hpp
struct StatementDeleter { void operator()(Statement*) const; };
using StatementPtr = std::unique_ptr<Statement, StatementDeleter>;

enum class StatementKind { Select, Insert, Update, Delete, Explain };

StatementPtr parse(std::string_view text);
StatementKind kind(const Statement& statement);
// For EXPLAIN <statement>: the inner statement; nullptr otherwise.
const Statement* explained(const Statement& statement);
// Number of ? markers (numbered 1..n in text order).
int parameter_count(const Statement& statement);

// A base-table reference (not a derived table), numbered in text order.
struct TableRef {
    int id = 0;
    std::string schema;      // "" when not written
    std::string name;        // as written, unquoted
    std::string alias;       // "" when not written
    bool null_extended = false; // on the optional side of an outer join
};
std::vector<TableRef> base_tables(const Statement& statement);

// Printing to SQLite. table_source returns the FROM-item text that replaces a
// base-table reference (for example a parenthesised subquery over the cache);
// the printer adds the alias (the written alias, or the table name when none).
struct PrintOptions {
    std::function<std::string(const TableRef&)> table_source; // empty: "name" itself
    std::string user_name;                   // {fn USER()}
    std::string database_name = "timebutler"; // {fn DATABASE()}
    // SQLite before 3.39 has no RIGHT / FULL JOIN: false makes them an
    // UnsupportedError instead of SQL that fails inside SQLite.
    bool right_and_full_joins = true;
    // GROUP BY names (lower case) to resolve to the one select-list item
    // aliased so, as PostgreSQL and MySQL do when the name is ambiguous among
    // the joined tables (Tableau's level-of-detail queries); SQLite would
    // call them ambiguous. The engine names them after SQLite has.
    std::set<std::string> group_by_aliases;
};
std::string to_sqlite(const Statement& statement, const PrintOptions& options);

// Pushdown. A literal value or a ? marker (resolved by the caller at execute).
struct Value {
    std::variant<std::monostate, std::int64_t, double, std::string> literal; // dates as 'YYYY-MM-DD' text
    int parameter = 0;       // > 0: the value of ? number n
};

// What the rows of one base table must satisfy on one column.
struct Constraint {
    bool none = false;                 // contradiction: no row can qualify
    std::optional<std::vector<Value>> values; // one of these values (=, IN, OR of =)
    std::optional<Value> lower, upper; // range bounds (BETWEEN, <, <=, >, >=)
    bool lower_inclusive = true, upper_inclusive = true;
};

struct Pushdown {
    bool no_rows = false;    // the statement can return no row (1=0, FALSE, LIMIT 0, TOP 0)
    // table ref id -> column (lower case) -> constraint; only the columns asked for.
    std::map<int, std::map<std::string, Constraint>> constraints;
    // Base tables of which no row can reach the result (inside WHERE 1=0,
    // LIMIT 0, TOP 0, ON FALSE): they need no request at all.
    std::set<int> empty_tables;
};

// wanted(table ref, column) says which columns matter (key and date columns).
Pushdown analyse_pushdown(const Statement& statement,
                          const std::function<bool(const TableRef&, std::string_view column)>& wanted);

// The ODBC scalar functions the printer renders, for SQLGetInfo's bitmasks.
struct Capabilities {
    std::vector<std::string> string_functions;   // "LOCATE", "SUBSTRING", ...
    std::vector<std::string> numeric_functions;
    std::vector<std::string> timedate_functions;
    std::vector<std::string> system_functions;
    std::vector<std::string> convert_types;      // SQL type names CONVERT/CAST accept
    // Intervals of TIMESTAMPADD / TIMESTAMPDIFF ("SQL_TSI_DAY", ...).
    std::vector<std::string> timestamp_intervals;
};
const Capabilities& capabilities();

} // namespace tb::sql
