// Pushdown: the exact constraints each statement implies for the key columns
// of its base tables, and base-table bookkeeping.
#include "sql/ast.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>

namespace tb::sql::test {
namespace {

// The key columns of SCHEMA.md, plus date columns that select years/months.
bool wanted(const TableRef& table, std::string_view column) {
    static const std::map<std::string, std::set<std::string>> keys = {
        {"worktime", {"year", "month", "date", "user_id"}},
        {"absences", {"year", "date_from", "date_to"}},
        {"holidays", {"year", "user_id"}},
        {"holidayentitlement", {"year"}},
        {"timeclock", {"user_id"}},
    };
    auto it = keys.find(table.name);
    return it != keys.end() && it->second.count(std::string(column));
}

std::string value(const Value& v) {
    if (v.parameter) return "?" + std::to_string(v.parameter);
    if (auto i = std::get_if<std::int64_t>(&v.literal)) return std::to_string(*i);
    if (auto d = std::get_if<double>(&v.literal)) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%g", *d);
        return buffer;
    }
    if (auto s = std::get_if<std::string>(&v.literal)) return "'" + *s + "'";
    return "NULL";
}

// "no_rows;empty:1;1.month={1,2};1.year=[2024,*)"
std::string describe(const Pushdown& p) {
    std::vector<std::string> parts;
    if (p.no_rows) parts.push_back("no_rows");
    for (int id : p.empty_tables) parts.push_back("empty:" + std::to_string(id));
    for (const auto& [id, columns] : p.constraints) {
        for (const auto& [column, c] : columns) {
            std::string text = std::to_string(id) + "." + column + "=";
            if (c.none) {
                text += "none";
            } else {
                if (c.values) {
                    text += "{";
                    for (std::size_t i = 0; i < c.values->size(); ++i) text += (i ? "," : "") + value((*c.values)[i]);
                    text += "}";
                }
                if (c.lower || c.upper) {
                    text += c.lower ? (c.lower_inclusive ? "[" : "(") + value(*c.lower) : "(*";
                    text += ",";
                    text += c.upper ? value(*c.upper) + (c.upper_inclusive ? "]" : ")") : "*)";
                }
            }
            parts.push_back(text);
        }
    }
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ";" : "") + parts[i];
    return out;
}

struct PushdownCase {
    std::string sql;
    std::string expected;
};
std::ostream& operator<<(std::ostream& os, const PushdownCase& c) { return os << c.sql; }

