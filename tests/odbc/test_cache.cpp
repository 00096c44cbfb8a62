// The cache: concurrent requests, reuse within the TTL from a second
// connection and a second process, personnel data never on disk, the file's
// mode, and no token in it.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"
#include "tests/support/test_platform.hpp"

using namespace tb::test;

namespace {

TEST(Cache, YearOfWorktimeIsTwelveConcurrentRequests) {
    SimProcess sim({"--latency-ms", "200", "--years", "2024-2024", "--users", "10"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    sim.clear_log();
    const auto start = std::chrono::steady_clock::now();
    auto rows = connection.query("SELECT * FROM worktime WHERE year = 2024");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // A figure, not an assertion: timing depends on the machine.
    std::printf("worktime 2024 with 200 ms latency: %zu rows in %.3f s\n", rows.size(), seconds);
    auto requests = sim.requests("worktime");
    ASSERT_EQ(requests.size(), 12u);
    for (int m = 1; m <= 12; ++m) {
        bool found = false;
        for (const auto& r : requests) found = found || r.has("month", std::to_string(m));
        EXPECT_TRUE(found) << "month " << m;
    }
    EXPECT_GT(rows.size(), 0u);
}

TEST(Cache, FileIsSharedByConnectionsAndProcesses) {
    SimProcess sim({"--years", "2024-2024", "--users", "10"});
    const std::string path = temp_cache_path();
    const std::string cs = sim.connection_string("Cache=" + path + ";CacheTTL=300");
    {
        OdbcConnection first;
        ASSERT_TRUE(SQL_SUCCEEDED(first.connect(cs)));
        sim.clear_log();
        EXPECT_GT(first.query("SELECT * FROM worktime WHERE year = 2024 AND month = 3").size(), 0u);
        EXPECT_EQ(sim.requests("worktime").size(), 1u);
    }
    OdbcConnection second;
    ASSERT_TRUE(SQL_SUCCEEDED(second.connect(cs)));
    sim.clear_log();
    EXPECT_GT(second.query("SELECT * FROM worktime WHERE year = 2024 AND month = 3").size(), 0u);
    EXPECT_EQ(sim.requests("worktime").size(), 0u) << "a second connection reads the cache";

    // A second process (isql; tb_query under Wine) through the same cache file.
    const auto other = query_in_another_process(cs, "SELECT COUNT(*) FROM worktime WHERE year = 2024 AND month = 3");
    ASSERT_TRUE(other.ok) << other.output;
    EXPECT_EQ(sim.requests("worktime").size(), 0u) << "a second process reads the cache";

    EXPECT_EQ(owner_only_problem(path), "");

    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(kToken), std::string::npos) << "the token must never reach the cache file";
    remove_cache_file(path);
}

TEST(Cache, PersonnelDataStaysOffDisk) {
    SimProcess sim({"--years", "2024-2024", "--users", "10"});
    const std::string path = temp_cache_path();
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string("Cache=" + path))));
    EXPECT_GT(connection.query("SELECT * FROM salaries").size(), 0u);
    EXPECT_GT(connection.query("SELECT * FROM users").size(), 0u);

    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    auto count = [&](const char* sql) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) return -1;
        int n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
        sqlite3_finalize(stmt);
        return n;
    };
    EXPECT_GT(count("SELECT COUNT(*) FROM users"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'salaries'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM _partitions WHERE action = 'salaries'"), 0);
    sqlite3_close(db);
    remove_cache_file(path);
}

TEST(Cache, CacheOffAsksTheApiEveryTime) {
    SimProcess sim({"--users", "10"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string("Cache=off"))));
    sim.clear_log();
    connection.query("SELECT * FROM projects");
    connection.query("SELECT * FROM projects");
    EXPECT_EQ(sim.requests("projects").size(), 2u);
}

} // namespace
