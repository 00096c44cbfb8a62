// The capabilities table: every advertised function prints and runs in
// SQLite (the function cases themselves: tests/corpus/functions_cases.cpp).
#include "corpus.hpp"
#include "sql/ast.hpp"
#include "tests/corpus/test_db.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace tb::sql::test {
namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Every advertised function really renders, and runs in SQLite.
TEST(Capabilities, EveryAdvertisedFunctionPrintsAndRuns) {
    const Capabilities& caps = capabilities();
    EXPECT_TRUE(contains(caps.string_functions, "LOCATE"));
    EXPECT_TRUE(contains(caps.numeric_functions, "TRUNCATE"));
    EXPECT_TRUE(contains(caps.timedate_functions, "TIMESTAMPADD"));
    EXPECT_TRUE(contains(caps.timedate_functions, "EXTRACT"));
    EXPECT_TRUE(contains(caps.system_functions, "IFNULL"));
    EXPECT_FALSE(contains(caps.string_functions, "LOWER")); // not an ODBC name
    TestDb db;
    auto arguments = [](const std::string& name) -> std::string {
        static const std::map<std::string, std::string> args = {
            {"INSERT", "'abc', 1, 1, 'x'"}, {"REPLACE", "'abc', 'a', 'b'"}, {"LOCATE", "'a', 'abc'"},
            {"LEFT", "'abc', 1"},           {"RIGHT", "'abc', 1"},          {"REPEAT", "'a', 2"},
            {"SUBSTRING", "'abc', 1, 2"},   {"CONCAT", "'a', 'b'"},         {"DIFFERENCE", "'a', 'b'"},
            {"POSITION", "'a', 'abc'"},     {"ATAN2", "1, 1"},              {"MOD", "5, 2"},
            {"POWER", "2, 2"},              {"ROUND", "1.5, 0"},            {"TRUNCATE", "1.5, 0"},
            {"TIMESTAMPADD", "SQL_TSI_DAY, 1, {d '2024-01-01'}"},
            {"TIMESTAMPDIFF", "SQL_TSI_DAY, {d '2024-01-01'}, {d '2024-01-02'}"},
            {"IFNULL", "NULL, 1"},          {"CHAR", "65"},                 {"SPACE", "2"},
        };
        auto it = args.find(name);
        return it != args.end() ? it->second : "'2024-01-01'";
    };
    auto no_arguments = [](const std::string& name) {
        return name == "PI" || name == "RAND" || name == "CURDATE" || name == "CURTIME" || name == "NOW" ||
               name == "CURRENT_DATE" || name == "CURRENT_TIME" || name == "CURRENT_TIMESTAMP" || name == "DATABASE" ||
               name == "USER";
    };
    for (const auto* list : {&caps.string_functions, &caps.numeric_functions, &caps.timedate_functions,
                             &caps.system_functions}) {
        for (const auto& name : *list) {
            if (name == "EXTRACT") continue;
            std::string sql = "SELECT {fn " + name + "(" + (no_arguments(name) ? "" : arguments(name)) + ")}";
            if (name == "POSITION") sql = "SELECT {fn POSITION('a' IN 'abc')}";
            EXPECT_NO_THROW(db.run(print(sql))) << sql;
        }
    }
    for (const auto& type : caps.convert_types) {
        std::string sql = "SELECT {fn CONVERT('1', " + type + ")}";
        EXPECT_NO_THROW(db.run(print(sql))) << sql;
    }
    for (const auto& interval : caps.timestamp_intervals) {
        std::string sql = "SELECT {fn TIMESTAMPADD(" + interval + ", 1, {ts '2024-01-01 00:00:00'})}, {fn TIMESTAMPDIFF(" +
                          interval + ", {d '2024-01-01'}, {d '2024-02-01'})}";
        EXPECT_NO_THROW(db.run(print(sql))) << sql;
    }
}

} // namespace
} // namespace tb::sql::test
