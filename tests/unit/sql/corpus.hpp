// A corpus case: ODBC SQL, the rows it must return on the test database,
// given as a hand-written SQLite query or as "rows:a|b;c|d".
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

// Parses, prints and runs a case; returns "" or what went wrong.
std::string check(const Case& c);

} // namespace tb::sql::test
