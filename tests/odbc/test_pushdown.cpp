// Pushdown seen from the simulator's request log: which API requests the
// statements BI tools send really make.
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <set>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

int current(int field) {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return field == 0 ? tm.tm_year + 1900 : tm.tm_mon + 1;
}
const int Y = current(0);   // the driver's defaults follow the local clock
const int M = current(1);

class Pushdown : public ::testing::Test {
protected:
    static void SetUpTestSuite() { sim = new SimProcess({"--users", "8", "--years", "2024-2025"}); }
    static void TearDownTestSuite() { delete sim; }
    void SetUp() override {
        // Cache=off: every statement shows its own requests.
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim->connection_string("Cache=off"))));
        sim->clear_log();
    }
    std::set<std::string> months(const std::vector<LoggedRequest>& requests) {
        std::set<std::string> out;
        for (const auto& r : requests)
            for (int m = 1; m <= 12; ++m)
                if (r.has("month", std::to_string(m))) out.insert(std::to_string(m));
        return out;
    }
    static SimProcess* sim;
    OdbcConnection connection;
};
SimProcess* Pushdown::sim = nullptr;

TEST_F(Pushdown, PowerBiFourDerivedTablesDeepMakesTwoWorktimeRequests) {
    auto rows = connection.query(
        "select \"_\".\"user_id\", \"_\".\"date\", \"_\".\"working_seconds\" from ("
        " select \"user_id\", \"date\", \"working_seconds\", \"year\", \"month\" from ("
        "  select \"user_id\", \"date\", \"working_seconds\", \"year\", \"month\" from ("
        "   select \"user_id\", \"date\", \"working_seconds\", \"year\", \"month\" from \"timebutler\".\"worktime\" \"$Table\""
        "  ) \"rows\") \"ITBL\") \"_\" where \"_\".\"year\" = 2025 and \"_\".\"month\" in (1, 2) limit 1001");
    EXPECT_GT(rows.size(), 0u);
    auto requests = sim->requests("worktime");
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(months(requests), (std::set<std::string>{"1", "2"}));
    for (const auto& r : requests) EXPECT_TRUE(r.has("year", "2025")) << r.line;
}

TEST_F(Pushdown, MetadataProbesMakeNoRequest) {
    std::vector<std::string> names;
    EXPECT_EQ(connection.query("SELECT * FROM \"timebutler\".\"worktime\" WHERE 1=0", &names).size(), 0u);
    EXPECT_GT(names.size(), 10u);
    EXPECT_EQ(connection.query("SELECT * FROM \"timebutler\".\"worktime\" LIMIT 0").size(), 0u);
    EXPECT_EQ(connection.query("SELECT TOP 0 * FROM absences").size(), 0u);
    EXPECT_TRUE(sim->requests().empty());
}

TEST_F(Pushdown, DateRangeOnAbsencesSelectsItsYear) {
    connection.query("SELECT \"absences\".\"type\" AS \"type\", SUM(\"absences\".\"workdays\") AS \"days\" "
                     "FROM \"timebutler\".\"absences\" \"absences\" WHERE ((\"absences\".\"date_from\" >= {d '2024-01-01'}) "
                     "AND (\"absences\".\"date_from\" < {d '2025-01-01'})) GROUP BY \"absences\".\"type\"");
    auto requests = sim->requests("absences");
    ASSERT_GE(requests.size(), 1u);
    EXPECT_TRUE(requests[0].has("year", "2024")) << requests[0].line;
    for (const auto& r : requests) EXPECT_FALSE(r.has("year", "2026")) << r.line;
}

TEST_F(Pushdown, InListAndParametersBecomeOneRequestEach) {
    connection.query("SELECT COUNT(*) FROM worktime WHERE year = 2024 AND month IN (3, 4, 5)");
    EXPECT_EQ(months(sim->requests("worktime")), (std::set<std::string>{"3", "4", "5"}));
}

TEST_F(Pushdown, OrAcrossColumnsDoesNotRestrict) {
    // year = 2024 OR user_id = 1 cannot pick a year: the default (current year) is asked.
    connection.query("SELECT COUNT(*) FROM absences WHERE year = 2024 OR user_id = 1");
    auto requests = sim->requests("absences");
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_FALSE(requests[0].has("year", "2024")) << requests[0].line;
}

