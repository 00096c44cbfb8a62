// WITH (inlined as derived tables) and window functions, run on SQLite and
// compared with hand-written SQLite queries; their pushdown and errors.
#include "corpus.hpp"

#include "sql/ast.hpp"

#include <gtest/gtest.h>

namespace tb::sql::test {
namespace {

const std::vector<Case> with_window_cases = {
    // WITH
    {"WITH v AS (SELECT user_id, last_name FROM users WHERE department = 'Vertrieb') SELECT * FROM v",
     "select user_id, last_name from users where department = 'Vertrieb'"},
    {"WITH v (id, name) AS (SELECT user_id, last_name FROM users) SELECT name FROM v WHERE id = 2",
     "select last_name from users where user_id = 2"},
    {"WITH a AS (SELECT * FROM worktime WHERE year = 2025), b AS (SELECT user_id, SUM(working_seconds) AS s FROM a "
     "GROUP BY user_id) SELECT b.user_id, b.s FROM b ORDER BY b.user_id",
     "select user_id, sum(working_seconds) from worktime where year = 2025 group by user_id order by user_id", {}, true},
    {"WITH w AS (SELECT user_id, year FROM worktime) SELECT COUNT(*) FROM w x JOIN w y ON x.user_id = y.user_id "
     "WHERE x.year = 2024 AND y.year = 2025",
     "select count(*) from worktime x join worktime y on x.user_id = y.user_id where x.year = 2024 and y.year = 2025"},
    {"SELECT (WITH c AS (SELECT COUNT(*) AS n FROM users) SELECT n FROM c)", "select count(*) from users"},
    {"SELECT * FROM (WITH c AS (SELECT user_id FROM users) SELECT user_id FROM c WHERE user_id > ?) d",
     "select user_id from users where user_id > 3", {"3"}},
    {"WITH users AS (SELECT 1 AS user_id) SELECT user_id FROM users", "rows:1"},
    {"WITH u AS (SELECT user_id FROM users) SELECT user_id FROM u WHERE user_id IN (SELECT user_id FROM u WHERE "
     "user_id < 3)",
     "select user_id from users where user_id < 3"},
    {"with \"V\" as (select \"user_id\" from \"timebutler\".\"users\") select count(*) from \"V\"",
     "select count(*) from users"},
    // window functions
    {"SELECT user_id, ROW_NUMBER() OVER (ORDER BY user_id DESC) AS rn FROM users",
     "select user_id, row_number() over (order by user_id desc) from users"},
    {"SELECT user_id, date, SUM(working_seconds) OVER (PARTITION BY user_id ORDER BY date, worktime_id) FROM worktime",
     "select user_id, date, sum(working_seconds) over (partition by user_id order by date, worktime_id) from worktime"},
    {"SELECT department, last_name, RANK() OVER (PARTITION BY department ORDER BY last_name) AS r, "
     "DENSE_RANK() OVER (ORDER BY department) FROM users",
     "select department, last_name, rank() over (partition by department order by last_name), "
     "dense_rank() over (order by department) from users"},
    {"SELECT user_id, LAG(user_id) OVER (ORDER BY user_id), LEAD(user_id, 2, 0) OVER (ORDER BY user_id) FROM users",
     "select user_id, lag(user_id) over (order by user_id), lead(user_id, 2, 0) over (order by user_id) from users"},
    {"SELECT worktime_id, AVG(working_seconds) OVER (ORDER BY worktime_id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) "
     "FROM worktime",
     "select worktime_id, avg(working_seconds) over (order by worktime_id rows between 1 preceding and current row) "
     "from worktime"},
    {"SELECT worktime_id, COUNT(*) OVER (ORDER BY worktime_id RANGE UNBOUNDED PRECEDING), "
     "FIRST_VALUE(user_id) OVER (PARTITION BY year ORDER BY worktime_id ROWS BETWEEN UNBOUNDED PRECEDING AND "
     "UNBOUNDED FOLLOWING) FROM worktime",
     "select worktime_id, count(*) over (order by worktime_id range unbounded preceding), first_value(user_id) over "
     "(partition by year order by worktime_id rows between unbounded preceding and unbounded following) from worktime"},
    {"SELECT user_id, NTILE(2) OVER (ORDER BY user_id), MAX(user_id) OVER (), COUNT(*) OVER () AS n FROM users",
     "select user_id, ntile(2) over (order by user_id), max(user_id) over (), count(*) over () from users"},
    {"SELECT department, COUNT(*), SUM(COUNT(*)) OVER () FROM users GROUP BY department",
     "select department, count(*), sum(count(*)) over () from users group by department"},
    {"SELECT user_id, {fn UCASE(last_name)}, PERCENT_RANK() OVER (ORDER BY user_id), CUME_DIST() OVER (ORDER BY user_id), "
     "NTH_VALUE(user_id, 2) OVER (ORDER BY user_id), LAST_VALUE(user_id) OVER (ORDER BY user_id) FROM users",
     "select user_id, upper(last_name), percent_rank() over (order by user_id), cume_dist() over (order by user_id), "
     "nth_value(user_id, 2) over (order by user_id), last_value(user_id) over (order by user_id) from users"},
    {"SELECT COUNT(*) over FROM users", "select count(*) from users"},
    {"WITH r AS (SELECT user_id, ROW_NUMBER() OVER (PARTITION BY department ORDER BY user_id) AS rn FROM users) "
     "SELECT user_id FROM r WHERE rn = 1 ORDER BY user_id",
     "select min(user_id) from users group by department order by 1", {}, true},
};

class WithWindowCorpus : public ::testing::TestWithParam<Case> {};

TEST_P(WithWindowCorpus, ReturnsTheExpectedRows) {
    std::string problem = check(GetParam());
    EXPECT_TRUE(problem.empty()) << GetParam().odbc << "\n" << problem;
}

INSTANTIATE_TEST_SUITE_P(Sql, WithWindowCorpus, ::testing::ValuesIn(with_window_cases));

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
