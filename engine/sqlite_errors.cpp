#include "engine/sqlite_errors.hpp"

#include <sqlite3.h>

#include <array>

#include "engine/ascii.hpp"

namespace tb::engine {
namespace {

struct Rule {
    std::string_view pattern;  // the start of SQLite's message, or a part of it when contains
    bool contains;
    const char* sqlstate;
    const char* says;          // what the user reads; {} is the name from the message
    const char* advice;
};

// The messages of SQLite 3.40 (sqlite3ErrorMsg calls in resolve.c, select.c,
// expr.c, window.c) that a statement of ours can meet.
constexpr std::array kRules{
    Rule{"no such table: ", false, "42S02", "unknown table or alias {}", "name a table of SQLTables or an alias the statement defines"},
    Rule{"no such function: ", false, "42000", "unknown function {}", "SQLGetInfo(SQL_STRING_FUNCTIONS and the others) lists the functions, written as {fn NAME(...)}"},
    Rule{"wrong number of arguments to function ", false, "42000", "wrong number of arguments to function {}", "check the function's arguments"},
    Rule{"misuse of aggregate function ", false, "42000", "aggregate {} used where no aggregate is allowed", "aggregates belong in the select list, HAVING or ORDER BY, not in WHERE, GROUP BY or inside another aggregate"},
    Rule{"misuse of aggregate: ", false, "42000", "aggregate {} used where no aggregate is allowed", "aggregates belong in the select list, HAVING or ORDER BY, not in WHERE, GROUP BY or inside another aggregate"},
    Rule{"misuse of window function ", false, "42000", "window function {} used where it is not allowed", "window functions belong in the select list or ORDER BY"},
    Rule{"aggregate functions are not allowed in the GROUP BY clause", false, "42000", "an aggregate in GROUP BY", "group by columns or expressions without aggregates"},
    Rule{"a GROUP BY clause is required before HAVING", false, "42000", "HAVING without GROUP BY", "add GROUP BY, or move the condition to WHERE"},
    Rule{"term out of range - should be between", true, "42000", "a column number in ORDER BY or GROUP BY is out of range", "number the select-list columns from 1"},
    Rule{"term does not match any column in the result set", true, "42000", "an ORDER BY term of a UNION does not name a result column", "order a compound query by result-column names or numbers"},
    Rule{"do not have the same number of result columns", true, "21S01", "the members of a UNION, EXCEPT or INTERSECT have different numbers of columns", "give each member the same number of select-list columns"},
    Rule{"sub-select returns ", false, "21000", "a subquery returns more than one column where one value is expected", "select one column in the subquery"},
    Rule{"row value misused", false, "42000", "a parenthesised list of values is used where one value is expected", "compare one value at a time"},
    Rule{"no such window: ", false, "42000", "unknown window {}", "define the window in a WINDOW clause or write OVER (...)"},
    Rule{"no such collation sequence: ", false, "42000", "unknown collation {}", "leave out COLLATE"},
    Rule{"DISTINCT aggregates must have exactly one argument", false, "42000", "DISTINCT in an aggregate with more than one argument", "aggregate one expression with DISTINCT"},
    Rule{"FILTER clause may only be used with aggregate window functions", false, "42000", "FILTER on a function that is not an aggregate", "use FILTER with aggregates only"},
    Rule{" is not a function", true, "42000", "a window function is called as a plain function", "add OVER (...)"},
    Rule{"may not be used with ", true, "42000", "a function is used in a way SQL does not allow", "check the function call"},
    Rule{"ON clause references tables to its right", false, "42000", "an ON condition refers to a table joined after it", "move the condition to a later ON or to WHERE"},
    Rule{"cannot join using column ", false, "42S22", "a USING column is missing from one side of the join", "name a column both tables have, or use ON"},
    Rule{"a NATURAL join may not have an ON or USING clause", false, "42000", "NATURAL JOIN with ON or USING", "write either NATURAL JOIN or ON/USING"},
    Rule{"values for ", true, "21S01", "the number of values does not match the number of columns", "give one value per column"},
    Rule{"too many arguments on ", false, "42000", "too many arguments to a function", "check the function's arguments"},
    Rule{"too many ", false, "54000", "the statement is too large", "split it into smaller statements"},
    Rule{"Expression tree is too large", false, "54000", "the statement is nested too deeply", "split it into smaller statements"},
    Rule{"parser stack overflow", false, "54000", "the statement is nested too deeply", "split it into smaller statements"},
    Rule{"near \"", false, "42000", "the statement cannot be run near {}", "check the statement there"},
    Rule{"unrecognized token: ", false, "42000", "the statement has a token that cannot be run: {}", "check the statement there"},
    Rule{"integer overflow", false, "22003", "a number is too large for a 64-bit integer", "CAST the operands to DOUBLE, or narrow the statement"},
    Rule{"frame starting offset must be", false, "22013", "the window frame's start offset is negative or not an integer", "give a non-negative integer"},
    Rule{"frame ending offset must be", false, "22013", "the window frame's end offset is negative or not an integer", "give a non-negative integer"},
    Rule{"argument of ntile must be", false, "22023", "NTILE needs a positive integer", "give a positive integer"},
    Rule{"second argument to nth_value must be", false, "22023", "NTH_VALUE needs a positive integer position", "give a positive integer"},
};

// The name a message mentions: after the pattern, without quotes, "()" or a
// trailing " - ..." explanation.
std::string mentioned_name(const std::string& message, const Rule& rule) {
    if (rule.contains) return {};
    std::string name = message.substr(rule.pattern.size());
    if (rule.pattern == "near \"") name = name.substr(0, name.find('"'));
    while (!name.empty() && (name.back() == ')' || name.back() == '(' || name.back() == '"')) name.pop_back();
    if (!name.empty() && name.front() == '"') name.erase(0, 1);
    return name;
}

// 1-based character position of the first case-insensitive occurrence of
// `name` in `statement`, 0 when absent.
std::size_t position_of(std::string_view statement, const std::string& name) {
    if (name.empty()) return 0;
    const std::string haystack = ascii::lower(statement);
    const std::size_t at = haystack.find(ascii::lower(name));
    if (at == std::string::npos) return 0;
    std::size_t position = 1;
    for (std::size_t i = 0; i < at; ++i)
        if ((static_cast<unsigned char>(statement[i]) & 0xC0) != 0x80) ++position;
    return position;
}

std::string fill(std::string_view says, const std::string& name) {
    std::string out(says);
    if (auto at = out.find("{}"); at != std::string::npos) out.replace(at, 2, name);
    return out;
}

} // namespace

Error classify_sqlite_error(int code, const std::string& message, SqlitePhase phase, std::string_view statement) {
    switch (code & 0xFF) {
    case SQLITE_NOMEM: return Error("HY001", "out of memory while computing the result");
    case SQLITE_INTERRUPT: return Error("HY008", "the statement was interrupted while its result was computed");
    case SQLITE_TOOBIG: return Error("22001", "a value of the result is larger than the driver can hold (" + message + ")");
    case SQLITE_MISMATCH: return Error("22018", "a value has the wrong type for its use (" + message + ")");
    case SQLITE_ERROR: break;
    default:
        // The cache database itself failed (I/O, a locked or damaged file).
        return Error("HY000", "the cache database failed: " + message +
                                  "; run the statement again, or set Cache=memory if the cache file is damaged");
    }
    for (const auto& rule : kRules) {
        const bool matches = rule.contains ? message.find(rule.pattern) != std::string::npos
                                           : message.rfind(rule.pattern, 0) == 0;
        if (!matches) continue;
        const std::string name = mentioned_name(message, rule);
        std::string text = fill(rule.says, name);
        if (const std::size_t position = position_of(statement, name)) text += " at position " + std::to_string(position);
        return Error(rule.sqlstate, text + "; " + rule.advice);
    }
    // Any other refusal to compile is about the statement; a failure while
    // stepping is about a value it met.
    if (phase == SqlitePhase::Prepare)
        return Error("42000", "the statement cannot be run: " + message + "; simplify the part it names");
    return Error("22000", "a value could not be computed: " + message);
}

} // namespace tb::engine