TEST_F(Pushdown, DefaultYearsWidensTheYearDefaultOnly) {
    OdbcConnection wide;
    ASSERT_TRUE(SQL_SUCCEEDED(wide.connect(sim->connection_string("Cache=off;DefaultYears=3"))));
    sim->clear_log();
    wide.query("SELECT COUNT(*) FROM absences");
    const int year = Y;
    std::set<std::string> years;
    for (const auto& r : sim->requests("absences"))
        for (int y = year - 5; y <= year + 1; ++y)
            if (r.has("year", std::to_string(y))) years.insert(std::to_string(y));
    EXPECT_EQ(years, (std::set<std::string>{std::to_string(year - 2), std::to_string(year - 1), std::to_string(year)}));
    sim->clear_log();
    wide.query("SELECT COUNT(*) FROM absences WHERE year = 2024");
    ASSERT_EQ(sim->requests("absences").size(), 1u);
    // Out of range: a clear error at connect naming the key and its range.
    OdbcConnection bad;
    EXPECT_FALSE(SQL_SUCCEEDED(bad.connect(sim->connection_string("DefaultYears=0"))));
    auto diags = diagnostics(SQL_HANDLE_DBC, bad.dbc());
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].sqlstate, "HY024");
    EXPECT_NE(diags[0].message.find("DefaultYears"), std::string::npos) << diags[0].message;
}

TEST_F(Pushdown, RecursiveWithIsA42000AndTheConnectionStaysUsable) {
    auto diags = connection.query_error("WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r");
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].sqlstate, "42000");
    EXPECT_NE(diags[0].message.find("WITH RECURSIVE is not supported"), std::string::npos) << diags[0].message;
    EXPECT_TRUE(sim->requests().empty());
    EXPECT_EQ(connection.query("WITH v AS (SELECT 7 AS n) SELECT n FROM v").at(0).at(0), "7");
}

TEST_F(Pushdown, JoinOfTwoTablesRequestsEachOnce) {
    auto rows = connection.query(
        "select count(*) as \"CNT\", \"ITBL\".\"department\" from \"timebutler\".\"absences\" as \"OTBL\" "
        "inner join \"timebutler\".\"users\" as \"ITBL\" on ((\"OTBL\".\"user_id\" = \"ITBL\".\"user_id\" and "
        "\"OTBL\".\"user_id\" is not null) and \"ITBL\".\"user_id\" is not null or \"OTBL\".\"user_id\" is null and "
        "\"ITBL\".\"user_id\" is null) where \"OTBL\".\"year\" = 2024 group by \"ITBL\".\"department\"");
    EXPECT_GT(rows.size(), 0u);
    EXPECT_EQ(sim->requests("absences").size(), 1u);
    EXPECT_TRUE(sim->requests("absences")[0].has("year", "2024"));
    EXPECT_EQ(sim->requests("users").size(), 1u);
}

// ---- Every pushdown case of the unit corpus, end to end ---------------------
// Each statement runs through the driver manager with Cache=off; the
// simulator's request log must hold exactly the expected requests (action and
// parameters, sorted). "k=a..b" in an expectation stands for one request per
// value; several ranges multiply.

std::string year(int offset = 0) { return std::to_string(Y + offset); }

// The defaults of SCHEMA.md.
std::string worktime_default() { return "worktime month=1.." + std::to_string(M) + " year=" + year(); }
std::string worktime_year(int y) {
    return "worktime month=1.." + std::to_string(y == Y ? M : 12) + " year=" + std::to_string(y);
}
std::string absences_default() { return "absences year=" + year(); }

// "worktime month=1..3 year=2025" -> three requests, parameters sorted.
void expand(const std::string& spec, std::vector<std::string>& out) {
    std::vector<std::string> tokens;
    for (std::size_t p = 0; p < spec.size();) {
        auto e = spec.find(' ', p);
        if (e == std::string::npos) e = spec.size();
        if (e > p) tokens.push_back(spec.substr(p, e - p));
        p = e + 1;
    }
    std::vector<std::vector<std::string>> partial{{tokens[0]}};
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        const auto eq = tokens[i].find('='), dots = tokens[i].find("..");
        std::vector<std::string> values;
        if (dots == std::string::npos) {
            values.push_back(tokens[i]);
        } else {
            const std::string key = tokens[i].substr(0, eq + 1);
            for (int v = std::stoi(tokens[i].substr(eq + 1)); v <= std::stoi(tokens[i].substr(dots + 2)); ++v)
                values.push_back(key + std::to_string(v));
        }
        std::vector<std::vector<std::string>> next;
        for (const auto& base : partial)
            for (const auto& v : values) {
                next.push_back(base);
                next.back().push_back(v);
            }
        partial = std::move(next);
    }
    for (auto& request : partial) {
        std::sort(request.begin() + 1, request.end());
        std::string text;
        for (const auto& t : request) text += (text.empty() ? "" : " ") + t;
        out.push_back(text);
    }
}

