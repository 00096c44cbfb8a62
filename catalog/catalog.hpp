// The declaration of every source's tables (Timebutler v1 in
// catalog/timebutler/, GoodTime in catalog/goodtime/): pure data plus
// generators of SQLite DDL and documentation. Knows nothing else of the project.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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
    Timestamp,   // ISO 8601 ("2025-01-02T08:30:00Z", offsets turned to UTC) or epoch milliseconds
    None,        // not from the CSV: a key column filled from the request
};

// Which token an action needs.
enum class TokenKind { General, Personnel };

// Which instances offer an action (the three reference editions).
enum Profile : unsigned { Full = 1, Tenant = 2, Older = 4, AllProfiles = 7 };

struct Column {
    std::string name;          // snake_case, stable
    SqlType type = SqlType::WVarchar;
    int size = 255;            // WVARCHAR length, DECIMAL precision; other types: ODBC COLUMN_SIZE
                               // (default_column_size), so SQLColumns reads one field
    int scale = 0;             // DECIMAL scale
    bool nullable = true;
    std::string header;        // CSV header it comes from ("" for key columns filled from the
                               // request and for input_only columns)
    bool header_prefix = false;// match the header by prefix (users' manager column)
    ValueParser parser = ValueParser::Text;
    std::string description;   // one line for docs/tables.md

    // Added by the catalog room (none of these change the members above):
    // For header-less responses (timeclock status) and for a column the
    // reference only promises by place ("the first column contains the
    // userid"): the 0-based CSV field to use when no header matches; -1: none.
    int csv_position = -1;
    // Not in any response, only written (projects.service_required,
    // timeclock.command, every column of worktime_events): reads NULL.
    // header is "" and parser None for these.
    bool input_only = false;
};

// COLUMN_SIZE a column of this type reports when it has no declared length
// (Column::size holds it for every type, so SQLColumns reads one field).
int default_column_size(SqlType type);

// How a key column's value is formatted as a request parameter.
enum class ParamFormat { Integer, IsoDate, Text };

// How a period key (GoodTime's start/end) is derived from a TIMESTAMP
// column's predicates: the lower or the upper bound of its dates.
enum class PeriodEnd { None, Start, End };

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
        EveryUser,             // one request per user (the source's users_key column of its users table)
        StartOfMonth,          // a period's start: the first day of the current month
        EndOfMonth,            // a period's end: the day after the current month
    } when_absent = Default::Omit;
    bool optional_on_instance = false; // the instance may ignore it: always filter locally
    std::string derived_from;  // a date column whose predicates also select values ("date_from")
    // A date column never earlier than derived_from ("date_to"): its upper
    // bounds also bound derived_from (date_to <= X implies date_from <= X);
    // its lower bounds say nothing (an absence may be long).
    std::string derived_until;

    // Added by the catalog room:
    // A range (BETWEEN, <, >) may be expanded into one request per value;
    // only for small integer domains (year, month), never for dates or ids,
    // where expansion would spend many (or daily-limited) calls.
    bool range_expandable = false;
    int min_value = 0, max_value = 0;  // inclusive bounds (month 1..12); 0,0: unbounded

    // Added for JSON sources: a period parameter taken from the bounds of
    // the predicates on derived_from (a TIMESTAMP column); the whole period
    // is one request.
    PeriodEnd period = PeriodEnd::None;
    // The parameter is a path segment ("projects/{useremail}"), not a query
    // or form parameter.
    bool in_path = false;
};

struct ForeignKey {
    std::string column;        // in this table
    std::string ref_table;
    std::string ref_column;
};

// ---- Write routes (issue 6): which statement goes to which action -------

enum class WriteKind { Insert, Update, Delete };

// How a value is written into a request field or CSV cell.
enum class WriteFormat {
    Text,          // verbatim; CSV routes reject ';', CR and LF instead of stripping them
    Integer,       // "42"
    DecimalTenths, // "25.5": setholidayentitlement's nn.n (at most one decimal place)
    Bool,          // "true" / "false"
    IsoDate,       // "2025-05-01" (every documented input date uses it)
    EventTime,     // "2025-02-27T11:45": minute precision, literal T, no zone
    IdList,        // "3,7" -> manager1=3, manager2=7 (field name holds "{i}")
    IsoDateTime,   // "2025-02-27T11:45:00": a TIMESTAMP in ISO 8601, no zone (GoodTime)
};