const std::vector<PushdownCase> pushdown_cases = {
    {R"(select "_"."user_id" from (select "user_id", "date", "working_seconds", "year", "month" from "timebutler"."worktime" "$Table") "_" where "_"."year" = 2025 and "_"."month" = 3)",
     "1.month={3};1.year={2025}"},
    {R"(select "_"."user_id" from (select "_"."user_id", "_"."year", "_"."month" from (select "_"."user_id" as "user_id", "_"."year" as "year", "_"."month" as "month" from (select "user_id", "year", "month" from (select * from "timebutler"."worktime" "$Table") "_") "_") "_") "_" where "_"."year" = 2025 and "_"."month" in (1, 2))",
     "1.month={1,2};1.year={2025}"},
    {R"(SELECT * FROM "timebutler"."worktime" WHERE 1=0)", "no_rows;empty:1"},
    {R"(SELECT * FROM "timebutler"."worktime" LIMIT 0)", "no_rows;empty:1"},
    {"SELECT TOP 0 * FROM worktime", "no_rows;empty:1"},
    {"SELECT * FROM worktime WHERE FALSE", "no_rows;empty:1"},
    {"SELECT * FROM worktime WHERE year = 2025 AND 0 = 1", "no_rows;empty:1"},
    {"SELECT COUNT(*) FROM worktime w JOIN absences a ON a.user_id = w.user_id WHERE NOT TRUE", "no_rows;empty:1;empty:2"},
    {"SELECT * FROM worktime LIMIT 0, 200", ""},
    {"SELECT * FROM worktime WHERE year = 2024 OR year = 2025", "1.year={2024,2025}"},
    {"SELECT * FROM worktime WHERE year = 2024 OR month = 1", ""},
    {"SELECT * FROM worktime WHERE year IN (2024, 2025) AND year = 2025", "1.year={2025}"},
    {"SELECT * FROM worktime WHERE year = 2024 AND year = 2025", "1.year=none"},
    {"SELECT * FROM worktime WHERE year BETWEEN 2024 AND 2025", "1.year=[2024,2025]"},
    {"SELECT * FROM worktime WHERE year > 2023 AND year <= 2025", "1.year=(2023,2025]"},
    {"SELECT * FROM worktime WHERE year > 2025 AND year < 2024", "1.year=none"},
    {"SELECT * FROM worktime WHERE year IN (2023, 2024, 2025) AND year >= 2024", "1.year={2024,2025}"},
    {"SELECT * FROM worktime WHERE 2025 = year AND 2 < month", "1.month=(2,*);1.year={2025}"},
    {"SELECT * FROM worktime WHERE year = 2020 OR year >= 2024", "1.year=[2020,*)"},
    {"SELECT * FROM worktime WHERE year = 2025 AND (month = 1 OR month = 2 OR month = 3)", "1.month={1,2,3};1.year={2025}"},
    {"SELECT * FROM worktime WHERE (year = 2024 AND month = 12) OR (year = 2025 AND month = 1)",
     "1.month={12,1};1.year={2024,2025}"},
    {"SELECT * FROM worktime WHERE year = 2025 AND 1 = 1", "1.year={2025}"},
    {"SELECT * FROM worktime WHERE year = 2025 OR 1 = 0", "1.year={2025}"},
    {"SELECT * FROM worktime WHERE NOT (year = 2024)", ""},
    {"SELECT * FROM worktime WHERE year <> 2024 AND year NOT IN (2023) AND NOT year BETWEEN 1 AND 2", ""},
    {"SELECT * FROM worktime WHERE year IN (2024, NULL)", "1.year={2024}"},
    {"SELECT * FROM worktime WHERE year = '2025'", "1.year={'2025'}"},
    {"SELECT * FROM worktime WHERE user_id = -1", "1.user_id={-1}"},
    {"SELECT * FROM worktime WHERE year = 2025 AND year = 2025.0", "1.year={2025}"},
    {"SELECT * FROM worktime WHERE year = ? AND month IN (?, ?)", "1.month={?2,?3};1.year={?1}"},
    {"SELECT * FROM worktime WHERE year = ? AND year IN (2024, 2025)", "1.year={?1}"},
    {"SELECT * FROM worktime WHERE date BETWEEN {d '2025-01-01'} AND {d '2025-02-15'}",
     "1.date=['2025-01-01','2025-02-15']"},
    {R"(SELECT "absences"."type" FROM "timebutler"."absences" "absences" WHERE (("absences"."date_from" >= {d '2024-01-01'}) AND ("absences"."date_from" < {d '2025-01-01'})))",
     "1.date_from=['2024-01-01','2025-01-01')"},
    {"SELECT * FROM absences WHERE date_from >= {ts '2024-01-01 00:00:00'}", "1.date_from=['2024-01-01 00:00:00',*)"},
    {"SELECT * FROM absences WHERE user_id = 1 AND type = 'Urlaub'", ""},
    // outer joins
    {"SELECT * FROM users u LEFT JOIN worktime w ON u.user_id = w.user_id WHERE w.year = 2025", ""},
    {"SELECT * FROM users u LEFT JOIN worktime w ON u.user_id = w.user_id AND w.year = 2025", "2.year={2025}"},
    {"SELECT * FROM worktime w LEFT JOIN absences a ON w.user_id = a.user_id AND w.year = 2025", ""},
    {"SELECT * FROM worktime w RIGHT JOIN absences a ON w.user_id = a.user_id AND w.year = 2025 AND a.year = 2024",
     "1.year={2025}"},
    {"SELECT * FROM worktime w FULL JOIN absences a ON w.user_id = a.user_id AND w.year = 2025 AND a.year = 2024", ""},
    {"SELECT * FROM worktime w JOIN absences a ON a.user_id = w.user_id AND a.year = 2024 WHERE w.year = 2025",
     "1.year={2025};2.year={2024}"},
    {"SELECT worktime.date, projects.name FROM {oj worktime worktime LEFT OUTER JOIN projects projects ON worktime.project_id = projects.project_id} WHERE (worktime.year=2025) AND (worktime.month=1)",
     "1.month={1};1.year={2025}"},
    {"SELECT * FROM worktime w, absences a WHERE w.year = 2025 OR a.year = 2025", ""},
    {"SELECT * FROM worktime w, absences a WHERE w.year = 2025 AND a.year = 2024 AND w.user_id = a.user_id",
     "1.year={2025};2.year={2024}"},
    {"SELECT * FROM worktime w JOIN users u ON w.user_id = u.user_id WHERE year = 2025", "1.year={2025}"},
    {"SELECT * FROM worktime w JOIN absences a ON w.user_id = a.user_id WHERE year = 2025", ""},
    {"SELECT * FROM users u LEFT JOIN (SELECT * FROM worktime) w ON u.user_id = w.user_id WHERE w.year = 2025", ""},
    {"SELECT * FROM users u LEFT JOIN (SELECT * FROM worktime WHERE 1 = 0) w ON u.user_id = w.user_id", "empty:2"},
    {"SELECT * FROM users u LEFT JOIN worktime w ON u.user_id = w.user_id AND 1 = 0", "empty:2"},
    // equalities between columns carry values across joins
    {"SELECT * FROM worktime w JOIN absences a ON a.year = w.year WHERE w.year = 2025", "1.year={2025};2.year={2025}"},
    {"SELECT * FROM worktime w, absences a WHERE a.year = w.year AND a.year IN (2024, 2025)",
     "1.year={2024,2025};2.year={2024,2025}"},
    {"SELECT * FROM worktime w JOIN absences a ON a.year = w.year JOIN holidays h ON h.year = a.year WHERE w.year = 2025",
     "1.year={2025};2.year={2025};3.year={2025}"},
    {"SELECT * FROM worktime w JOIN absences a ON a.year = w.year AND a.year = 2024 WHERE w.year >= 2024",
     "1.year={2024};2.year={2024}"},
    {"SELECT * FROM absences a LEFT JOIN worktime w ON w.year = a.year WHERE a.year = 2024",
     "1.year={2024};2.year={2024}"},
    {"SELECT * FROM absences a LEFT JOIN worktime w ON w.year = a.year AND w.year = 2024", "2.year={2024}"},
    {"SELECT * FROM worktime w RIGHT JOIN absences a ON w.year = a.year WHERE a.year = 2023", "1.year={2023};2.year={2023}"},
    {"SELECT * FROM absences a FULL JOIN worktime w ON w.year = a.year WHERE a.year = 2024", ""},
    {"SELECT * FROM absences a LEFT JOIN worktime w ON w.user_id = a.user_id WHERE a.year = w.year AND a.year = 2024",
     "1.year={2024}"},
    {"SELECT * FROM worktime w, absences a WHERE a.year = w.year OR w.year = 2025", ""},
    {"SELECT * FROM (SELECT year AS y FROM worktime) d JOIN absences a ON a.year = d.y WHERE d.y = 2025",
     "1.year={2025};2.year={2025}"},
    {"SELECT * FROM (SELECT year FROM worktime UNION ALL SELECT year FROM holidays) d JOIN absences a ON a.year = d.year "
     "WHERE a.year = 2025",
     "1.year={2025};2.year={2025};3.year={2025}"},
    {"SELECT * FROM users u JOIN timeclock t ON t.user_id = u.user_id WHERE u.user_id IN (1, 2)", "2.user_id={1,2}"},
    {"SELECT * FROM worktime w JOIN absences a ON a.date_from = w.date WHERE w.date = {d '2025-03-03'}",
     "1.date={'2025-03-03'};2.date_from={'2025-03-03'}"},
    // Power BI's null-safe relationship join
    {R"(select count(*) from "timebutler"."worktime" as "OTBL" inner join "timebutler"."holidays" as "ITBL" on (("OTBL"."year" = "ITBL"."year" and "OTBL"."year" is not null) and "ITBL"."year" is not null or "OTBL"."year" is null and "ITBL"."year" is null) where "OTBL"."year" = 2024)",
     "1.year={2024};2.year={2024}"},
    {"SELECT * FROM worktime w JOIN holidays h ON (w.year = h.year OR w.year IS NULL) WHERE w.year = 2024",
     "1.year={2024};2.year={2024}"},
    {"SELECT * FROM worktime w JOIN holidays h ON (w.year = h.year OR h.year IS NULL) WHERE w.year = 2024",
     "1.year={2024}"},
    {"SELECT * FROM worktime w JOIN holidays h ON (w.year = h.year OR w.month = 1) WHERE w.year = 2024",
     "1.year={2024}"},
    {"SELECT * FROM users u LEFT JOIN worktime w ON u.user_id = w.user_id JOIN holidays h ON (w.year = h.year OR "
     "w.year IS NULL AND h.year IS NULL) WHERE w.year = 2024",
     ""},
    // derived tables
    {"SELECT * FROM (SELECT * FROM worktime LIMIT 10) d WHERE d.year = 2025", ""},
    {"SELECT * FROM (SELECT TOP 10 * FROM worktime) d WHERE d.year = 2025", ""},
    {"SELECT * FROM (SELECT year, SUM(working_seconds) AS s FROM worktime GROUP BY year) d WHERE d.year = 2025",
     "1.year={2025}"},
    {"SELECT * FROM (SELECT year AS y, SUM(working_seconds) AS s FROM worktime GROUP BY 1) d WHERE d.y = 2025",
     "1.year={2025}"},
    {"SELECT * FROM (SELECT year, month, COUNT(*) AS n FROM worktime GROUP BY year) d WHERE d.month = 2", ""},
    {"SELECT * FROM (SELECT MAX(year) AS year FROM worktime) d WHERE d.year = 2025", ""},
    {"SELECT * FROM (SELECT year, user_id FROM worktime UNION ALL SELECT year, user_id FROM absences) d WHERE d.year = 2025",
     "1.year={2025};2.year={2025}"},
    {"SELECT * FROM (SELECT year AS y FROM worktime UNION SELECT 2020) d WHERE d.y IN (2024, 2025)", "1.year={2024,2025}"},
    {"SELECT * FROM (SELECT year AS y FROM worktime) d WHERE d.y = 2025", "1.year={2025}"},
    {"SELECT * FROM (SELECT year + 0 AS year FROM worktime) d WHERE d.year = 2025", ""},
    {"SELECT * FROM (SELECT w.* FROM worktime w JOIN users u ON w.user_id = u.user_id) d WHERE d.month = 2",
     "1.month={2}"},
    {"SELECT * FROM (SELECT * FROM worktime WHERE year = 2025) d WHERE d.month IN (1, 2) AND d.year IN (2024, 2025)",
     "1.month={1,2};1.year={2025}"},
    {"SELECT * FROM (SELECT * FROM worktime) d WHERE month = 3", "1.month={3}"},
    {"SELECT * FROM (SELECT * FROM (SELECT * FROM worktime) a) b WHERE b.year = 2024 OR b.year = 2025",
     "1.year={2024,2025}"},
    {"SELECT * FROM (SELECT TOP 0 * FROM worktime) d", "empty:1"},
    // subqueries and other statements
    {"SELECT * FROM users WHERE user_id IN (SELECT user_id FROM absences WHERE year = 2024)", "2.year={2024}"},
    {"SELECT * FROM users u WHERE EXISTS (SELECT 1 FROM holidays h WHERE h.user_id = u.user_id AND h.year = 2025)",
     "2.year={2025}"},
    {"SELECT (SELECT COUNT(*) FROM holidays WHERE year = 2024 AND user_id = 1) FROM users", "1.user_id={1};1.year={2024}"},
    {"SELECT user_id FROM worktime WHERE year = 2024 UNION SELECT user_id FROM absences WHERE year = 2025",
     "1.year={2024};2.year={2025}"},
    {"SELECT user_id FROM worktime WHERE 1 = 0 UNION ALL SELECT user_id FROM absences WHERE 1 = 0",
     "no_rows;empty:1;empty:2"},
    {"SELECT user_id FROM worktime WHERE 1 = 0 UNION ALL SELECT user_id FROM absences", "empty:1"},
    {"EXPLAIN SELECT * FROM worktime WHERE year = 2025", "1.year={2025}"},
    {"INSERT INTO projects (name) SELECT comments FROM worktime WHERE year = 2024", "1.year={2024}"},
    {"DELETE FROM projects WHERE project_id IN (SELECT project_id FROM worktime WHERE year = 2023)", "1.year={2023}"},
    {"SELECT * FROM timeclock WHERE user_id IN (1, 2) OR user_id = 3", "1.user_id={1,2,3}"},
};