// The same form from a log line: {"action":"worktime","params":{"month":"3","year":"2025"},...}
std::string logged(const LoggedRequest& r) {
    std::vector<std::string> params;
    auto begin = r.line.find("\"params\":{");
    auto end = r.line.find('}', begin);
    std::string body = r.line.substr(begin + 10, end - begin - 10);
    for (std::size_t p = 0; p < body.size();) {
        auto k1 = body.find('"', p), k2 = body.find('"', k1 + 1);
        auto v1 = body.find('"', k2 + 1), v2 = body.find('"', v1 + 1);
        if (k1 == std::string::npos || v2 == std::string::npos) break;
        params.push_back(body.substr(k1 + 1, k2 - k1 - 1) + "=" + body.substr(v1 + 1, v2 - v1 - 1));
        p = v2 + 1;
    }
    std::sort(params.begin(), params.end());
    std::string text = r.action;
    for (const auto& p : params) text += " " + p;
    return text;
}

struct LogCase {
    std::string sql;
    std::vector<std::string> requests;   // specs for expand(); empty: no request at all
    std::vector<std::string> parameters = {}; // ? values, bound as SQL_VARCHAR text
};
std::ostream& operator<<(std::ostream& os, const LogCase& c) { return os << c.sql; }

const std::string kTwoYears = "worktime month=1..12 year=2024..2025";
const std::string k2025 = "worktime month=1..12 year=2025";

