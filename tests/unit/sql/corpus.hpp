// Checking a corpus case (tests/corpus/cases.hpp) through the parser and
// printer against the test database.
#pragma once

#include "tests/corpus/cases.hpp"

#include <string>
#include <string_view>

namespace tb::sql::test {

// Parses ODBC SQL and prints it for the test database (tables stay tables).
std::string print(std::string_view odbc_sql);
// Parses, prints and runs a case; returns "" or what went wrong.
std::string check(const Case& c);

} // namespace tb::sql::test
