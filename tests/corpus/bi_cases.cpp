// Statement shapes that Power BI, Tableau, Excel / Microsoft Query, Access,
// R and DBeaver send, mapped onto the driver's tables, plus joins, derived
// tables and compound queries around them.
#include "tests/corpus/cases.hpp"

namespace tb::sql::test {

const std::vector<Case>& bi_cases() {
    static const std::vector<Case> cases = {
        // Power BI navigator preview
        {R"(select top 1000 * from "timebutler"."absences" "$Table")", "select * from absences"},
        // Power BI: folded filter on a derived table
        {R"(select "_"."user_id", "_"."date", "_"."working_seconds"
    from (select "user_id", "date", "working_seconds", "year", "month" from "timebutler"."worktime" "$Table") "_"
    where "_"."year" = 2025 and "_"."month" = 3)",
         "select user_id, date, working_seconds from worktime where year = 2025 and month = 3"},
        // Power BI: grouped and sorted visual
        {R"(select "user_id",
        sum("working_seconds") as "C1"
    from "timebutler"."worktime"
    where "year" = 2025
    group by "user_id"
    order by "C1" desc,
            "user_id"
    limit 1001)",
         "select user_id, sum(working_seconds) from worktime where year = 2025 group by user_id order by 2 desc, 1", {}, true},
        // Power BI: slicer search with wide-string parameters
        {R"(select "last_name" from ( select "last_name" from "timebutler"."users" where { fn locate(?, (case when "last_name" is not null then "last_name" else ? end), ?) } >= ? ) as "ITBL" group by "last_name" order by "last_name" limit 101)",
         "select last_name from users where instr(last_name, 'er') > 0 order by last_name", {"er", "x", "1", "1"}, true},
        // Power BI: relationship join with null-safe equality
        {R"(select count(*) as "CNT", "ITBL"."department" from "timebutler"."absences" as "OTBL" inner join "timebutler"."users" as "ITBL" on (("OTBL"."user_id" = "ITBL"."user_id" and "OTBL"."user_id" is not null) and "ITBL"."user_id" is not null or "OTBL"."user_id" is null and "ITBL"."user_id" is null) where "OTBL"."year" = 2024 group by "ITBL"."department")",
         "select count(*), u.department from absences a join users u on a.user_id = u.user_id where a.year = 2024 group by u.department"},
        // Tableau: date range with escapes, aggregate alias
        {R"(SELECT "absences"."type" AS "type",
      SUM("absences"."workdays") AS "sum_workdays_ok"
    FROM "timebutler"."absences" "absences"
    WHERE (("absences"."date_from" >= {d '2024-01-01'}) AND ("absences"."date_from" < {d '2025-01-01'}))
    GROUP BY "absences"."type")",
         "select type, sum(workdays) from absences where date_from >= '2024-01-01' and date_from < '2025-01-01' group by type"},
        // Tableau: year dimension grouped by alias
        {R"(SELECT CAST({fn TRUNCATE(EXTRACT(YEAR FROM "worktime"."date"),0)} AS INTEGER) AS "yr_date_ok"
    FROM "timebutler"."worktime" "worktime"
    WHERE "worktime"."year" = 2024
    GROUP BY "yr_date_ok")",
         "rows:2024"},
        // Tableau: grand total
        {R"(SELECT SUM({fn CONVERT("worktime"."working_seconds", SQL_BIGINT)}) AS "sum_working_seconds_ok" FROM "timebutler"."worktime" "worktime" HAVING (COUNT(1) > 0))",
         "select sum(working_seconds) from worktime"},
        // Tableau: metadata probes
        {R"(SELECT * FROM "timebutler"."worktime" WHERE 1=0)", "rows:"},
        {R"(SELECT * FROM "timebutler"."worktime" LIMIT 0)", "rows:"},
        // Microsoft Query: outer join escape, aliases equal to table names
        {"SELECT worktime.date, projects.name FROM {oj worktime worktime LEFT OUTER JOIN projects projects ON worktime.project_id = projects.project_id} WHERE (worktime.year=2025) AND (worktime.month=1)",
         "select w.date, p.name from worktime w left join projects p on w.project_id = p.project_id where w.year = 2025 and w.month = 1"},
        // R odbc: describe
        {R"(SELECT * FROM  "timebutler"."users" LIMIT 0)", "rows:"},
        // DBeaver: data viewer paging
        {"SELECT x.* FROM timebutler.projects x LIMIT 0, 200", "select * from projects"},
        // Tableau: level of detail, grouped by a name both joined sides have
        // and the select list aliases once (resolved to the alias)
        {R"(SELECT "FGL"."user_id" AS "user_id",
      SUM("FGL"."working_seconds") AS "sum_working_seconds_ok",
      MIN("t0"."__measure__0") AS "first_date"
    FROM "timebutler"."worktime" "FGL"
      INNER JOIN (
      SELECT "worktime"."user_id" AS "user_id",
        MIN("worktime"."date") AS "__measure__0"
      FROM "timebutler"."worktime" "worktime"
      GROUP BY "worktime"."user_id"
    ) "t0" ON ("FGL"."user_id" = "t0"."user_id")
    GROUP BY "user_id")",
         "select w.user_id, sum(w.working_seconds), min(t.d) from worktime w join (select user_id, min(date) d from worktime "
         "group by user_id) t on w.user_id = t.user_id group by w.user_id"},
        // Access / Excel: UNION of filtered selects
        {R"(SELECT "user_id" ,"last_name"  FROM "users" WHERE ("department" = 'Vertrieb'   ) UNION (SELECT "user_id" ,"last_name"  FROM "users" WHERE ("department" = 'Entwicklung' ) ))",
         "select user_id, last_name from users where department in ('Vertrieb', 'Entwicklung')"},
        // Power BI: four derived tables deep
        {R"(select "_"."user_id", "_"."working_seconds" from (select "_"."user_id", "_"."working_seconds", "_"."year", "_"."month" from (select "_"."user_id" as "user_id", "_"."working_seconds" as "working_seconds", "_"."year" as "year", "_"."month" as "month" from (select "user_id", "working_seconds", "year", "month" from (select * from "timebutler"."worktime" "$Table") "_") "_") "_") "_" where "_"."year" = 2025 and "_"."month" in (1, 2))",
         "select user_id, working_seconds from worktime where year = 2025 and month in (1, 2)"},
        // Power BI: renamed columns, filter on the new name
        {R"(select "rows"."Mitarbeiter", "rows"."Jahr" from (select "user_id" as "Mitarbeiter", "year" as "Jahr" from "timebutler"."absences") "rows" where "rows"."Jahr" = 2025)",
         "select user_id, year from absences where year = 2025"},
        // Power BI: top 1000001 over a derived table with a null-safe merge
        {R"(select top 1000001 "OTBL"."worktime_id", "ITBL"."name" from (select "worktime_id", "project_id" from "timebutler"."worktime" where "year" = 2024) "OTBL" left outer join (select "project_id", "name" from "timebutler"."projects") "ITBL" on ("OTBL"."project_id" = "ITBL"."project_id" or "OTBL"."project_id" is null and "ITBL"."project_id" is null))",
         "select w.worktime_id, p.name from worktime w left join projects p on w.project_id = p.project_id where w.year = 2024"},
        // Power BI: distinct values for a filter pane
        {R"(select "type" from "timebutler"."absences" group by "type" order by "type" limit 1001)",
         "select distinct type from absences order by type", {}, true},
        // Power BI: folded text equality on a derived table (string literal inlined)
        {R"(select "_"."user_id", "_"."last_name" from (select "user_id", "last_name", "department" from "timebutler"."users" "$Table") "_" where "_"."department" = 'Vertrieb' and "_"."last_name" <> 'O''Brien')",
         "select user_id, last_name from users where department = 'Vertrieb'"},
        // Power BI: folded text filters
        {R"(select "user_id" from "timebutler"."users" where "last_name" like 'B%' or { fn ucase("first_name") } = 'EVA')",
         "rows:3;5"},
        // Power BI: count rows of a derived table
        {R"(select count(1) as "a0" from (select "user_id" from "timebutler"."holidays" where "year" = 2025) "ITBL")",
         "rows:3"},
        // Tableau: TIMESTAMPADD week truncation, grouped
        {R"(SELECT {fn TIMESTAMPADD(SQL_TSI_DAY,CAST((-1 * ({fn DAYOFWEEK("worktime"."date")} - 1)) AS INTEGER),CAST("worktime"."date" AS DATE))} AS "twk_date_ok", SUM("worktime"."working_seconds") AS "sum_ok" FROM "timebutler"."worktime" "worktime" WHERE ("worktime"."year" = 2025) GROUP BY 1)",
         "select date(date, '-' || strftime('%w', date) || ' days'), sum(working_seconds) from worktime where year = 2025 group by 1"},
        // Tableau: month truncation through escapes
        {R"(SELECT {fn TIMESTAMPADD(SQL_TSI_MONTH,CAST(({fn MONTH("absences"."date_from")} - 1) AS INTEGER),{fn TIMESTAMPADD(SQL_TSI_DAY,CAST((-1 * ({fn DAYOFYEAR("absences"."date_from")} - 1)) AS INTEGER),CAST("absences"."date_from" AS DATE))})} AS "tmn_date_from_ok" FROM "timebutler"."absences" "absences" GROUP BY 1)",
         "select distinct date(date_from, 'start of month') from absences"},
        // Tableau: distinct count and ratio
        {R"(SELECT COUNT(DISTINCT "worktime"."user_id") AS "ctd_user_id_ok", (SUM("worktime"."working_seconds") / 3600.0) AS "hours" FROM "timebutler"."worktime" "worktime" WHERE ("worktime"."year" = 2025))",
         "select count(distinct user_id), sum(working_seconds) / 3600.0 from worktime where year = 2025"},
        // Tableau: string functions and IN on a dimension
        {R"(SELECT {fn LCASE("users"."department")} AS "dep", {fn LEFT("users"."last_name", 3)} AS "abbr" FROM "timebutler"."users" "users" WHERE ("users"."branch_office" IN ('Berlin', 'Hamburg')) AND ("users"."department" IS NOT NULL))",
         "select lower(department), substr(last_name, 1, 3) from users where department is not null"},
        // Tableau: top-N by an aggregate with a set
        {R"(SELECT "t0"."user_id" AS "user_id" FROM (SELECT "worktime"."user_id" AS "user_id", SUM("worktime"."working_seconds") AS "$__alias__0" FROM "timebutler"."worktime" "worktime" GROUP BY 1 ORDER BY 2 DESC LIMIT 2) "t0")",
         "rows:1;2"},
        // Tableau: ts filter with a timestamp escape
        {R"(SELECT "absences"."absence_id" FROM "timebutler"."absences" "absences" WHERE ("absences"."date_from" >= {ts '2025-02-10 00:00:00'}) AND ("absences"."date_from" <= {ts '2025-03-17 00:00:00'}))",
         "rows:202;203"},
        // Excel Microsoft Query: old-style join in WHERE
        {"SELECT users.last_name, absences.type FROM absences absences, users users WHERE absences.user_id = users.user_id AND (absences.year=2024) ORDER BY users.last_name, absences.type",
         "select u.last_name, a.type from absences a, users u where a.user_id = u.user_id and a.year = 2024 order by 1, 2", {}, true},
        // Excel: parameters bound as text in a query
        {"SELECT holidays.date, holidays.day_fraction FROM holidays holidays WHERE (holidays.year=?) AND (holidays.user_id=?)",
         "rows:2024-12-24|0.5;2024-12-25|1", {"2024", "1"}},
        // Access: linked table refresh by key
        {R"(SELECT "project_id","name","state","budget_hours" FROM "projects" WHERE "project_id" = ? OR "project_id" = ? OR "project_id" = ?)",
         "rows:10|Website|Active|100;12|Archiv|Inactive|NULL", {"10", "12", "99"}},
        // LibreOffice Base: quoted schema, alias with AS
        {R"(SELECT "s"."name" AS "Service", "s"."billable" FROM "timebutler"."services" AS "s" ORDER BY "Service" ASC)",
         "rows:Beratung|1;Entwicklung|0", {}, true},
        // pyodbc script: holiday entitlement with BETWEEN on a key
        {"SELECT user_id, remaining_vacation FROM holidayentitlement WHERE year BETWEEN 2024 AND 2025 AND remaining_vacation > 0",
         "rows:1|10;1|30;2|26"},
        // joins of every kind
        {"SELECT w.worktime_id, p.name FROM worktime w INNER JOIN projects p ON w.project_id = p.project_id WHERE w.month = 3",
         "rows:1004|Website;2007|Website;2008|ERP Rollout"},
        {"SELECT w.worktime_id, p.name FROM worktime w JOIN projects p ON w.project_id = p.project_id AND p.state = 'Inactive'",
         "rows:1005|Archiv;2005|Archiv"},
        {"SELECT p.name, w.worktime_id FROM projects p LEFT JOIN worktime w ON w.project_id = p.project_id AND w.year = 2024",
         "rows:Archiv|1005;ERP Rollout|1002;Website|1001;Website|1004"},
        {"SELECT w.worktime_id, p.name FROM worktime w RIGHT OUTER JOIN projects p ON w.project_id = p.project_id AND w.month = 3",
         "rows:1004|Website;2007|Website;2008|ERP Rollout;NULL|Archiv"},
        {"SELECT s.name, p.name FROM services s FULL OUTER JOIN projects p ON s.service_id + 9 = p.project_id",
         "rows:Beratung|Website;Entwicklung|ERP Rollout;NULL|Archiv"},
        {"SELECT COUNT(*) FROM services CROSS JOIN projects", "rows:6"},
        {"SELECT COUNT(*) FROM services, projects, holidayentitlement", "rows:24"},
        {"SELECT u.last_name, h.date FROM users u JOIN holidays h USING (user_id) WHERE h.year = 2025",
         "rows:Becker|2025-04-18;Müller|2025-01-01;Schmidt|2025-01-01"},
        {"SELECT w.worktime_id, p.name, s.name FROM worktime w JOIN projects p ON w.project_id = p.project_id "
         "JOIN services s ON w.service_id = s.service_id WHERE w.year = 2025 AND w.month = 1",
         "rows:2001|Website|Beratung;2002|ERP Rollout|Entwicklung"},
        {"SELECT u.user_id, x.name FROM users u LEFT JOIN (worktime w JOIN projects x ON w.project_id = x.project_id) "
         "ON u.user_id = w.user_id AND w.month = 2 AND w.year = 2025",
         "rows:1|Website;2|NULL;3|NULL;4|Archiv;5|ERP Rollout"},
        {"SELECT u.last_name, p.name FROM {oj users u LEFT OUTER JOIN worktime w ON u.user_id = w.user_id LEFT OUTER JOIN "
         "projects p ON w.project_id = p.project_id} WHERE w.worktime_id IS NULL OR w.worktime_id = 2005",
         "rows:Weber|Archiv"},
        {"SELECT a.absence_id, s.last_name FROM absences a LEFT JOIN users s ON a.substitute_user_id = s.user_id WHERE a.year = 2024",
         "rows:101|Schmidt;102|NULL;103|Weber;104|NULL"},
        // derived tables and compound queries
        {"SELECT d.type, d.n FROM (SELECT type, COUNT(*) AS n FROM absences GROUP BY type) d WHERE d.n > 1",
         "rows:Krankheit|2;Urlaub|5"},
        {"SELECT * FROM (SELECT user_id FROM users WHERE user_id < 3) AS low, (SELECT project_id FROM projects WHERE project_id = 12) AS p",
         "rows:1|12;2|12"},
        {"SELECT t.id FROM (SELECT user_id AS id FROM users UNION ALL SELECT user_id FROM absences) t WHERE t.id = 5",
         "rows:5;5"},
        {"SELECT user_id FROM users WHERE department = 'Vertrieb' UNION ALL SELECT user_id FROM absences WHERE year = 2025",
         "rows:1;2;3;4;4;5"},
        {"SELECT user_id FROM absences UNION SELECT user_id FROM worktime ORDER BY user_id DESC", "rows:5;4;3;2;1", {}, true},
        {"(SELECT user_id FROM absences WHERE year = 2024) UNION (SELECT user_id FROM absences WHERE year = 2025) ORDER BY 1 LIMIT 3",
         "rows:1;2;3", {}, true},
        {"(SELECT user_id FROM users ORDER BY user_id LIMIT 1) UNION ALL (SELECT user_id FROM users ORDER BY user_id DESC LIMIT 1)",
         "rows:1;5"},
        {"SELECT TOP 1 user_id FROM users ORDER BY user_id", "rows:1", {}, true},
        {"SELECT user_id FROM worktime EXCEPT SELECT user_id FROM absences WHERE year = 2025", "rows:1"},
        {"SELECT user_id FROM worktime INTERSECT SELECT user_id FROM holidays", "rows:1;2;3"},
        {"SELECT user_id FROM users WHERE user_id IN (SELECT user_id FROM worktime WHERE month = 3 UNION SELECT user_id FROM holidays)",
         "rows:1;2;3"},
        {"SELECT a.n FROM (SELECT COUNT(*) AS n FROM (SELECT DISTINCT type FROM (SELECT * FROM absences) x) y) a", "rows:3"},
        {"SELECT last_name FROM users WHERE user_id = (SELECT user_id FROM worktime ORDER BY working_seconds DESC, worktime_id LIMIT 1)",
         "rows:Becker"},
    };
    return cases;
}

} // namespace tb::sql::test