class Pushdowns : public ::testing::TestWithParam<PushdownCase> {};

TEST_P(Pushdowns, ImplyExactlyTheseConstraints) {
    auto statement = parse(GetParam().sql);
    EXPECT_EQ(describe(analyse_pushdown(*statement, wanted)), GetParam().expected) << GetParam().sql;
}

INSTANTIATE_TEST_SUITE_P(Sql, Pushdowns, ::testing::ValuesIn(pushdown_cases));

TEST(BaseTables, AreNumberedInTextOrderEverywhere) {
    auto st = parse("SELECT (SELECT MAX(h.year) FROM holidays h), x.* FROM timebutler.worktime AS x "
                    "LEFT JOIN (SELECT * FROM projects) p ON x.project_id = p.project_id "
                    "WHERE EXISTS (SELECT 1 FROM users WHERE user_id = x.user_id) "
                    "UNION ALL (SELECT NULL, a.* FROM absences a RIGHT JOIN services s ON 1 = 1)");
    auto tables = base_tables(*st);
    ASSERT_EQ(tables.size(), 6u);
    std::vector<std::string> names;
    for (const auto& t : tables) names.push_back(t.name);
    EXPECT_EQ(names, (std::vector<std::string>{"holidays", "worktime", "projects", "users", "absences", "services"}));
    for (std::size_t i = 0; i < tables.size(); ++i) EXPECT_EQ(tables[i].id, static_cast<int>(i + 1));
    EXPECT_EQ(tables[1].schema, "timebutler");
    EXPECT_EQ(tables[1].alias, "x");
    EXPECT_EQ(tables[0].alias, "h");
    EXPECT_FALSE(tables[1].null_extended);
    EXPECT_TRUE(tables[2].null_extended);  // inside a derived table on the optional side
    EXPECT_FALSE(tables[3].null_extended); // a subquery is a scope of its own
    EXPECT_TRUE(tables[4].null_extended);
    EXPECT_FALSE(tables[5].null_extended);
}

