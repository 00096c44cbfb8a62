// The loader's batching and hand-over between its two threads: row counts
// that are not a multiple of any batch, quoted text that the decoder
// unquotes into its per-row buffer, short rows, bad values, partitions
// replaced without touching their neighbours. Run under ASan as well.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <set>
#include <string>

#include "catalog/catalog.hpp"
#include "engine/batch_insert.hpp"
#include "engine/cache.hpp"
#include "engine/config.hpp"
#include "engine/loader.hpp"

using namespace tb;
using namespace tb::engine;

namespace {

const char* kHeader =
    "ID of the work time entry;User ID;Employee number;Date (dd/mm/yyyy);Start time (hh:mm);End time (hh:mm);"
    "Working time in seconds;Pause in seconds;State;ID of the project;ID of the service;Comments;Auto stopped\n";

// Entry i: user i % 7 + 1, project 0 (NULL) on even ids, a quoted comment
// with an escaped quote on every third row.
std::string worktime_body(int rows, int first_id = 1) {
    std::string body = kHeader;
    for (int n = 0; n < rows; ++n) {
        const int id = first_id + n;
        const std::string comment = id % 3 == 0 ? "\"Kunde \"\"Müller\"\"; Teil " + std::to_string(id) + "\"" : " ";
        body += std::to_string(id) + ";" + std::to_string(id % 7 + 1) + ";00" + std::to_string(id % 7 + 1) +
                ";0" + std::to_string(id % 9 + 1) + "/03/2024;08:00;16:30;27000;1800;Done;" +
                std::to_string(id % 2 ? 3 : 0) + ";0;" + comment + ";" + (id % 5 ? "false" : "true") + "\n";
    }
    return body;
}

struct LoaderTest : ::testing::Test {
    SessionConfig config = [] {
        SessionConfig c;
        c.cache = "memory";
        return c;
    }();
    Cache cache{config};
    const catalog::Table& worktime = *catalog::find_table("worktime");
    const KeyValues keys{{"year", "2024"}, {"month", "3"}};

