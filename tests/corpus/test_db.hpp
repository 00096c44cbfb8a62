// An in-memory SQLite database with the driver's cache tables (from the
// catalog) and a small fixed dataset, and helpers to run SQL against it.
#pragma once

#include <sqlite3.h>

#include <string>
#include <vector>

namespace tb::sql::test {

using Row = std::vector<std::string>;
using Rows = std::vector<Row>;

class TestDb {
public:
    TestDb();
    ~TestDb();
    TestDb(const TestDb&) = delete;
    TestDb& operator=(const TestDb&) = delete;

    // Runs SQLite SQL; parameters are bound as text, numbered ?1..?n.
    // Throws std::runtime_error with SQLite's message on failure.
    Rows run(const std::string& sql, const std::vector<std::string>& parameters = {}) const;
    void exec(const std::string& sql) const;
    // The tables that hold data, by their driver names.
    static const std::vector<std::string>& tables();

private:
    sqlite3* db_ = nullptr;
};

// Rows as one string, "a|b;c|d", sorted unless ordered.
std::string format(Rows rows, bool ordered);
// A double as the cells of TestDb::run show it: integral values without a
// fraction, others to 6 significant digits.
std::string format_number(double d);

} // namespace tb::sql::test