TEST(BaseTables, PrintWithTheEngineSourceAndAlias) {
    auto st = parse("SELECT absences.type, timebutler.absences.year, a2.year FROM timebutler.absences, absences a2");
    PrintOptions options;
    options.table_source = [](const TableRef& t) {
        return "(SELECT * FROM \"c_" + t.name + "\" WHERE _part IN (" + std::to_string(t.id) + "))";
    };
    EXPECT_EQ(to_sqlite(*st, options),
              "SELECT \"absences\".\"type\", \"absences\".\"year\", \"a2\".\"year\" FROM (SELECT * FROM \"c_absences\" "
              "WHERE _part IN (1)) AS \"absences\", (SELECT * FROM \"c_absences\" WHERE _part IN (2)) AS \"a2\"");
}

// SQLite names an unaliased column after the printed text; the client must
// see the text it wrote instead.
TEST(Statements, UnaliasedColumnsKeepTheWrittenName) {
    EXPECT_EQ(to_sqlite(*parse("SELECT COUNT(*), t.a, b AS x, {fn UCASE(c)}  FROM t"), {}),
              "SELECT count(*) AS \"COUNT(*)\", \"t\".\"a\", \"b\" AS \"x\", upper(\"c\") AS \"{fn UCASE(c)}\" "
              "FROM \"t\" AS \"t\"");
}