std::vector<LogCase> log_cases() {
    const std::string w_default = worktime_default(), a_default = absences_default();
    return {
        {R"(select "_"."user_id" from (select "user_id", "date", "working_seconds", "year", "month" from "timebutler"."worktime" "$Table") "_" where "_"."year" = 2025 and "_"."month" = 3)",
         {"worktime month=3 year=2025"}},
        {R"(select "_"."user_id" from (select "_"."user_id", "_"."year", "_"."month" from (select "_"."user_id" as "user_id", "_"."year" as "year", "_"."month" as "month" from (select "user_id", "year", "month" from (select * from "timebutler"."worktime" "$Table") "_") "_") "_") "_" where "_"."year" = 2025 and "_"."month" in (1, 2))",
         {"worktime month=1..2 year=2025"}},
        {R"(SELECT * FROM "timebutler"."worktime" WHERE 1=0)", {}},
        {R"(SELECT * FROM "timebutler"."worktime" LIMIT 0)", {}},
        {"SELECT TOP 0 * FROM worktime", {}},
        {"SELECT * FROM worktime WHERE FALSE", {}},
        {"SELECT * FROM worktime WHERE year = 2025 AND 0 = 1", {}},
        {"SELECT COUNT(*) FROM worktime w JOIN absences a ON a.user_id = w.user_id WHERE NOT TRUE", {}},
        {"SELECT * FROM worktime LIMIT 0, 200", {w_default}},
        {"SELECT COUNT(*) FROM worktime WHERE year = 2024 OR year = 2025", {kTwoYears}},
        {"SELECT COUNT(*) FROM worktime WHERE year = 2024 OR month = 1", {w_default}},
        {"SELECT COUNT(*) FROM worktime WHERE year IN (2024, 2025) AND year = 2025", {k2025}},
        {"SELECT COUNT(*) FROM worktime WHERE year = 2024 AND year = 2025", {}},
        {"SELECT COUNT(*) FROM worktime WHERE year BETWEEN 2024 AND 2025", {kTwoYears}},
        {"SELECT COUNT(*) FROM worktime WHERE year > 2023 AND year <= 2025", {kTwoYears}},
        {"SELECT COUNT(*) FROM worktime WHERE year > 2025 AND year < 2024", {}},
        {"SELECT COUNT(*) FROM worktime WHERE year IN (2023, 2024, 2025) AND year >= 2024", {kTwoYears}},
        {"SELECT COUNT(*) FROM worktime WHERE 2025 = year AND 2 < month", {"worktime month=3..12 year=2025"}},
        {"SELECT COUNT(*) FROM worktime WHERE year = 2020 OR year >= 2024",
         {"worktime month=1..12 year=2020.." + year(-1), worktime_year(Y), "worktime month=1..12 year=" + year(1)}},
        {"SELECT COUNT(*) FROM worktime WHERE year = 2025 AND (month = 1 OR month = 2 OR month = 3)",
         {"worktime month=1..3 year=2025"}},
        {"SELECT COUNT(*) FROM worktime WHERE (year = 2024 AND month = 12) OR (year = 2025 AND month = 1)",
         {"worktime month=1 year=2024..2025", "worktime month=12 year=2024..2025"}},
        {"SELECT COUNT(*) FROM worktime WHERE year = 2025 AND 1 = 1", {k2025}},
        {"SELECT COUNT(*) FROM worktime WHERE year = 2025 OR 1 = 0", {k2025}},
        {"SELECT COUNT(*) FROM worktime WHERE NOT (year = 2024)", {w_default}},
        {"SELECT COUNT(*) FROM worktime WHERE year <> 2024 AND year NOT IN (2023) AND NOT year BETWEEN 1 AND 2",
         {w_default}},
        {"SELECT COUNT(*) FROM worktime WHERE year IN (2024, NULL)", {"worktime month=1..12 year=2024"}},
        {"SELECT COUNT(*) FROM worktime WHERE year = '2025'", {k2025}},
        {"SELECT COUNT(*) FROM worktime WHERE user_id = -1", {w_default}},
        {"SELECT COUNT(*) FROM worktime WHERE year = 2025 AND year = 2025.0", {k2025}},
        {"SELECT COUNT(*) FROM worktime WHERE year = ? AND month IN (?, ?)", {"worktime month=4..5 year=2024"},
         {"2024", "4", "5"}},
        {"SELECT COUNT(*) FROM worktime WHERE year = ? AND year IN (2024, 2025)", {"worktime month=1..12 year=2024"},
         {"2024"}},
        {"SELECT COUNT(*) FROM worktime WHERE date BETWEEN {d '2025-01-01'} AND {d '2025-02-15'}",
         {"worktime month=1..2 year=2025"}},
        {R"(SELECT "absences"."type" FROM "timebutler"."absences" "absences" WHERE (("absences"."date_from" >= {d '2024-01-01'}) AND ("absences"."date_from" < {d '2025-01-01'})))",
         {"absences year=2024"}},
        {"SELECT * FROM absences WHERE date_from >= {ts '2024-01-01 00:00:00'}", {"absences year=2024.." + year(1)}},
        {"SELECT * FROM absences WHERE user_id = 1 AND type = 'Urlaub'", {a_default}},
        // outer joins
        {"SELECT COUNT(*) FROM users u LEFT JOIN worktime w ON u.user_id = w.user_id WHERE w.year = 2025",
         {"users", w_default}},
        {"SELECT COUNT(*) FROM users u LEFT JOIN worktime w ON u.user_id = w.user_id AND w.year = 2025", {"users", k2025}},
        {"SELECT COUNT(*) FROM worktime w LEFT JOIN absences a ON w.user_id = a.user_id AND w.year = 2025",
         {w_default, a_default}},
        {"SELECT COUNT(*) FROM worktime w RIGHT JOIN absences a ON w.user_id = a.user_id AND w.year = 2025 AND a.year = 2024",
         {k2025, a_default}},
        {"SELECT COUNT(*) FROM worktime w FULL JOIN absences a ON w.user_id = a.user_id AND w.year = 2025 AND a.year = 2024",
         {w_default, a_default}},
        {"SELECT COUNT(*) FROM worktime w JOIN absences a ON a.user_id = w.user_id AND a.year = 2024 WHERE w.year = 2025",
         {k2025, "absences year=2024"}},
        {"SELECT worktime.date, projects.name FROM {oj worktime worktime LEFT OUTER JOIN projects projects ON worktime.project_id = projects.project_id} WHERE (worktime.year=2025) AND (worktime.month=1)",
         {"worktime month=1 year=2025", "projects"}},
        {"SELECT COUNT(*) FROM worktime w, absences a WHERE w.year = 2025 OR a.year = 2025", {w_default, a_default}},
        {"SELECT COUNT(*) FROM worktime w, absences a WHERE w.year = 2025 AND a.year = 2024 AND w.user_id = a.user_id",
         {k2025, "absences year=2024"}},
        {"SELECT COUNT(*) FROM worktime w JOIN users u ON w.user_id = u.user_id WHERE year = 2025", {k2025, "users"}},
        {"SELECT COUNT(*) FROM users u LEFT JOIN (SELECT * FROM worktime) w ON u.user_id = w.user_id WHERE w.year = 2025",
         {"users", w_default}},
        {"SELECT COUNT(*) FROM users u LEFT JOIN (SELECT * FROM worktime WHERE 1 = 0) w ON u.user_id = w.user_id", {"users"}},
        {"SELECT COUNT(*) FROM users u LEFT JOIN worktime w ON u.user_id = w.user_id AND 1 = 0", {"users"}},
        // equalities across joins
        {"SELECT COUNT(*) FROM worktime w JOIN absences a ON a.year = w.year WHERE w.year = 2025",
         {k2025, "absences year=2025"}},
        {"SELECT COUNT(*) FROM worktime w, absences a WHERE a.year = w.year AND a.year IN (2024, 2025)",
         {kTwoYears, "absences year=2024..2025"}},
        {"SELECT COUNT(*) FROM worktime w JOIN absences a ON a.year = w.year JOIN holidays h ON h.year = a.year "
         "WHERE w.year = 2025",
         {k2025, "absences year=2025", "holidays year=2025"}},
        {"SELECT COUNT(*) FROM worktime w JOIN absences a ON a.year = w.year AND a.year = 2024 WHERE w.year >= 2024",
         {"worktime month=1..12 year=2024", "absences year=2024"}},
        {"SELECT COUNT(*) FROM absences a LEFT JOIN worktime w ON w.year = a.year WHERE a.year = 2024",
         {"absences year=2024", "worktime month=1..12 year=2024"}},
        {"SELECT COUNT(*) FROM absences a LEFT JOIN worktime w ON w.year = a.year AND w.year = 2024",
         {a_default, "worktime month=1..12 year=2024"}},
        {"SELECT COUNT(*) FROM worktime w RIGHT JOIN absences a ON w.year = a.year WHERE a.year = 2023",
         {"worktime month=1..12 year=2023", "absences year=2023"}},
        // Both sides of a FULL JOIN are optional: WHERE narrows neither.
        {"SELECT COUNT(*) FROM absences a FULL JOIN worktime w ON w.year = a.year WHERE a.year = 2024",
         {a_default, w_default}},
        {"SELECT COUNT(*) FROM absences a LEFT JOIN worktime w ON w.user_id = a.user_id WHERE a.year = w.year AND "
         "a.year = 2024",
         {"absences year=2024", w_default}},
        {"SELECT COUNT(*) FROM worktime w, absences a WHERE a.year = w.year OR w.year = 2025", {w_default, a_default}},
        {"SELECT COUNT(*) FROM (SELECT year AS y FROM worktime) d JOIN absences a ON a.year = d.y WHERE d.y = 2025",
         {k2025, "absences year=2025"}},
        {"SELECT COUNT(*) FROM (SELECT year FROM worktime UNION ALL SELECT year FROM holidays) d JOIN absences a "
         "ON a.year = d.year WHERE a.year = 2025",
         {k2025, "holidays year=2025", "absences year=2025"}},
        {"SELECT COUNT(*) FROM users u JOIN timeclock t ON t.user_id = u.user_id WHERE u.user_id IN (1, 2)",
         {"users", "timeclock command=status userid=1..2"}},
        {"SELECT COUNT(*) FROM worktime w JOIN absences a ON a.date_from = w.date WHERE w.date = {d '2025-03-03'}",
         {"worktime month=3 year=2025", "absences year=2025"}},
        {R"(select count(*) from "timebutler"."worktime" as "OTBL" inner join "timebutler"."holidays" as "ITBL" on (("OTBL"."year" = "ITBL"."year" and "OTBL"."year" is not null) and "ITBL"."year" is not null or "OTBL"."year" is null and "ITBL"."year" is null) where "OTBL"."year" = 2024)",
         {"worktime month=1..12 year=2024", "holidays year=2024"}},
        {"SELECT COUNT(*) FROM worktime w JOIN holidays h ON (w.year = h.year OR w.year IS NULL) WHERE w.year = 2024",
         {"worktime month=1..12 year=2024", "holidays year=2024"}},
        {"SELECT COUNT(*) FROM worktime w JOIN holidays h ON (w.year = h.year OR h.year IS NULL) WHERE w.year = 2024",
         {"worktime month=1..12 year=2024", "holidays year=" + year()}},
        {"SELECT COUNT(*) FROM worktime w JOIN holidays h ON (w.year = h.year OR w.month = 1) WHERE w.year = 2024",
         {"worktime month=1..12 year=2024", "holidays year=" + year()}},
        {"SELECT COUNT(*) FROM users u LEFT JOIN worktime w ON u.user_id = w.user_id JOIN holidays h ON (w.year = "
         "h.year OR w.year IS NULL AND h.year IS NULL) WHERE w.year = 2024",
         {"users", w_default, "holidays year=" + year()}},
        // open date ranges
        {"SELECT COUNT(*) FROM absences WHERE date_from >= '2025-03-01'", {"absences year=2025.." + year(1)}},
        {"SELECT COUNT(*) FROM absences WHERE date_from <= '2025-03-31' AND date_to >= '2025-03-01'",
         {"absences year=" + year(-5) + "..2025"}},
        {"SELECT COUNT(*) FROM absences WHERE date_from >= '2024-02-01' AND date_to <= '2024-12-31'",
         {"absences year=2024"}},
        {"SELECT COUNT(*) FROM worktime WHERE date >= '" + year(-1) + "-11-20'",
         {"worktime month=11..12 year=" + year(-1), worktime_year(Y)}},
        {"SELECT COUNT(*) FROM worktime WHERE year = 2025 AND date BETWEEN '2025-03-01' AND '2025-03-31'",
         {"worktime month=3 year=2025"}},
        // derived tables
        {"SELECT COUNT(*) FROM (SELECT * FROM worktime LIMIT 10) d WHERE d.year = 2025", {w_default}},
        {"SELECT COUNT(*) FROM (SELECT TOP 10 * FROM worktime) d WHERE d.year = 2025", {w_default}},
        {"SELECT * FROM (SELECT year, SUM(working_seconds) AS s FROM worktime GROUP BY year) d WHERE d.year = 2025",
         {k2025}},
        {"SELECT * FROM (SELECT year AS y, SUM(working_seconds) AS s FROM worktime GROUP BY 1) d WHERE d.y = 2025",
         {k2025}},
        {"SELECT * FROM (SELECT year, month, COUNT(*) AS n FROM worktime GROUP BY year) d WHERE d.month = 2",
         {w_default}},
        {"SELECT * FROM (SELECT MAX(year) AS year FROM worktime) d WHERE d.year = 2025", {w_default}},
        {"SELECT COUNT(*) FROM (SELECT year, user_id FROM worktime UNION ALL SELECT year, user_id FROM absences) d "
         "WHERE d.year = 2025",
         {k2025, "absences year=2025"}},
        {"SELECT * FROM (SELECT year AS y FROM worktime UNION SELECT 2020) d WHERE d.y IN (2024, 2025)", {kTwoYears}},
        {"SELECT COUNT(*) FROM (SELECT year AS y FROM worktime) d WHERE d.y = 2025", {k2025}},
        {"SELECT COUNT(*) FROM (SELECT year + 0 AS year FROM worktime) d WHERE d.year = 2025", {w_default}},
        {"SELECT COUNT(*) FROM (SELECT w.* FROM worktime w JOIN users u ON w.user_id = u.user_id) d WHERE d.month = 2",
         {"worktime month=2 year=" + year(), "users"}},
        {"SELECT COUNT(*) FROM (SELECT * FROM worktime WHERE year = 2025) d WHERE d.month IN (1, 2) AND "
         "d.year IN (2024, 2025)",
         {"worktime month=1..2 year=2025"}},
        {"SELECT COUNT(*) FROM (SELECT * FROM worktime) d WHERE month = 3", {"worktime month=3 year=" + year()}},
        {"SELECT COUNT(*) FROM (SELECT * FROM (SELECT * FROM worktime) a) b WHERE b.year = 2024 OR b.year = 2025",
         {kTwoYears}},
        {"SELECT * FROM (SELECT TOP 0 * FROM worktime) d", {}},
        // WITH tables are derived tables, one per reference; windows pass partition columns only
        {"WITH w AS (SELECT user_id, year FROM worktime) SELECT COUNT(*) FROM w x JOIN w y ON x.user_id = y.user_id "
         "WHERE x.year = 2024 AND y.year = 2025",
         {kTwoYears}},
        {"WITH a AS (SELECT * FROM absences), b AS (SELECT type, year FROM a) SELECT COUNT(*) FROM b WHERE year = 2024",
         {"absences year=2024"}},
        {"SELECT COUNT(*) FROM (SELECT year, ROW_NUMBER() OVER (PARTITION BY year ORDER BY date) AS n FROM worktime) d "
         "WHERE d.year = 2025",
         {k2025}},
        {"SELECT COUNT(*) FROM (SELECT year, ROW_NUMBER() OVER (ORDER BY date) AS n FROM worktime) d WHERE d.year = 2025",
         {w_default}},
        // subqueries and EXPLAIN
        {"SELECT * FROM users WHERE user_id IN (SELECT user_id FROM absences WHERE year = 2024)",
         {"users", "absences year=2024"}},
        {"SELECT * FROM users u WHERE EXISTS (SELECT 1 FROM holidays h WHERE h.user_id = u.user_id AND h.year = 2025)",
         {"users", "holidays year=2025"}},
        {"SELECT (SELECT COUNT(*) FROM holidays WHERE year = 2024 AND user_id = 1) FROM users",
         {"users", "holidays userid=1 year=2024"}},
        {"SELECT user_id FROM worktime WHERE year = 2024 UNION SELECT user_id FROM absences WHERE year = 2025",
         {"worktime month=1..12 year=2024", "absences year=2025"}},
        {"SELECT user_id FROM worktime WHERE 1 = 0 UNION ALL SELECT user_id FROM absences WHERE 1 = 0", {}},
        {"SELECT user_id FROM worktime WHERE 1 = 0 UNION ALL SELECT user_id FROM absences", {a_default}},
        {"EXPLAIN SELECT * FROM worktime WHERE year = 2025", {}},
        {"SELECT * FROM timeclock WHERE user_id IN (1, 2) OR user_id = 3", {"timeclock command=status userid=1..3"}},
    };
}

