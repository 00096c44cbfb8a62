// GoodTime's pieces in the engine: the timeentries plan (one request per
// user and period), times as ISO 8601 or epoch milliseconds, and JSON
// answers loaded into the cache (validated first: nothing of a bad answer
// is kept).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "engine/cache.hpp"
#include "engine/config.hpp"
#include "engine/error.hpp"
#include "engine/loader.hpp"
#include "engine/planner.hpp"
#include "sql/sql.hpp"

using namespace tb;
using namespace tb::engine;

namespace {

const Today kToday{2026, 3, 15};

const catalog::Table& goodtime(const std::string& name) {
    return *catalog::find_source("goodtime")->find_table(name);
}

// "login_email=... start=... end=..." per request.
std::vector<std::string> plan(const std::string& table_name, const std::string& where,
                              const std::vector<std::string>& users = {"a@x.de", "b@x.de"}) {
    const catalog::Table& table = goodtime(table_name);
    auto statement = sql::parse("SELECT * FROM " + table_name + (where.empty() ? "" : " WHERE " + where));
    auto columns = pushdown_columns(table);
    auto pushdown = sql::analyse_pushdown(*statement, [&](const sql::TableRef&, std::string_view c) {
        return std::find(columns.begin(), columns.end(), std::string(c)) != columns.end();
    });
    std::map<std::string, sql::Constraint> constraints;
    if (auto it = pushdown.constraints.find(1); it != pushdown.constraints.end()) constraints = it->second;
    std::vector<std::string> out;
    for (const auto& r : plan_requests(table, constraints, {}, kToday, users)) {
        std::string text;
        for (const auto& [k, v] : r.params) text += (text.empty() ? "" : " ") + k + "=" + v;
        out.push_back(text);
    }
    return out;
}

} // namespace

TEST(GoodTimePlan, OneUserFromADateIsExactlyOneRequest) {
    EXPECT_EQ(plan("timeentries", "login_email = 'a@x.de' AND start_time >= '2025-01-01'"),
              (std::vector<std::string>{"end=2026-04-01 start=2025-01-01 useremail=a@x.de"}));
}

TEST(GoodTimePlan, DefaultIsEveryUserForTheCurrentMonth) {
    EXPECT_EQ(plan("timeentries", ""), (std::vector<std::string>{"end=2026-04-01 start=2026-03-01 useremail=a@x.de",
                                                                  "end=2026-04-01 start=2026-03-01 useremail=b@x.de"}));
}

TEST(GoodTimePlan, ClosedRangeEndsTheDayAfterItsLastDay) {
    EXPECT_EQ(plan("timeentries", "login_email IN ('b@x.de') AND start_time >= '2025-03-01' AND start_time < '2025-04-01'"),
              (std::vector<std::string>{"end=2025-04-01 start=2025-03-01 useremail=b@x.de"}));
    // Only an upper bound: the period starts with that bound's month.
    EXPECT_EQ(plan("timeentries", "login_email = 'a@x.de' AND start_time <= '2025-02-10 12:00:00'"),
              (std::vector<std::string>{"end=2025-02-11 start=2025-02-01 useremail=a@x.de"}));
    // Contradicting bounds: nothing to ask.
    EXPECT_TRUE(plan("timeentries", "start_time >= '2025-05-01' AND start_time < '2025-04-01'").empty());
}

TEST(GoodTimePlan, UserProjectsAskPerUserInThePath) {
    const auto& t = goodtime("user_projects");
    ASSERT_TRUE(t.keys.front().in_path);
    EXPECT_EQ(plan("user_projects", ""), (std::vector<std::string>{"useremail=a@x.de", "useremail=b@x.de"}));
    EXPECT_EQ(plan("user_projects", "login_email = 'c@x.de'"), (std::vector<std::string>{"useremail=c@x.de"}));
}