TEST(Statements, KindsParametersAndExplain) {
    auto select = parse("select * from t where a = ? and b in (?, ?) limit ?");
    EXPECT_EQ(kind(*select), StatementKind::Select);
    EXPECT_EQ(parameter_count(*select), 4);
    EXPECT_EQ(explained(*select), nullptr);
    EXPECT_EQ(to_sqlite(*select, {}),
              "SELECT * FROM \"t\" AS \"t\" WHERE ((\"a\" = ?1) AND (\"b\" IN (?2, ?3))) LIMIT CAST(?4 AS INTEGER)");
    auto explain = parse("EXPLAIN SELECT * FROM t WHERE a = ?");
    EXPECT_EQ(kind(*explain), StatementKind::Explain);
    ASSERT_NE(explained(*explain), nullptr);
    EXPECT_EQ(kind(*explained(*explain)), StatementKind::Select);
    EXPECT_EQ(parameter_count(*explain), 1);
    EXPECT_EQ(base_tables(*explain).size(), 1u);
    // Numbered in text order, even where the printer moves them (LIMIT m, n).
    auto moved = parse("SELECT {fn TIMESTAMPADD(SQL_TSI_DAY, ?, ?)} FROM t LIMIT ?, ?");
    EXPECT_EQ(to_sqlite(*moved, {}).find("LIMIT CAST(?4 AS INTEGER) OFFSET CAST(?3 AS INTEGER)") != std::string::npos,
              true);
    EXPECT_EQ(kind(*parse("insert into t values (1)")), StatementKind::Insert);
    EXPECT_EQ(kind(*parse("update t set a = 1")), StatementKind::Update);
    EXPECT_EQ(kind(*parse("delete from t")), StatementKind::Delete);
}

} // namespace
} // namespace tb::sql::test
