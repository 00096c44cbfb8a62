// Which tables with run-time columns (absences additional fields,
// personnel-file fields, work time account values) have had their columns
// learned from a response. Remembered in the cache next to the column names,
// so SQLColumns and describe-before-execute need no request once known.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"

struct sqlite3;

namespace tb::engine {

void ensure_runtime_schema_table(sqlite3* db);
// When the table's response header was last read; nullopt: never.
std::optional<std::int64_t> runtime_schema_learned_at(sqlite3* db, const catalog::Table& table);
void remember_runtime_schema(sqlite3* db, const catalog::Table& table);

class Cache;
// A cache file whose run-time columns no answer may give any more (written
// by an older driver: columns on a table without run-time columns, more
// than kMaxRuntimeColumns, over-long names) would stay broken for every
// connection: such a table is dropped with its partitions and made anew, so
// its rows are fetched again. Returns the names of the tables repaired.
std::vector<std::string> repair_runtime_schema(Cache& cache);

} // namespace tb::engine
