// The planner: date predicates (closed, open, on date_to) become the years
// and months of the requests, with a fixed "today".
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "engine/planner.hpp"
#include "sql/sql.hpp"

using namespace tb;
using namespace tb::engine;

namespace {

const Today kToday{2026, 3, 15};

// "year=2025 month=3" per request, in plan order.
std::vector<std::string> plan(const std::string& table_name, const std::string& where, Today today = kToday) {
    const catalog::Table* table = catalog::find_table(table_name);
    auto statement = sql::parse("SELECT * FROM " + table_name + " WHERE " + where);
    auto columns = pushdown_columns(*table);
    auto pushdown = sql::analyse_pushdown(*statement, [&](const sql::TableRef&, std::string_view c) {
        return std::find(columns.begin(), columns.end(), std::string(c)) != columns.end();
    });
    std::map<std::string, sql::Constraint> constraints;
    if (auto it = pushdown.constraints.find(1); it != pushdown.constraints.end()) constraints = it->second;
    std::vector<std::string> out;
    for (const auto& r : plan_requests(*table, constraints, {}, today)) {
        std::string text;
        for (const auto& [k, v] : r.params)
            if (k == "year" || k == "month") text += (text.empty() ? "" : " ") + k + "=" + v;
        out.push_back(text);
    }
    return out;
}

std::vector<std::string> years(int from, int to) {
    std::vector<std::string> out;
    for (int y = from; y <= to; ++y) out.push_back("year=" + std::to_string(y));
    return out;
}

TEST(PlannerDates, ClosedRangeEndingAtMidnightDoesNotReachTheNextYear) {
    EXPECT_EQ(plan("absences", "date_from >= {d '2024-01-01'} AND date_from < {d '2025-01-01'}"), years(2024, 2024));
    EXPECT_EQ(plan("absences", "date_from >= {d '2024-01-01'} AND date_from < {ts '2025-01-01 00:00:00'}"),
              years(2024, 2024));
    EXPECT_EQ(plan("absences", "date_from BETWEEN {d '2024-01-01'} AND {d '2025-01-01'}"), years(2024, 2025));
}

TEST(PlannerDates, OpenLowerBoundOnAbsencesRunsToNextYear) {
    EXPECT_EQ(plan("absences", "date_from >= '2025-03-01'"), years(2025, 2027));
    EXPECT_EQ(plan("absences", "date_from > '2028-06-01'"), years(2028, 2028));
}

TEST(PlannerDates, OpenUpperBoundStartsFiveYearsBack) {
    EXPECT_EQ(plan("absences", "date_from < '2025-03-01'"), years(2021, 2025));
}

TEST(PlannerDates, DateToBoundsDateFromFromAbove) {
    // Absences overlapping March 2025: date_to's lower bound says nothing.
    EXPECT_EQ(plan("absences", "date_from <= '2025-03-31' AND date_to >= '2025-03-01'"), years(2021, 2025));
    EXPECT_EQ(plan("absences", "date_from >= '2024-02-01' AND date_to <= '2024-12-31'"), years(2024, 2024));
    EXPECT_EQ(plan("absences", "date_to BETWEEN '2024-01-01' AND '2024-06-30' AND date_from >= '2023-12-01'"),
              years(2023, 2024));
    EXPECT_EQ(plan("absences", "date_to = '2024-05-02' AND date_from >= '2024-05-01'"), years(2024, 2024));
    // date_to alone, lower bound only: the default year stays.
    EXPECT_EQ(plan("absences", "date_to >= '2020-01-01'"), years(2026, 2026));
    // A contradiction between the two makes no request.
    EXPECT_TRUE(plan("absences", "date_from >= '2025-06-01' AND date_to <= '2025-03-01'").empty());
}

TEST(PlannerDefaults, DefaultYearsWidensOnlyTheYearDefault) {
    Today three_years = kToday;
    three_years.default_years = 3;
    EXPECT_EQ(plan("absences", "1=1", three_years), years(2024, 2026));
    EXPECT_EQ(plan("holidayentitlement", "1=1", three_years), years(2024, 2026));
    // Past years in full, the current one up to its current month.
    const auto worktime = plan("worktime", "1=1", three_years);
    ASSERT_EQ(worktime.size(), 12u + 12u + 3u);
    EXPECT_EQ(worktime.front(), "month=1 year=2024");
    EXPECT_EQ(worktime[23], "month=12 year=2025");
    EXPECT_EQ(worktime.back(), "month=3 year=2026");
    // A predicate on the year still decides alone.
    EXPECT_EQ(plan("absences", "year = 2020", three_years), years(2020, 2020));
    EXPECT_EQ(plan("absences", "1=1"), years(2026, 2026));
}

TEST(PlannerDates, OpenLowerBoundOnWorktimeRunsToTheCurrentMonth) {
    EXPECT_EQ(plan("worktime", "date >= '2025-11-20'"),
              (std::vector<std::string>{"month=11 year=2025", "month=12 year=2025", "month=1 year=2026",
                                        "month=2 year=2026", "month=3 year=2026"}));
    EXPECT_EQ(plan("worktime", "date > {d '2026-07-04'}"), (std::vector<std::string>{"month=7 year=2026"}));
    EXPECT_EQ(plan("worktime", "date < '2021-02-01'"), (std::vector<std::string>{"month=1 year=2021"}));
    EXPECT_EQ(plan("worktime", "date <= '2021-02-01'").size(), 2u);
}

TEST(PlannerDates, YearAndMonthPredicatesNarrowTheMonthsOfADateRange) {
    EXPECT_EQ(plan("worktime", "year = 2025 AND date BETWEEN '2025-03-01' AND '2025-03-31'"),
              (std::vector<std::string>{"month=3 year=2025"}));
    EXPECT_EQ(plan("worktime", "month IN (3, 4) AND date >= '2025-04-10' AND date < '2025-07-01'"),
              (std::vector<std::string>{"month=4 year=2025"}));
    // A date range too wide to expand is left to year and month.
    EXPECT_EQ(plan("worktime", "year = 2025 AND month = 2 AND date >= '1950-01-01'"),
              (std::vector<std::string>{"month=2 year=2025"}));
    EXPECT_TRUE(plan("worktime", "year = 2024 AND date = '2025-03-03'").empty());
}

TEST(PlannerDates, AnOpenRangeTooWideFailsWithAClearMessage) {
    try {
        plan("worktime", "date >= '1950-01-01'");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("worktime.date"), std::string::npos) << e.what();
    }
}

} // namespace
