// WITH (inlined as derived tables) and window functions, run on SQLite and
// compared with hand-written SQLite queries; their pushdown and errors.
#include "tests/corpus/cases.hpp"

namespace tb::sql::test {

const std::vector<Case>& with_window_cases() {
    static const std::vector<Case> cases = {
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
    return cases;
}

} // namespace tb::sql::test