struct WriteField {
    std::string column;        // the table column it comes from; "" for a constant
    std::string field;         // form parameter or CSV cell name; "{n}" is the period
                               // number of setworkdays, "{i}" the list index of IdList
    WriteFormat format = WriteFormat::Text;
    std::string constant;      // sent when column is "" (the CSV command "CREATE")
    int max_length = 0;        // characters the service accepts; 0: not documented
    bool required = false;     // the statement must give a non-NULL value
    std::string default_value; // sent when the statement does not name the column
    // SQL value -> API value, compared case-insensitively ("Active" -> "true");
    // when not empty, a value outside it is rejected before sending.
    // default_value is a SQL-side value and goes through the map as well.
    std::vector<std::pair<std::string, std::string>> value_map;
    // A closed list checked before sending, compared case-insensitively and
    // sent in the spelling listed ("start", "START").
    std::vector<std::string> allowed;
    bool from_choice = false;  // holds the value of whichever WriteRoute::choices column was given
    bool non_negative = false; // numbers below 0 are rejected (project budget)
};

// One of several columns selects the user and names itself in a parameter
// (timeimportbyevents: email -> useridentification=email).
struct WriteChoice {
    std::string column;
    std::string param;
    std::string value;
};

enum class WriteBody {
    Form,       // application/x-www-form-urlencoded fields
    CsvUpload,  // multipart/form-data, file part "csvdatafile", no header line,
                // fields in WriteRoute::fields order, one line per row
    Json,       // one JSON object per row, POSTed (GoodTime's createtimeentry)
    PathOnly,   // no body: the row's key is a path segment (DELETE deletetimeentry/{id})
};

// An HTTP method (Timebutler v1 uses POST for everything).
enum class HttpMethod { Post, Get, Delete };

// A row check made before anything is sent: `column` must lie after
// `after_column` (end_time after start_time), or must be a value of
// `ref_table`.`ref_column` as the service lists it now.
struct WriteCheck {
    std::string column;
    std::string after_column;
    std::string ref_table;
    std::string ref_column;
};

struct WriteRoute {
    WriteKind kind = WriteKind::Insert;
    std::string action;            // "projectsimport"
    unsigned profiles = AllProfiles;
    WriteBody body = WriteBody::Form;
    // An UPDATE takes every route whose when_set column is in its SET list
    // (and whose when_value matches the new value, when given), plus the route
    // with an empty when_set when any other column is set.
    std::string when_set;
    std::string when_value;
    // UPDATE/DELETE: the columns that identify a target row; the WHERE must
    // pin them and the driver reads the current rows to learn which exist.
    std::vector<std::string> row_key;
    // UPDATE: the API needs every field, filled from the current row.
    bool send_all_fields = false;
    // UPDATE: columns the SET list must name because the API cannot tell
    // their current value (projects.service_required).
    std::vector<std::string> must_set;
    // setworkdays: the user's whole period list is sent, periods numbered
    // 1..max_periods in valid_from order; the first period's date is "0".
    bool whole_list = false;
    int max_periods = 0;
    std::vector<WriteChoice> choices; // exactly one must be given (INSERT)
    std::vector<WriteField> fields;   // for CsvUpload: in CSV column order
    std::string note;                 // one line for docs/tables.md
    // Added for JSON sources:
    HttpMethod method = HttpMethod::Post;
    std::vector<WriteCheck> checks;
    std::string created_id_field;     // the answer's field holding the created id ("id")
};

// The upload limit (bytes of one CSV file) of an instance profile.
std::int64_t upload_limit_bytes(Profile profile);

struct Table {
    std::string name;          // SQL name, also the cache table name
    std::string action;        // API action code; for JSON sources the path below the source's
                               // base path, "{param}" marking a key given as a path segment
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

    // Added by the catalog room:
    std::vector<WriteRoute> writes; // write_route above is derived from these
    // personnelfiles, salaries: the API takes at most one of the key
    // parameters per request (userid, employeenumber or email).
    bool keys_exclusive = false;

    // Added with sources: the source (schema) the table belongs to; filled
    // by the source's table list.
    std::string source;
    HttpMethod method = HttpMethod::Post;

    const Column* find_column(std::string_view name) const; // case-insensitive
    const KeyColumn* find_key(std::string_view column) const;
};

// ---- Sources -------------------------------------------------------------

// How a source authenticates.
enum class AuthKind {
    FormToken,  // Timebutler v1: auth=<API token> as a form field of every request
    JwtLogin,   // GoodTime: POST login_path {loginemail, apipassword} -> a JWT, sent as Bearer
};
enum class AnswerFormat { Csv, Json };