    std::string one(const std::string& sql) {
        sqlite3_stmt* stmt = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(cache.db(), sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
        std::string out = "(no row)";
        if (sqlite3_step(stmt) == SQLITE_ROW) {
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

TEST_F(LoaderTest, LoadsEveryRowOfAnOddCountWithUnquotedTextIntact) {
    const std::int64_t part = cache.partition_id({"src", "worktime", "month=3&year=2024"});
    const int rows = 3 * 1024 + 33;  // several hand-overs, a partial last batch
    const auto result = load_partition(cache, worktime, part, worktime_body(rows), keys);
    EXPECT_EQ(result.rows, rows);
    EXPECT_TRUE(result.warnings.empty());
    EXPECT_EQ(one("SELECT count(*), count(project_id), sum(auto_stopped), min(worktime_id), max(worktime_id) "
                  "FROM worktime WHERE " + Cache::partition_condition({part})),
              "3105|1553|621|1|3105");
    // Row 3099: quoted, with escaped quotes and a ';' that belong to the text.
    EXPECT_EQ(one("SELECT comments, employee_number, date, start_time, year, month FROM worktime "
                  "WHERE worktime_id = 3099"),
              "Kunde \"Müller\"; Teil 3099|006|2024-03-04|08:00:00|2024|3");
    EXPECT_EQ(one("SELECT comments, project_id FROM worktime WHERE worktime_id = 3100"), "NULL|NULL");
}

TEST_F(LoaderTest, ReplacingAPartitionLeavesItsNeighbourAlone) {
    const std::int64_t march = cache.partition_id({"src", "worktime", "month=3&year=2024"});
    const std::int64_t april = cache.partition_id({"src", "worktime", "month=4&year=2024"});
    load_partition(cache, worktime, march, worktime_body(100), keys);
    load_partition(cache, worktime, april, worktime_body(40, 1000), {{"year", "2024"}, {"month", "4"}});
    load_partition(cache, worktime, march, worktime_body(70, 500), keys);
    EXPECT_EQ(one("SELECT count(*), min(worktime_id) FROM worktime WHERE " + Cache::partition_condition({march})),
              "70|500");
    EXPECT_EQ(one("SELECT count(*), min(month) FROM worktime WHERE " + Cache::partition_condition({april})), "40|4");
    EXPECT_EQ(one("SELECT count(*) FROM worktime WHERE " + Cache::partition_condition({march, april})), "110");
}

// Rows are appended with SQLite's own rowids only when the partition lies
// above the whole table; a partition below another is numbered explicitly.
// Either way every row must land inside its partition's rowid range.
TEST_F(LoaderTest, RowsStayInTheirPartitionWhetherAppendedOrNot) {
    const std::int64_t march = cache.partition_id({"src", "worktime", "month=3&year=2024"});
    const std::int64_t april = cache.partition_id({"src", "worktime", "month=4&year=2024"});
    const std::int64_t may = cache.partition_id({"src", "worktime", "month=5&year=2024"});
    ASSERT_LT(march, april);
    ASSERT_LT(april, may);
    load_partition(cache, worktime, april, worktime_body(1500, 10000), {{"year", "2024"}, {"month", "4"}});
    load_partition(cache, worktime, march, worktime_body(2100), keys);  // below april: explicit rowids
    load_partition(cache, worktime, may, worktime_body(777, 20000), {{"year", "2024"}, {"month", "5"}});
    load_partition(cache, worktime, april, worktime_body(1301, 30000), {{"year", "2024"}, {"month", "4"}});
    auto in = [&](std::int64_t part) {
        return one("SELECT count(*), min(worktime_id), max(worktime_id), min(month), max(month) FROM worktime WHERE " +
                   Cache::partition_condition({part}));
    };
    EXPECT_EQ(in(march), "2100|1|2100|3|3");
    EXPECT_EQ(in(april), "1301|30000|31300|4|4");
    EXPECT_EQ(in(may), "777|20000|20776|5|5");
    EXPECT_EQ(one("SELECT count(*) FROM worktime"), "4178");
    // Rowids count up from each partition's base in response order.
    EXPECT_EQ(one("SELECT min(rowid) - " + std::to_string(Cache::first_rowid(may)) + ", max(rowid) - " +
                  std::to_string(Cache::first_rowid(may)) + " FROM worktime WHERE month = 5"),
              "1|777");
}

TEST(BatchInsertSizing, PowersOfTwoWithinTheParameterLimit) {
    EXPECT_EQ(BatchInsert::rows_per_statement(16, 32766, 1000000), 256);
    EXPECT_EQ(BatchInsert::rows_per_statement(16, 999, 1000000), 32);   // SQLite before 3.32
    EXPECT_EQ(BatchInsert::rows_per_statement(16, 32766, 5), 8);
    EXPECT_EQ(BatchInsert::rows_per_statement(16, 32766, 1), 1);
    EXPECT_EQ(BatchInsert::rows_per_statement(2000, 999, 1000), 1);
}

TEST_F(LoaderTest, BadValuesWarnWithTheirRow) {
    const std::int64_t part = cache.partition_id({"src", "worktime", "month=3&year=2024"});
    std::string body = kHeader;
    body += "1;2;00002;01/03/2024;08:00;12:00;14400;0;Done;0;0; ;false\n";
    body += "2;2;00002;31/02/2024;8h;12:00;lots;0;Done;0;0; ; \n";  // bad date, time, integer
    const auto result = load_partition(cache, worktime, part, body, keys);
    EXPECT_EQ(result.rows, 2);
    ASSERT_EQ(result.warnings.size(), 3u);
    EXPECT_NE(result.warnings[0].message.find("column date, row 2: the value '31/02/2024'"), std::string::npos)
        << result.warnings[0].message;
    EXPECT_EQ(result.warnings[0].sqlstate, "01S07");
    EXPECT_EQ(one("SELECT date, start_time, working_seconds, state, comments, auto_stopped FROM worktime "
                  "WHERE worktime_id = 2"),
              "NULL|NULL|NULL|Done|NULL|NULL");
}

// A line of another shape than the header is an error naming table,
// partition and line; the partition keeps what it had (here: nothing).
TEST_F(LoaderTest, ALineOfTheWrongShapeIsAnErrorAndLoadsNothing) {
    const std::int64_t part = cache.partition_id({"src", "worktime", "month=3&year=2024"});
    for (const std::string bad : {"2;2;00002;01/03/2024;08:00\n", "2;2;00002;01/03/2024;08:00;12:00;1;0;Done;0;0;a;b;false\n"}) {
        std::string body = kHeader;
        body += "1;2;00002;01/03/2024;08:00;12:00;14400;0;Done;0;0;\"Kunde sagt: super;false\n";
        body += bad;
        body += "3;2;00002;01/03/2024;08:00;12:00;14400;0;Done;0;0; ;false\n";
        try {
            load_partition(cache, worktime, part, body, keys, LoadContext{"month=3&year=2024", {"secret"}});
            ADD_FAILURE() << "no error for " << bad;
        } catch (const Error& e) {
            const std::string message = e.what();
            EXPECT_NE(message.find("table worktime, partition month=3&year=2024: line 3 of the answer"),
                      std::string::npos) << message;
            EXPECT_EQ(e.sqlstate, "HY000");
        }
        EXPECT_EQ(one("SELECT count(*) FROM worktime"), "0");
    }
}

// An id that does not parse, or is empty, cannot read as NULL (worktime_id
// cannot be NULL): the answer is an error naming row, column and value, and
// loads nothing.
TEST_F(LoaderTest, AnIdThatDoesNotParseOrIsEmptyIsAnErrorAndLoadsNothing) {
    const std::int64_t part = cache.partition_id({"src", "worktime", "month=3&year=2024"});
    const std::pair<std::string, std::string> cases[] = {
        {"n/a", "row 2, column worktime_id: the value 'n/a'"},
        {" ", "row 2: no value for column worktime_id"},
    };
    for (const auto& [id, expected] : cases) {
        std::string body = kHeader;
        body += "1;2;00002;01/03/2024;08:00;12:00;14400;0;Done;0;0; ;false\n";
        body += id + ";2;00002;01/03/2024;08:00;12:00;14400;0;Done;0;0; ;false\n";
        try {
            load_partition(cache, worktime, part, body, keys, LoadContext{"month=3&year=2024", {"secret"}});
            ADD_FAILURE() << "no error for the id '" << id << "'";
        } catch (const Error& e) {
            const std::string message = e.what();
            EXPECT_NE(message.find(expected), std::string::npos) << message;
            EXPECT_EQ(e.sqlstate, "HY000");
        }
        EXPECT_EQ(one("SELECT count(*) FROM worktime"), "0");
    }
}

// Run-time names: a clash gets _2, _3 ... in one pass; 6,000 equal names
// took about a minute before (the figure is printed, not asserted).
TEST(RuntimeColumnNames, SixThousandDuplicatesAreNamedInOnePass) {
    const catalog::Table& absences = *catalog::find_table("absences");
    std::vector<std::string> header(6000, "Zusatzfeld");
    header.insert(header.begin(), "Zusatzfeld_3");
    const auto start = std::chrono::steady_clock::now();
    const auto names = runtime_column_names(absences, header);
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("runtime_column_names of 6,001 names: %.2f ms\n", ms);
    ASSERT_EQ(names.size(), 6001u);
    EXPECT_EQ(names[0], "zusatzfeld_3");
    EXPECT_EQ(names[1], "zusatzfeld");
    EXPECT_EQ(names[2], "zusatzfeld_2");
    EXPECT_EQ(names[3], "zusatzfeld_4");
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
}

TEST_F(LoaderTest, AnEmptyBodyLoadsNoRows) {
    const std::int64_t part = cache.partition_id({"src", "worktime", "month=3&year=2024"});
    EXPECT_EQ(load_partition(cache, worktime, part, "", keys).rows, 0);
    EXPECT_EQ(load_partition(cache, worktime, part, kHeader, keys).rows, 0);
    EXPECT_EQ(one("SELECT count(*) FROM worktime"), "0");
}

} // namespace
