// The pushdown and errors of WITH and window functions (their cases:
// tests/corpus/with_window_cases.cpp).
#include "corpus.hpp"

#include "sql/ast.hpp"

#include <gtest/gtest.h>

namespace tb::sql::test {
namespace {

bool keys(const TableRef& t, std::string_view column) {
    return (t.name == "worktime" || t.name == "absences") && column == "year";
}

std::string years(const std::string& text) {
    auto p = analyse_pushdown(*parse(text), keys);
    std::string out;
    for (const auto& [id, columns] : p.constraints)
        for (const auto& [column, c] : columns) {
            out += (out.empty() ? "" : ";") + std::to_string(id) + "=";
            if (c.values)
                for (const auto& v : *c.values) out += std::to_string(std::get<std::int64_t>(v.literal)) + ",";
        }
    return out;
}

TEST(WithPushdown, EachReferenceIsADerivedTableOfItsOwn) {
    EXPECT_EQ(years("WITH w AS (SELECT * FROM worktime) SELECT * FROM w WHERE w.year = 2025"), "1=2025,");
    EXPECT_EQ(years("WITH w AS (SELECT user_id, year FROM worktime) SELECT * FROM w x JOIN w y ON x.user_id = y.user_id "
                    "WHERE x.year = 2024 AND y.year = 2025"),
              "1=2024,;2=2025,");
    EXPECT_EQ(years("WITH w (y) AS (SELECT year FROM worktime) SELECT * FROM w WHERE y IN (2024, 2025)"),
              "1=2024,2025,");
    EXPECT_EQ(years("WITH w AS (SELECT * FROM worktime), a AS (SELECT * FROM w WHERE year = 2023) SELECT * FROM a"),
              "1=2023,");
    EXPECT_EQ(base_tables(*parse("WITH w AS (SELECT * FROM worktime) SELECT 1")).size(), 0u);
    EXPECT_EQ(parameter_count(*parse("WITH w AS (SELECT * FROM worktime WHERE year = ?) SELECT * FROM w, w v")), 1);
}

TEST(WindowPushdown, OnlyPartitionColumnsPassAWindow) {
    EXPECT_EQ(years("SELECT * FROM (SELECT year, ROW_NUMBER() OVER (PARTITION BY year ORDER BY date) AS n FROM worktime) d "
                    "WHERE d.year = 2025"),
              "1=2025,");
    EXPECT_EQ(years("SELECT * FROM (SELECT year, ROW_NUMBER() OVER (ORDER BY date) AS n FROM worktime) d "
                    "WHERE d.year = 2025"),
              "");
    EXPECT_EQ(years("SELECT * FROM (SELECT year, SUM(working_seconds) OVER (PARTITION BY user_id) AS s FROM worktime) d "
                    "WHERE d.year = 2025"),
              "");
    EXPECT_EQ(years("SELECT * FROM (SELECT *, COUNT(*) OVER (PARTITION BY year) AS n FROM worktime) d WHERE d.year = 2025"),
              "");
    EXPECT_EQ(years("SELECT year, RANK() OVER (ORDER BY date) FROM worktime WHERE year = 2024"), "1=2024,");
}

TEST(WithErrors, RecursiveAndBadColumnListsAreClear) {
    auto message = [](const std::string& text) -> std::string {
        try {
            auto st = parse(text);
            return "parsed: " + to_sqlite(*st, {});
        } catch (const UnsupportedError& e) {
            return e.what();
        } catch (const SyntaxError& e) {
            return e.what();
        }
    };
    EXPECT_EQ(message("WITH r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r) SELECT * FROM r"),
              "WITH r refers to itself; recursive WITH is not supported");
    EXPECT_EQ(message("WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r"),
              "WITH RECURSIVE is not supported");
    EXPECT_EQ(message("WITH recursive AS (SELECT 1 AS n) SELECT n FROM recursive"), "parsed: SELECT \"n\" FROM (SELECT 1 AS \"n\") AS \"recursive\"");
    EXPECT_EQ(message("WITH v (a, b) AS (SELECT user_id FROM users) SELECT * FROM v"),
              "WITH v names 2 columns but its query returns 1");
    EXPECT_EQ(message("WITH v (a) AS (SELECT * FROM users) SELECT * FROM v"),
              "WITH v (column list) over * is not supported; list the columns");
    EXPECT_EQ(message("SELECT ROW_NUMBER() FROM users"), "window function ROW_NUMBER needs OVER (...)");
    EXPECT_EQ(message("SELECT UCASE(last_name) OVER () FROM users"),
              "function UCASE is no window function; OVER is not supported with it");
    EXPECT_EQ(message("SELECT RANK() OVER (ORDER BY user_id ROWS BETWEEN 1 PRECEDING) FROM users"),
              "syntax error at position 62: expected AND");
    std::string chain = "WITH t0 AS (SELECT * FROM users)";
    for (int i = 1; i <= 12; ++i)
        chain += ", t" + std::to_string(i) + " AS (SELECT * FROM t" + std::to_string(i - 1) + " a, t" +
                 std::to_string(i - 1) + " b)";
    EXPECT_EQ(message(chain + " SELECT * FROM t12"),
              "the WITH tables of this statement expand to more than 1000 table references");
}

} // namespace
} // namespace tb::sql::test