class PushdownLog : public Pushdown, public ::testing::WithParamInterface<LogCase> {
protected:
    // Executes with the ? values bound as text, fetching every row.
    void run(const LogCase& c) {
        SQLHSTMT stmt;
        ASSERT_TRUE(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt)));
        ASSERT_TRUE(SQL_SUCCEEDED(SQLPrepare(stmt, (SQLCHAR*)c.sql.c_str(), SQL_NTS)));
        std::vector<SQLLEN> lengths(c.parameters.size(), SQL_NTS);
        for (std::size_t i = 0; i < c.parameters.size(); ++i)
            SQLBindParameter(stmt, SQLUSMALLINT(i + 1), SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0,
                             (SQLPOINTER)c.parameters[i].c_str(), 0, &lengths[i]);
        SQLRETURN rc = SQLExecute(stmt);
        std::string diag;
        for (const auto& d : diagnostics(SQL_HANDLE_STMT, stmt)) diag += d.sqlstate + " " + d.message + "\n";
        EXPECT_TRUE(SQL_SUCCEEDED(rc)) << diag;
        while (SQL_SUCCEEDED(rc) && SQL_SUCCEEDED(SQLFetch(stmt))) {}
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    }
};

TEST_P(PushdownLog, MakesExactlyTheExpectedRequests) {
    const LogCase& c = GetParam();
    run(c);
    std::vector<std::string> expected, actual;
    for (const auto& spec : c.requests) expand(spec, expected);
    for (const auto& r : sim->requests()) actual.push_back(logged(r));
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
    EXPECT_EQ(actual, expected) << c.sql;
}

INSTANTIATE_TEST_SUITE_P(Corpus, PushdownLog, ::testing::ValuesIn(log_cases()));

} // namespace
