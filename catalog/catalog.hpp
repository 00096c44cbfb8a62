// The declaration of every Timebutler table: pure data plus generators of
// SQLite DDL and documentation. Knows nothing else of the project.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tb::catalog {

// SQL types as ODBC reports them (see SCHEMA.md "Types").
enum class SqlType { Integer, BigInt, Decimal, Double, Date, Time, Timestamp, Bit, WVarchar };

// How a CSV field becomes a typed value (the engine applies it).
enum class ValueParser {
    Integer,     // "42"
    Reference,   // "42"; "0" means no reference and reads NULL
    Decimal,     // "1.5" (dot decimals)
    DateDmy,     // "31/12/2024" or "1/2/2024"
    TimeHm,      // "08:30"
    Bool,        // "true" / "false"
    Text,        // verbatim (a single space or empty is NULL)
    EpochMillis, // "1718000000000" -> timestamp; "0" is NULL
    None,        // not from the CSV: a key column filled from the request
};

// Which token an action needs.
enum class TokenKind { General, Personnel };

// Which instances offer an action (the three reference editions).
enum Profile : unsigned { Full = 1, Tenant = 2, Older = 4, AllProfiles = 7 };

struct Column {
    std::string name;          // snake_case, stable
    SqlType type = SqlType::WVarchar;
    int size = 255;            // WVARCHAR length, DECIMAL precision
    int scale = 0;             // DECIMAL scale
    bool nullable = true;
    std::string header;        // CSV header it comes from ("" for key columns)
    bool header_prefix = false;// match the header by prefix (users' manager column)
    ValueParser parser = ValueParser::Text;
    std::string description;   // one line for docs/tables.md
};

// How a key column's value is formatted as a request parameter.
enum class ParamFormat { Integer, IsoDate, Text };

// A key column: predicates on it become request parameters.
struct KeyColumn {
    std::string column;        // the column name in this table
    std::string param;         // request parameter it feeds ("year", "userid", "startdate")
    ParamFormat format = ParamFormat::Integer;
    // What the planner does when no predicate names it.
    enum class Default {
        CurrentYear,           // year = this year
        MonthsOfCurrentYear,   // every month of this year up to the current one
        Omit,                  // do not send the parameter (the API's "all")
        FirstOfMonth,          // first day of the current month
        Today,                 // today's date
        EveryUser,             // one request per user id (timeclock status)
    } when_absent = Default::Omit;
    bool optional_on_instance = false; // the instance may ignore it: always filter locally
    std::string derived_from;  // a date column whose predicates also select values ("date_from")
};

struct ForeignKey {
    std::string column;        // in this table
    std::string ref_table;
    std::string ref_column;
};

struct Table {
    std::string name;          // SQL name, also the cache table name
    std::string action;        // API action code
    TokenKind token = TokenKind::General;
    int daily_limit = 0;       // 0: unlimited
    unsigned profiles = AllProfiles;
    std::vector<std::pair<std::string, std::string>> fixed_params; // e.g. minutes=true, command=status
    std::vector<Column> columns;
    std::vector<KeyColumn> keys;
    std::vector<std::string> primary_key;
    std::vector<ForeignKey> foreign_keys;
    bool runtime_columns = false; // the response may add columns (snake-cased headers)
    bool header_less = false;     // timeclock status: the response has no header line
    bool write_only = false;      // worktime_events: SELECT answers no rows
    std::string write_route;      // "" if read-only; otherwise the write action(s), for docs
    std::string description;

    const Column* find_column(std::string_view name) const; // case-insensitive
    const KeyColumn* find_key(std::string_view column) const;
};

// Every table, in documentation order.
const std::vector<Table>& tables();
// Case-insensitive lookup; nullptr when there is no such table.
const Table* find_table(std::string_view name);
// The closest table name to a misspelt one, or "" when nothing is close.
std::string suggest_table(std::string_view name);
std::string suggest_column(const Table& table, std::string_view name);

// SCHEMA.md's snake-case rule for headers ("Home address | Street" ->
// "home_address_street"; umlauts transliterated; leading digit -> "c_").
std::string snake_case(std::string_view header);

// SQLite column type text that the engine maps back to SQL types
// ("INTEGER", "DECIMAL(7,2)", "DATE", "TIME", "TIMESTAMP", "BIT", "WVARCHAR(255)").
std::string sqlite_decl_type(const Column& column);
// Parses what sqlite_decl_type produced (and SQLite's own affinities) back.
struct DeclaredType { SqlType type; int size; int scale; };
std::optional<DeclaredType> parse_decl_type(std::string_view decl);

// CREATE TABLE statement for the cache (adds the hidden partition column
// "_part INTEGER NOT NULL" first; extra run-time columns are appended by the engine).
std::string cache_ddl(const Table& table, std::string_view sqlite_name);

// docs/tables.md, generated; a test compares it with the checked-in file.
std::string tables_markdown();

std::string_view to_string(SqlType type);

} // namespace tb::catalog
