// The cache: concurrent requests, reuse within the TTL from a second
// connection and a second process, personnel data never on disk, the file's
// mode, and no token in it.
#include <gtest/gtest.h>

#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <atomic>
#include <iterator>
#include <thread>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

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

// SQL_ATTR_QUERY_TIMEOUT bounds the requests of a SELECT. The margins are a
// second either way: 6 of 12 requests (latency 2 s, 6 at once) answer at
// about 2 s, the other 6 start then and would answer at about 4 s, and the
// timeout is 3 s.
TEST(Cache, QueryTimeoutEndsTheRequestsAndKeepsWhatArrived) {
    SimProcess sim({"--latency-ms", "2000", "--years", "2024-2024", "--users", "4"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string("MaxConcurrentRequests=6"))));
    sim.clear_log();
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    ASSERT_TRUE(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt)));
    ASSERT_TRUE(SQL_SUCCEEDED(SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT, (SQLPOINTER)3, 0)));
    const SQLRETURN rc = SQLExecDirect(stmt, (SQLCHAR*)"SELECT COUNT(*) FROM worktime WHERE year = 2024", SQL_NTS);
    const auto diags = diagnostics(SQL_HANDLE_STMT, stmt);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(rc, SQL_ERROR);
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].sqlstate, "HYT00");
    EXPECT_NE(diags[0].message.find("query timeout (SQL_ATTR_QUERY_TIMEOUT) ran out"), std::string::npos)
        << diags[0].message;
    // The simulator logs a request when it answers: wait until the six cut
    // off have been logged too (all twelve were sent), then start afresh.
    for (int i = 0; i < 150 && sim.requests("worktime").size() < 12; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(sim.requests("worktime").size(), 12u);
    // Without a timeout the statement completes, asking only for the six
    // answers that were cut off.
    sim.clear_log();
    EXPECT_EQ(connection.query("SELECT COUNT(DISTINCT month) FROM worktime WHERE year = 2024").at(0).at(0), "12");
    EXPECT_EQ(sim.requests("worktime").size(), 6u);
}

// SQLCancel from a second thread, as Excel's and Power BI's cancel buttons
// call it, ends the requests of a statement running in the first; the
// statement fails with HY008 and the connection stays usable.
TEST(Cache, CancelFromAnotherThreadEndsTheRequests) {
    SimProcess sim({"--latency-ms", "3000", "--years", "2024-2024", "--users", "4"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string("MaxConcurrentRequests=2"))));
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    ASSERT_TRUE(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt)));
    // Cancelling a statement that runs nothing does nothing.
    EXPECT_EQ(SQLCancel(stmt), SQL_SUCCESS);
    SQLRETURN rc = SQL_SUCCESS;
    std::atomic<bool> done{false};
    std::thread running([&] {
        rc = SQLExecDirect(stmt, (SQLCHAR*)"SELECT COUNT(*) FROM worktime WHERE year = 2024", SQL_NTS);
        done = true;
    });
    // Twelve requests, two at a time, three seconds each: the statement runs
    // for 18 s unless cancelled. One cancel once it is surely running (a
    // second one after it ended would clear its diagnostics, as any call does).
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    EXPECT_FALSE(done.load()) << "the statement ended before the cancel";
    EXPECT_EQ(SQLCancel(stmt), SQL_SUCCESS);
    running.join();
    ASSERT_EQ(rc, SQL_ERROR);
    const auto diags = diagnostics(SQL_HANDLE_STMT, stmt);
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].sqlstate, "HY008") << diags[0].message;
    EXPECT_NE(diags[0].message.find("cancelled (SQLCancel)"), std::string::npos) << diags[0].message;
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    EXPECT_EQ(connection.query("SELECT COUNT(*) FROM users").at(0).at(0), "4");
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

    // A second process: isql through the same cache file.
    const std::string command = "echo 'SELECT COUNT(*) FROM worktime WHERE year = 2024 AND month = 3' | isql -k '" +
                                cs + "' -b -d'|' > /dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0);
    EXPECT_EQ(sim.requests("worktime").size(), 0u) << "a second process reads the cache";

    struct stat st {};
    ASSERT_EQ(stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);

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
