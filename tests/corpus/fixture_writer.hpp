// Writes the simulator's fixture (tests/sim/README.md, "Fixture mode") from
// the test database: DIR/<action>.csv for each of its tables, in the API's
// answer format, so the driver reads through the simulator what TestDb holds.
#pragma once

#include <string>

namespace tb::sql::test {

class TestDb;

// Throws std::runtime_error when a file cannot be written or a value has no
// API form (a time with seconds, an unknown table).
void write_fixture(const TestDb& db, const std::string& dir);

} // namespace tb::sql::test
