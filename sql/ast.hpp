// The AST of sql/: one uniform expression node and the statement structures.
// Plain data without Spirit, so the engine can read it cheaply.
#pragma once

#include "sql/sql.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tb::sql::ast {

struct Query;
using QueryPtr = std::shared_ptr<Query>;
struct Window;
using WindowPtr = std::shared_ptr<Window>;

enum class ExprKind {
    Null,
    Integer,    // text: the digits as written
    Decimal,    // text: "12.50"
    Float,      // text: "1.5e3"
    String,     // text: the decoded value (no quotes, '' undone)
    Boolean,    // text: "1" or "0"
    Date,       // text: 'YYYY-MM-DD' from DATE '...' or {d '...'}
    Time,       // text: 'HH:MM:SS'
    Timestamp,  // text: 'YYYY-MM-DD HH:MM:SS[.fff]' as written, normalised on print
    Parameter,  // parameter: 1-based number in text order
    Column,     // names: 1 to 3 parts (schema, table, column), unquoted
    Unary,      // text: "-", "+", "NOT"; args[0]
    Binary,     // text: "+","-","*","/","%","||","=","<>","<","<=",">",">=","AND","OR"; args[0], args[1]
    IsNull,     // negated; args[0]
    In,         // negated; args[0] the operand, args[1..] the list, or query (IN subquery)
    Between,    // negated; args: operand, low, high
    Like,       // negated; args: operand, pattern [, escape]
    Exists,     // query
    Subquery,   // query: a scalar subquery
    Case,       // args: [operand if case_operand] (when, then)* [else if case_else]
    Cast,       // args[0]; type: the target type
    Extract,    // text: field upper case (YEAR, MONTH, ...); args[0]
    Function,   // text: the name upper case; args; distinct; star for COUNT(*); odbc_escape for {fn}; over
};

// A type in CAST(x AS type): name upper case ("DECIMAL", "DOUBLE PRECISION"),
// with the written precision and scale (-1 when not written).
struct TypeName {
    std::string name;
    int precision = -1;
    int scale = -1;
};

struct Expr {
    ExprKind kind = ExprKind::Null;
    std::string text;
    std::vector<std::string> names;
    std::vector<Expr> args;
    QueryPtr query;
    WindowPtr over;   // f(...) OVER (...): a window function call
    TypeName type;
    bool negated = false;
    bool distinct = false;
    bool star = false;
    bool odbc_escape = false;
    bool case_operand = false;
    bool case_else = false;
    int parameter = 0;
    // Byte offset in the statement text: exact for literals and ? markers,
    // at or just after the node's first token otherwise (good for ordering).
    std::size_t position = 0;
};

// A constant operand of VALUES, SET or a predicate, without evaluation:
// literals (also negated numbers, escapes, TRUE/FALSE as 1/0), ? markers, NULL
// (a Value with monostate literal and parameter 0). nullopt for anything else.
std::optional<Value> constant_value(const Expr& expr);

// For routing UPDATE / DELETE by key: the values a WHERE pins columns to,
// from its AND-ed `column = constant` and `column IN (constants)` conjuncts
// (column: the last name part, lower case). Other conjuncts are ignored; a
// column pinned twice keeps the values both allow.
std::map<std::string, std::vector<Value>> pinned_values(const Expr& where);

struct SelectItem {
    Expr expr;
    std::string alias;          // "" when not written
    std::string text;           // the expression as written (names an unaliased result column)
    std::size_t position = 0;   // byte offset of the expression
    bool star = false;          // * or qualifier.*
    std::string star_qualifier; // "t" for t.*, "" for *
};

enum class JoinType { Comma, Inner, Left, Right, Full, Cross };

struct FromItem {
    enum class Kind { Table, Derived, Join } kind = Kind::Table;
    // Table: schema, name, alias, id in table.
    TableRef table;
    // Derived: query and alias.
    QueryPtr query;
    std::string alias;
    // Join: left and right, with on / using.
    JoinType join = JoinType::Inner;
    std::vector<FromItem> sides; // [left, right]
    std::optional<Expr> on;
    std::vector<std::string> using_columns;
    std::size_t position = 0;
};

struct OrderItem {
    Expr expr;
    bool descending = false;
    std::optional<bool> nulls_first;
};

// OVER ([PARTITION BY ...] [ORDER BY ...] [frame]).
struct Window {
    std::vector<Expr> partition_by;
    std::vector<OrderItem> order_by;
    std::string frame; // "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW"; "" when not written
};

// One SELECT ... [FROM] [WHERE] [GROUP BY] [HAVING].
struct Select {
    bool distinct = false;
    std::optional<Expr> top;   // TOP n
    std::vector<SelectItem> items;
    std::vector<FromItem> from; // comma-separated items
    std::optional<Expr> where;
    std::vector<Expr> group_by;
    std::optional<Expr> having;
};

enum class SetOp { None, Union, UnionAll, Except, Intersect };

// A member of a compound query: a SELECT or a parenthesised query.
struct QueryPart {
    SetOp op = SetOp::None; // how it joins the members before it; None for the first
    std::shared_ptr<Select> select;
    QueryPtr nested;
};

// WITH name [(columns)] AS (query): parse() replaces every reference by a
// derived table holding a copy of the query, so the list is empty afterwards.
struct CommonTable {
    std::string name;
    std::vector<std::string> columns; // empty when not written
    QueryPtr query;
};

struct Query {
    std::vector<CommonTable> with;
    bool with_recursive = false;  // WITH RECURSIVE: refused when inlining
    std::vector<QueryPart> parts;
    std::vector<OrderItem> order_by;
    std::optional<Expr> limit;  // every limit form normalised to limit/offset
    std::optional<Expr> offset;
};

struct Insert {
    std::string schema, table;
    std::vector<std::string> columns;     // empty when not written
    std::vector<std::vector<Expr>> rows;  // VALUES rows
    QueryPtr select;                      // INSERT ... SELECT
};

struct Assignment {
    std::string column;
    Expr value;
};

struct Update {
    std::string schema, table, alias;
    std::vector<Assignment> assignments;
    std::optional<Expr> where;
};

struct Delete {
    std::string schema, table, alias;
    std::optional<Expr> where;
};

} // namespace tb::sql::ast

namespace tb::sql {

struct Statement {
    StatementKind kind = StatementKind::Select;
    ast::QueryPtr query;                  // Select
    ast::Insert insert;                   // Insert
    ast::Update update;                   // Update
    ast::Delete del;                      // Delete
    std::shared_ptr<Statement> explained; // Explain
    int parameter_count = 0;
};

} // namespace tb::sql
