// Result sets of the catalog functions and SQLGetTypeInfo, built from
// catalog/ (and the run-time columns the cache has learned).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "catalog/catalog.hpp"
#include "driver/odbc.hpp"
#include "engine/cursor.hpp"

namespace tb::engine { class Session; }

namespace tb::driver {

// A search pattern argument: nullopt for NULL (matches everything).
using Pattern = std::optional<std::string>;

std::unique_ptr<engine::Cursor> type_info_result(SQLSMALLINT type, SQLINTEGER odbc_version);
std::unique_ptr<engine::Cursor> tables_result(engine::Session& session, const Pattern& catalog, const Pattern& schema,
                                              const Pattern& table, const Pattern& types);
std::unique_ptr<engine::Cursor> columns_result(engine::Session& session, SQLINTEGER odbc_version,
                                               const Pattern& schema, const Pattern& table, const Pattern& column);
std::unique_ptr<engine::Cursor> primary_keys_result(const catalog::Source& source, const Pattern& schema, const Pattern& table);
std::unique_ptr<engine::Cursor> foreign_keys_result(const catalog::Source& source, const Pattern& pk_schema, const Pattern& pk_table,
                                                    const Pattern& fk_schema, const Pattern& fk_table);
std::unique_ptr<engine::Cursor> statistics_result(const catalog::Source& source, const Pattern& schema, const Pattern& table);
std::unique_ptr<engine::Cursor> special_columns_result(const catalog::Source& source, SQLUSMALLINT identifier_type, const Pattern& schema,
                                                       const Pattern& table, SQLINTEGER odbc_version);
// Procedures, procedure columns and privileges: correctly shaped, empty.
std::unique_ptr<engine::Cursor> empty_result(const char* const* names, std::size_t count);

// LIKE-style pattern match (% and _, '\' escapes), case-insensitive.
bool pattern_matches(const Pattern& pattern, std::string_view text);

} // namespace tb::driver
