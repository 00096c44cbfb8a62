// Stopping a statement: SQL_ATTR_QUERY_TIMEOUT and SQLCancel from another
// thread end its API requests and its SQLite work alike; what arrived stays
// cached and the connection stays usable. The waits are generous margins
// around the simulator's latency, not timing assertions.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

// Four copies of a month of work time joined without a condition: about
// 10^10 combinations, minutes of SQLite work over one cached partition.
const char* kEndlessJoin =
    "SELECT COUNT(*) FROM worktime a, worktime b, worktime c, worktime d "
    "WHERE a.year = 2024 AND a.month = 3 AND b.year = 2024 AND b.month = 3 "
    "AND c.year = 2024 AND c.month = 3 AND d.year = 2024 AND d.month = 3";

struct Execution {
    SQLRETURN rc = SQL_SUCCESS;
    std::vector<Diag> diags;
};

Execution execute(SQLHSTMT stmt, const char* sql) {
    Execution e;
    e.rc = SQLExecDirect(stmt, (SQLCHAR*)sql, SQL_NTS);
    e.diags = diagnostics(SQL_HANDLE_STMT, stmt);
    return e;
}

// SQL_ATTR_QUERY_TIMEOUT bounds the requests of a SELECT. The margins are a
// second either way: 6 of 12 requests (latency 2 s, 6 at once) answer at
// about 2 s, the other 6 start then and would answer at about 4 s, and the
// timeout is 3 s.
TEST(Cancel, QueryTimeoutEndsTheRequestsAndKeepsWhatArrived) {
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
TEST(Cancel, CancelFromAnotherThreadEndsTheRequests) {
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

TEST(Cancel, QueryTimeoutStopsALongComputationOverCachedRows) {
    SimProcess sim({"--years", "2024-2024", "--users", "25"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    ASSERT_TRUE(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt)));
    ASSERT_TRUE(SQL_SUCCEEDED(SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT, (SQLPOINTER)1, 0)));
    const Execution e = execute(stmt, kEndlessJoin);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(e.rc, SQL_ERROR);
    ASSERT_FALSE(e.diags.empty());
    EXPECT_EQ(e.diags[0].sqlstate, "HYT00");
    EXPECT_NE(e.diags[0].message.find("computed from the cached rows"), std::string::npos) << e.diags[0].message;
    // The partition was loaded before the timeout: a narrow query needs no request.
    sim.clear_log();
    EXPECT_GT(std::stoi(*connection.query("SELECT COUNT(*) FROM worktime WHERE year = 2024 AND month = 3")
                             .at(0).at(0)), 0);
    EXPECT_TRUE(sim.requests("worktime").empty());
}

TEST(Cancel, CancelStopsALongComputationOverCachedRows) {
    SimProcess sim({"--years", "2024-2024", "--users", "25"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    // Load the partition first, so the statement below only computes.
    connection.query("SELECT COUNT(*) FROM worktime WHERE year = 2024 AND month = 3");
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    ASSERT_TRUE(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt)));
    std::atomic<bool> done{false};
    Execution e;
    std::thread running([&] {
        e = execute(stmt, kEndlessJoin);
        done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    EXPECT_FALSE(done.load()) << "the join ended before the cancel";
    EXPECT_EQ(SQLCancel(stmt), SQL_SUCCESS);
    running.join();
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    ASSERT_EQ(e.rc, SQL_ERROR);
    ASSERT_FALSE(e.diags.empty());
    EXPECT_EQ(e.diags[0].sqlstate, "HY008");
    EXPECT_NE(e.diags[0].message.find("cancelled (SQLCancel) while its result was computed"), std::string::npos)
        << e.diags[0].message;
    EXPECT_EQ(connection.query("SELECT COUNT(*) FROM users").at(0).at(0), "25");
}

} // namespace
