// The SQL corpus: ODBC SQL statements with the rows each must return on the
// test database (TestDb), given as a hand-written SQLite query or as
// "rows:a|b;c|d". The unit tests (tests/unit/sql) check them through the
// parser and printer, tests/odbc/test_corpus.cpp through the driver.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace tb::sql::test {

struct Case {
    Case(std::string odbc, std::string expected, std::vector<std::string> parameters = {}, bool ordered = false)
        : odbc(std::move(odbc)), expected(std::move(expected)), parameters(std::move(parameters)), ordered(ordered) {}
    std::string odbc;
    std::string expected;                 // SQLite SQL, or "rows:..." literally
    std::vector<std::string> parameters;  // bound as text, as BI tools do
    bool ordered = false;                 // compare in order (the query sorts)
};

inline std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.odbc; }

// The lists, one source file each.
const std::vector<Case>& select_cases();       // core SELECT constructs
const std::vector<Case>& bi_cases();           // statement shapes of BI tools
const std::vector<Case>& function_cases();     // ODBC scalar functions
const std::vector<Case>& with_window_cases();  // WITH and window functions

} // namespace tb::sql::test