// A service the driver reads: its tables are the schema of its name.
struct Source {
    std::string name;            // schema name and Source key value ("timebutler", "goodtime")
    std::string title;           // "Timebutler API v1"
    AuthKind auth = AuthKind::FormToken;
    AnswerFormat format = AnswerFormat::Csv;
    std::string base_path;       // "/api/v1/", "/api/time-v2.1/"
    std::string login_path;      // JwtLogin: "/api/login"
    std::string check_table;     // the small table read when connecting, to prove the credentials
    std::string users_table;     // for EveryUser keys: the table listing the users
    std::string users_column;    // and its column the key takes
    std::string description;     // for docs/tables.md
    std::vector<Table> tables;   // in documentation order

    const Table* find_table(std::string_view name) const;   // case-insensitive; nullptr when none
    std::string suggest_table(std::string_view name) const; // the closest name, or ""
};

// Every source; the first is the default (Timebutler v1).
const std::vector<Source>& sources();
// Case-insensitive; nullptr when there is no such source.
const Source* find_source(std::string_view name);
const Source& default_source();

// The default source's tables, in documentation order.
const std::vector<Table>& tables();
// Case-insensitive lookup in the default source; nullptr when there is no such table.
const Table* find_table(std::string_view name);
// The closest table name to a misspelt one, or "" when nothing is close.
std::string suggest_table(std::string_view name);
std::string suggest_column(const Table& table, std::string_view name);

// SCHEMA.md's snake-case rule for headers ("Home address | Street" ->
// "home_address_street"; umlauts transliterated; leading digit -> "c_").
std::string snake_case(std::string_view header);

// SQLite column type text that the engine maps back to SQL types
// ("INTEGER", "DECIMAL_REAL(7,2)", "DATE", "TIME", "TIMESTAMP", "BIT", "WVARCHAR(255)").
// DECIMAL_REAL, not DECIMAL: SQLite gives "DECIMAL" NUMERIC affinity, which
// stores 25.0 as integer 25 so that workdays / 2 divides as integers; the
// "REAL" in the name gives REAL affinity. DATE/TIME/TIMESTAMP get NUMERIC
// affinity, under which 'YYYY-MM-DD' and 'HH:MM:SS' text stays text.
std::string sqlite_decl_type(const Column& column);
// Parses what sqlite_decl_type produced (and SQLite's own affinities) back.
struct DeclaredType { SqlType type; int size; int scale; };
std::optional<DeclaredType> parse_decl_type(std::string_view decl);

// An SQL identifier in double quotes, inner quotes doubled ("a""b").
std::string quote_identifier(std::string_view name);

// CREATE TABLE statement for the cache: the catalog's columns, no constraints
// (the partition lives in the rowid; extra run-time columns are appended by
// the engine).
std::string cache_ddl(const Table& table, std::string_view sqlite_name);

// docs/tables.md, generated; a test compares it with the checked-in file.
std::string tables_markdown();

std::string_view to_string(SqlType type);

// ---- Added by the catalog room --------------------------------------------

// SCHEMA.md's clash rule: the second and later occurrences of a name
// (case-insensitively) get "_2", "_3", ... skipping names already taken by
// an earlier name or still to come. Pass the declared names first, then the
// run-time ones, so declared columns keep their names.
std::vector<std::string> unique_names(std::vector<std::string> names);

// The column type as SQL sees it: "INTEGER", "DECIMAL(7,2)", "WVARCHAR(255)".
std::string type_text(const Column& column);

// A run-time column (absence fields, personnel-file fields, work-time-account
// values) for a header: snake-cased name, WVARCHAR(kRuntimeColumnSize), Text.
// Clashes are the caller's (unique_names).
inline constexpr int kRuntimeColumnSize = 4000;
Column runtime_column(std::string_view header);

// The absence type a marker column of absences introduces:
// "Additional entry fields for 'Business trip'" -> "Business trip" (also the
// German 'Zusatzfelder für "Dienstreise"'); nullopt for any other header.
// The columns after a marker belong to that type: dienstreise_zielort.
std::optional<std::string> absence_type_marker(std::string_view header);

// Levenshtein distance with adjacent transpositions, ASCII case-insensitive.
int edit_distance(std::string_view a, std::string_view b);

std::string_view to_string(WriteKind kind);

} // namespace tb::catalog