TEST(GoodTimeTimes, IsoAndEpochMillisecondsAreAccepted) {
    std::string out;
    ASSERT_TRUE(parse_timestamp("2025-03-04T09:16:00", out));
    EXPECT_EQ(out, "2025-03-04 09:16:00");
    ASSERT_TRUE(parse_timestamp("1741079760000", out));
    EXPECT_EQ(out, "2025-03-04 09:16:00");
    ASSERT_TRUE(parse_timestamp("2025-03-04T10:16:00.250+01:00", out));
    EXPECT_EQ(out, "2025-03-04 09:16:00");
    ASSERT_TRUE(parse_timestamp("2025-01-01T00:30Z", out));
    EXPECT_EQ(out, "2025-01-01 00:30:00");
    ASSERT_TRUE(parse_timestamp("2025-01-01T00:30-02:00", out));
    EXPECT_EQ(out, "2025-01-01 02:30:00");
    ASSERT_TRUE(parse_timestamp("2024-12-31T23:30:00-01:00", out));
    EXPECT_EQ(out, "2025-01-01 00:30:00");
    ASSERT_TRUE(parse_timestamp("2025-02-03", out));
    EXPECT_EQ(out, "2025-02-03 00:00:00");
    EXPECT_FALSE(parse_timestamp("2025-02-30T08:00:00", out));
    EXPECT_FALSE(parse_timestamp("04/03/2025 09:16", out));
    EXPECT_FALSE(parse_timestamp("2025-03-04T25:00", out));
    EXPECT_FALSE(parse_timestamp("2025-03-04T09:16:00+01:00x", out));
}

namespace {

struct GoodTimeLoad : ::testing::Test {
    SessionConfig config = [] {
        SessionConfig c;
        c.cache = "memory";
        return c;
    }();
    Cache cache{config};
    const catalog::Table& entries = goodtime("timeentries");

    std::string one(const std::string& sql) {
        sqlite3_stmt* stmt = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(cache.db(), sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
        std::string out = "(no row)";
        if (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
            out.clear();
            for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
                if (i) out += "|";
                const auto* text = sqlite3_column_text(stmt, i);
                out += text ? reinterpret_cast<const char*>(text) : "NULL";
            }
        }
        sqlite3_finalize(stmt);
        return out;
    }
};

const char* kEntries = R"([
 {"id":1080,"starttime":"2025-03-04T09:16:00","endtime":1741097460000,"useremail":"anna+zeit@example.com",
  "timetypeid":101,"projectid":205,"comment":"Export nach C:\\Daten","locked":true,"duration":285,"billable":false},
 {"id":1094,"starttime":"2025-03-19T07:00:00","endtime":"2025-03-19T15:00:00","useremail":"anna+zeit@example.com",
  "timetypeid":102,"projectid":null,"comment":null,"locked":false,"duration":480,"billable":true}])";

} // namespace

TEST_F(GoodTimeLoad, JsonRowsWithRunTimeColumnsAndTheRequestedUser) {
    EXPECT_EQ(Cache::table_name(entries), "goodtime_timeentries");
    const std::int64_t part = cache.partition_id({"src", "timeentries", "end=2025-04-01&start=2025-03-01&useremail=a"});
    auto result = load_partition(cache, entries, part, kEntries, {{"login_email", "anna+zeit@example.com"}});
    EXPECT_EQ(result.rows, 2);
    EXPECT_EQ(one("SELECT time_entry_id, login_email, start_time, end_time, time_type_id, project_id, comment, locked, "
                  "duration, billable FROM goodtime_timeentries ORDER BY time_entry_id"),
              "1080|anna+zeit@example.com|2025-03-04 09:16:00|2025-03-04 14:11:00|101|205|Export nach C:\\Daten|1|285|false");
    EXPECT_EQ(one("SELECT project_id, comment, locked FROM goodtime_timeentries WHERE time_entry_id = 1094"), "NULL|NULL|0");
}

TEST_F(GoodTimeLoad, AnElementThatCannotBeDecodedKeepsNothing) {
    const std::int64_t part = cache.partition_id({"src", "timeentries", "p"});
    load_partition(cache, entries, part, kEntries, {{"login_email", "anna"}});
    const std::string bad = R"([{"id":1,"starttime":"2025-03-04T09:16:00"},{"id":2,"comment":{"text":"x"}}])";
    try {
        load_partition(cache, entries, part, bad, {{"login_email", "anna"}});
        FAIL() << "a nested value was loaded";
    } catch (const Error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("goodtime.timeentries"), std::string::npos) << what;
        EXPECT_NE(what.find("element 2"), std::string::npos) << what;
        EXPECT_NE(what.find("field 'comment'"), std::string::npos) << what;
    }
    // The earlier answer is still the partition's, untouched.
    EXPECT_EQ(one("SELECT count(*) FROM goodtime_timeentries WHERE " + Cache::partition_condition({part})), "2");
    // An element without its id: refused as well.
    EXPECT_THROW(load_partition(cache, entries, part, R"([{"id":5},{"starttime":"2025-03-04T09:16:00"}])",
                                {{"login_email", "anna"}}),
                 Error);
    EXPECT_EQ(one("SELECT count(*) FROM goodtime_timeentries WHERE " + Cache::partition_condition({part})), "2");
}
