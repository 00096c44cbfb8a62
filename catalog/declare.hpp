// Internal to catalog/: short constructors so each table file reads like the
// column list of SCHEMA.md, and one place that fixes sizes and parsers per
// kind of value.
#pragma once

#include "catalog/catalog.hpp"

// The declarations use designated initializers that name only the members
// that differ from their defaults; GCC 12 still warns about the rest.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace tb::catalog::detail {

inline constexpr int kShortText = 255;
inline constexpr int kLongText = 4000;

// A column read from the CSV header `header`.
Column integer(std::string name, std::string header, std::string description);
// An id where the API writes 0 for "none": reads NULL.
Column reference(std::string name, std::string header, std::string description);
Column text(std::string name, std::string header, std::string description, int size = kShortText);
Column long_text(std::string name, std::string header, std::string description);
Column decimal(std::string name, int precision, int scale, std::string header, std::string description);
Column date(std::string name, std::string header, std::string description);
Column time(std::string name, std::string header, std::string description);
Column boolean(std::string name, std::string header, std::string description);
Column epoch_ms(std::string name, std::string header, std::string description);

// A key column that holds the requested value (not in the CSV).
Column request_value(std::string name, SqlType type, std::string description, bool nullable = false);
// A column only written (reads NULL).
Column input(std::string name, SqlType type, std::string description, int size = 0);

Column not_null(Column column);
Column at_position(Column column, int position);

KeyColumn key(std::string column, std::string param, ParamFormat format, KeyColumn::Default when_absent);

// Foreign keys every table with these columns has (user_id -> users, ...).
std::vector<ForeignKey> standard_foreign_keys(const Table& table);

// The sources (catalog/<source>/source.cpp).
Source timebutler_source();
Source goodtime_source();

// Timebutler v1's tables (catalog/timebutler/).
Table users_table();
Table absences_table();
Table worktime_table();
Table projects_table();
Table services_table();
Table holidaysets_table();
Table workdays_table();
Table holidayentitlement_table();
Table holidays_table();
Table worktimeaccountinperiod_table();
Table worktimeaccountbalance_table();
Table personnelfiles_table();
Table salaries_table();
Table timeclock_table();
Table worktime_events_table();

} // namespace tb::catalog::detail
