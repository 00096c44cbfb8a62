// Internal to sql/: how literal values are stored in SQLite and compared.
#pragma once

#include "sql/ast.hpp"

#include <string>
#include <string_view>

namespace tb::sql::literals {

// 'YYYY-M-D' -> 'YYYY-MM-DD'; text that is no date is returned unchanged.
std::string normalise_date(std::string_view text);
// 'H:MM:SS.000' -> 'HH:MM:SS' (a non-zero fraction is kept).
std::string normalise_time(std::string_view text);
// 'YYYY-MM-DD HH:MM:SS.000' or with 'T' -> 'YYYY-MM-DD HH:MM:SS'; a date alone gets 00:00:00.
std::string normalise_timestamp(std::string_view text);
// The text of a literal as SQLite stores it ('...' quoting not included).
std::string stored_text(const ast::Expr& literal);

std::string quote_string(std::string_view value);      // 'it''s'
std::string quote_identifier(std::string_view name);   // "a""b"

// Three-way comparison of two literal values; nullopt when they are not
// comparable without knowing column types (a number and a text, or a ?).
std::optional<int> compare(const Value& a, const Value& b);

} // namespace tb::sql::literals
