// SQLite's refusals of a printed statement, in the user's terms: a statement
// our parser took but SQLite cannot compile is still the user's statement
// (42000, 42S22, 42S02, 21S01 with a position in the statement where the
// message names something it contains); a value that fails while rows are
// computed is a data exception (22xxx). HY000 stays for the cache itself
// failing (I/O, corruption, a locked file).
#pragma once

#include <string>
#include <string_view>

#include "engine/error.hpp"

namespace tb::engine {

enum class SqlitePhase { Prepare, Step };

// `code` is sqlite3_extended_errcode; `statement` is the text the user wrote
// ("" when unknown), searched for the name the message mentions.
Error classify_sqlite_error(int code, const std::string& message, SqlitePhase phase, std::string_view statement);

} // namespace tb::engine
