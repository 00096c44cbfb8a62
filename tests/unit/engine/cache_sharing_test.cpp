// Two Cache objects on one file, as two connections are: a result set left
// open on one never makes its bookkeeping fail or its next query stale, an
// invalidation that cannot be written is reported and kept in memory, and an
// answer that may predate an invalidation is never marked fresh.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include "catalog/catalog.hpp"
#include "engine/cache.hpp"
#include "engine/config.hpp"
#include "engine/loader.hpp"

using namespace tb;
using namespace tb::engine;

namespace {

const char* kProjects = "ID of the project;Name;State;Budget in hours;Comments;Creation date\n";

std::string projects_body(int rows) {
    std::string body = kProjects;
    for (int i = 1; i <= rows; ++i) body += std::to_string(i) + ";P" + std::to_string(i) + ";Active;;;\n";
    return body;
}

std::string one(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql << sqlite3_errmsg(db);
    std::string out = "(no row)";
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        const auto* text = sqlite3_column_text(stmt, 0);
        out = text ? reinterpret_cast<const char*>(text) : "NULL";
    }
    sqlite3_finalize(stmt);
    return out;
}

struct CacheSharing : ::testing::Test {
    std::string path = [] {
        char pattern[] = "/tmp/tb-unit-cache-XXXXXX";
        const int fd = mkstemp(pattern);
        if (fd >= 0) close(fd);
        std::remove(pattern);
        return std::string(pattern);
    }();
    SessionConfig config = [this] {
        SessionConfig c;
        c.cache = path;
        c.cache_busy_timeout_ms = 200;  // the lock-holding test waits this long
        return c;
    }();
    const catalog::Table& projects = *catalog::find_table("projects");
    const PartitionKey key{"src", "projects", ""};
    ~CacheSharing() override {
        for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
    }
    std::int64_t load(Cache& cache, const PartitionKey& k, int rows, std::int64_t generation = -1) {
        const std::int64_t part = cache.partition_id(k, generation);
        load_partition(cache, projects, part, projects_body(rows), {});
        return part;
    }
};

// A cursor left open on A's reader, B commits, and A still loads (this
// failed with "cache: cannot create a partition") and its next query sees B.
TEST_F(CacheSharing, OpenCursorNeitherBlocksLoadsNorStalesTheNextQuery) {
    Cache a(config), b(config);
    const std::int64_t part = load(a, key, 3);
    sqlite3* first = a.reader();
    sqlite3_stmt* open = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(first, ("SELECT name FROM main.projects WHERE " + Cache::partition_condition({part})).c_str(),
                                 -1, &open, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(open), SQLITE_ROW);  // holds a snapshot of three rows

    load(b, key, 5);  // B replaces the partition
    const PartitionKey other{"src", "projects", "x=1"};
    EXPECT_NO_THROW(load(a, other, 2));
    EXPECT_TRUE(a.drop_partitions("src", "projects"));
    EXPECT_TRUE(a.take_warnings().empty());
    EXPECT_FALSE(b.fresh_partition(key).has_value());

    sqlite3* second = a.reader();
    EXPECT_NE(second, first) << "a handle with an open cursor is not reused";
    EXPECT_EQ(one(second, "SELECT count(*) FROM main.projects WHERE " + Cache::partition_condition({part})), "5");
    int rows = 1;
    while (sqlite3_step(open) == SQLITE_ROW) ++rows;
    EXPECT_EQ(rows, 3) << "the open cursor keeps its snapshot";
    sqlite3_finalize(open);
    EXPECT_EQ(a.reader(), first) << "a handle whose cursor closed is reused";
}

// The file's write lock is held past the busy timeout: the invalidation
// cannot be written, so this connection treats the rows as stale and the
// write statement gets a warning.
TEST_F(CacheSharing, InvalidationThatCannotBeWrittenIsKeptInMemoryAndReported) {
    Cache a(config);
    load(a, key, 3);
    ASSERT_TRUE(a.fresh_partition(key).has_value());
    sqlite3* holder = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &holder), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    EXPECT_FALSE(a.drop_partitions("src", "projects"));
    const auto warnings = a.take_warnings();
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("action 'projects'"), std::string::npos) << warnings[0];
    EXPECT_NE(warnings[0].find("CacheTTL"), std::string::npos) << warnings[0];
    EXPECT_FALSE(a.fresh_partition(key).has_value()) << "stale in this connection";
    sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(holder);
    Cache b(config);
    EXPECT_TRUE(b.fresh_partition(key).has_value()) << "the file could not be told";
}

