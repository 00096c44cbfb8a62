#include "corpus.hpp"

#include "sql/ast.hpp"
#include "tests/corpus/test_db.hpp"

#include <cctype>
#include <set>

namespace tb::sql::test {

std::string print(std::string_view odbc_sql) {
    auto statement = parse(odbc_sql);
    return to_sqlite(*statement, PrintOptions{});
}

namespace {

std::string print_with_aliases(std::string_view odbc_sql, const std::set<std::string>& group_by_aliases) {
    auto statement = parse(odbc_sql);
    PrintOptions options;
    options.group_by_aliases = group_by_aliases;
    return to_sqlite(*statement, options);
}

// As the engine does (Statement::prepare_rendered): a GROUP BY name SQLite
// calls ambiguous is printed again as its select-list alias.
std::string run_printed(const TestDb& db, const Case& c, std::string& printed) {
    std::set<std::string> aliases;
    for (;;) {
        printed = print_with_aliases(c.odbc, aliases);
        try {
            return format(db.run(printed, c.parameters), c.ordered);
        } catch (const std::exception& e) {
            const std::string message = e.what();
            const std::string marker = "ambiguous column name: ";
            const auto at = message.find(marker);
            if (at == std::string::npos) throw;
            std::string name = message.substr(at + marker.size());
            name = name.substr(0, name.find_first_of(" \n"));
            for (char& ch : name) ch = char(std::tolower(static_cast<unsigned char>(ch)));
            if (!aliases.insert(name).second) throw;
        }
    }
}

} // namespace

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
        actual = run_printed(db, c, printed);
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
