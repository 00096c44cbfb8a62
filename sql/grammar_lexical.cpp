// The non-template parts of the lexical primitives: parse state and the
// reserved words.
#include "sql/grammar.hpp"

#include <algorithm>
#include <array>

namespace tb::sql::grammar {

ParseState& parse_state() {
    thread_local ParseState state;
    return state;
}

namespace {

bool equals_upper(std::string_view word, std::string_view upper_word) {
    if (word.size() != upper_word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (upper(word[i]) != upper_word[i]) return false;
    return true;
}

// Words that would otherwise be read as an alias or a column where a clause
// or an operator continues: FROM t WHERE, a LEFT JOIN b, x IS NULL, ...
constexpr std::array reserved_words = {
    "ALL",    "AND",    "AS",     "ASC",    "BETWEEN",  "BY",     "CASE",   "CAST",   "CROSS",   "DELETE",
    "DESC",   "DISTINCT", "ELSE", "END",    "ESCAPE",   "EXCEPT", "EXISTS", "FALSE",  "FETCH",   "FROM",
    "FULL",   "GROUP",  "HAVING", "IN",     "INNER",    "INSERT", "INTERSECT", "INTO", "IS",     "JOIN",
    "LEFT",   "LIKE",   "LIMIT",  "NATURAL", "NOT",     "NULL",   "NULLS",  "OFFSET", "ON",      "OR",
    "ORDER",  "OUTER",  "RIGHT",  "SELECT", "SET",      "THEN",   "TOP",    "TRUE",   "UNION",   "UPDATE",
    "USING",  "VALUES", "WHEN",   "WHERE",
};

// Reserved words that are also ODBC scalar function names.
constexpr std::array function_keywords = {"LEFT", "RIGHT", "INSERT"};

} // namespace

bool is_reserved(std::string_view word) {
    if (word.size() < 2 || word.size() > 9) return false;
    return std::any_of(reserved_words.begin(), reserved_words.end(),
                       [&](std::string_view r) { return equals_upper(word, r); });
}

bool identifier_parser::allowed_function_keyword(const std::string& word) {
    return std::any_of(function_keywords.begin(), function_keywords.end(),
                       [&](std::string_view r) { return equals_upper(word, r); });
}

} // namespace tb::sql::grammar