// A's request went out before B's write was invalidated: A's answer may
// predate the write, so its rows are loaded but not marked fresh.
TEST_F(CacheSharing, AnswerRequestedBeforeAnInvalidationIsNotFresh) {
    Cache a(config), b(config);
    const std::int64_t before = a.generation("src", "projects");
    EXPECT_TRUE(b.drop_partitions("src", "projects"));
    EXPECT_NE(a.generation("src", "projects"), before);
    const std::int64_t part = load(a, key, 4, before);
    EXPECT_FALSE(a.fresh_partition(key).has_value());
    EXPECT_EQ(one(a.reader(), "SELECT count(*) FROM main.projects WHERE " + Cache::partition_condition({part})), "4");
    load(a, key, 4, a.generation("src", "projects"));
    EXPECT_TRUE(a.fresh_partition(key).has_value());
    EXPECT_TRUE(b.fresh_partition(key).has_value());

    // B's request predates A's write; A loads fresh rows first; B's older
    // answer must not replace them.
    const std::int64_t b_before = b.generation("src", "projects");
    EXPECT_TRUE(a.drop_partitions("src", "projects"));
    load(a, key, 6, a.generation("src", "projects"));
    load(b, key, 2, b_before);
    EXPECT_TRUE(b.fresh_partition(key).has_value());
    EXPECT_EQ(one(b.reader(), "SELECT count(*) FROM main.projects WHERE " + Cache::partition_condition({part})), "6");
}

// The hole the two-process stress test found: rows loaded from a later
// request stay even after a further invalidation made them stale, because a
// statement that found them fresh just before may be about to read them. An
// older answer (requested before the first invalidation) must not replace
// them with rows that lack the first write.
TEST_F(CacheSharing, OlderAnswerNeverReplacesRowsOfALaterRequest) {
    Cache a(config), b(config);
    const std::int64_t b_before = b.generation("src", "projects");   // B's request goes out
    EXPECT_TRUE(a.drop_partitions("src", "projects"));              // write 1 is done
    const std::int64_t part = load(a, key, 6, a.generation("src", "projects"));  // rows with write 1
    EXPECT_TRUE(a.drop_partitions("src", "projects"));              // write 2 makes them stale
    load(b, key, 2, b_before);                                       // B's old answer arrives
    EXPECT_EQ(one(b.reader(), "SELECT count(*) FROM main.projects WHERE " + Cache::partition_condition({part})), "6")
        << "an answer older than the rows in the cache replaced them";
    EXPECT_FALSE(b.fresh_partition(key).has_value()) << "still stale: write 2 is not in those rows";
}

// Personnel data lives in one memory database that every handle of the
// connection shares, and never in the file.
TEST_F(CacheSharing, MemorySchemaIsSharedByTheHandlesOfOneConnection) {
    Cache a(config), b(config);
    const catalog::Table& salaries = *catalog::find_table("salaries");
    ASSERT_TRUE(a.in_memory(salaries));
    const PartitionKey k{"src", "salaries", "", true};
    const std::int64_t part = a.partition_id(k);
    sqlite3* reader = a.reader();
    ASSERT_EQ(sqlite3_exec(a.db(), ("INSERT INTO " + a.sql_name(salaries) + "(rowid) VALUES (" +
                                    std::to_string(Cache::first_rowid(part)) + ")").c_str(),
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    EXPECT_EQ(one(reader, "SELECT count(*) FROM " + a.sql_name(salaries)), "1");
    EXPECT_EQ(one(b.reader(), "SELECT count(*) FROM " + b.sql_name(salaries)), "0") << "one connection's only";
}

} // namespace
