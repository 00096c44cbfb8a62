#include "corpus.hpp"

#include "sql/ast.hpp"
#include "tests/corpus/test_db.hpp"

namespace tb::sql::test {

std::string print(std::string_view odbc_sql) {
    auto statement = parse(odbc_sql);
    return to_sqlite(*statement, PrintOptions{});
}

std::string check(const Case& c) {
    static const TestDb db;
    std::string printed;
    try {
        printed = print(c.odbc);
    } catch (const std::exception& e) {
        return std::string("parse/print failed: ") + e.what();
    }
    std::string actual;
    try {
        actual = format(db.run(printed, c.parameters), c.ordered);
    } catch (const std::exception& e) {
        return std::string("printed SQL failed: ") + e.what();
    }
    std::string expected;
    if (c.expected.rfind("rows:", 0) == 0) {
        expected = c.expected.substr(5);
    } else {
        try {
            expected = format(db.run(c.expected, c.parameters), c.ordered);
        } catch (const std::exception& e) {
            return std::string("reference SQL failed: ") + e.what();
        }
    }
    if (actual != expected)
        return "rows differ\n  printed:  " + printed + "\n  actual:   " + actual + "\n  expected: " + expected;
    return {};
}

} // namespace tb::sql::test
