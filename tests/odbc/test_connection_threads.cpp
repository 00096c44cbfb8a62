// Statements of ONE connection used from several threads at once, as pyodbc
// cursors of one connection in a thread pool, or Excel and Power BI reading
// metadata and data side by side, do: every statement's answer equals the
// answer the same statement gives when it runs alone. The statements share
// the connection's session (its SQLite cache handle, HTTP client and call
// budget); the driver lets them take turns on it (docs/design.md,
// "Threads"). A cancel ends a statement that waits for its turn, and a
// statement freed while another runs is freed safely. Labelled `threads`: it
// runs under ThreadSanitizer too, which reports any access to the shared
// state that the turns do not order. The GoodTime counterpart (a shared
// bearer token) is test_goodtime_connection_threads.cpp.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "tests/odbc/threaded_work.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

TEST(ConnectionThreads, StatementsOfOneConnectionAnswerAsWhenRunAlone) {
    // A little latency, so that the requests of different statements overlap.
    SimProcess sim({"--users", "12", "--years", "2024-2024", "--today", "2024-09-10", "--latency-ms", "40"});
    const std::vector<Work> works = {
        query("SELECT * FROM users ORDER BY user_id"),
        query("SELECT * FROM projects ORDER BY project_id"),
        query("SELECT * FROM worktime WHERE year = 2024 AND month = 3 ORDER BY worktime_id"),
        query("SELECT * FROM absences WHERE year = 2024 ORDER BY absence_id"),
        query("SELECT u.user_id, COUNT(w.worktime_id) FROM users u LEFT JOIN worktime w ON w.user_id = u.user_id "
              "AND w.year = 2024 AND w.month = 4 GROUP BY u.user_id ORDER BY u.user_id"),
        prepared("SELECT * FROM worktime WHERE year = ? AND month = ? ORDER BY worktime_id", {"2024", "5"}),
        query("SELECT * FROM services ORDER BY service_id"),
        query("SELECT * FROM holidayentitlement WHERE year = 2024 ORDER BY user_id"),
        catalog("SQLTables", [](SQLHSTMT h) { return SQLTables(h, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0); }),
        catalog("SQLColumns worktime", [](SQLHSTMT h) {
            return SQLColumns(h, nullptr, 0, nullptr, 0, sql_chars("worktime"), SQL_NTS, nullptr, 0);
        }),
        catalog("SQLColumns %", [](SQLHSTMT h) {
            return SQLColumns(h, nullptr, 0, nullptr, 0, sql_chars("%"), SQL_NTS, sql_chars("%"), SQL_NTS);
        }),
        catalog("SQLPrimaryKeys users", [](SQLHSTMT h) {
            return SQLPrimaryKeys(h, nullptr, 0, nullptr, 0, sql_chars("users"), SQL_NTS);
        }),
        catalog("SQLGetTypeInfo", [](SQLHSTMT h) { return SQLGetTypeInfo(h, SQL_ALL_TYPES); }),
    };
    const std::string cs = sim.connection_string();
    const auto answers = answers_alone(cs, works);
    const auto failures = run_in_threads(cs, works, answers, 6, 2);
    EXPECT_TRUE(failures.empty()) << lines(failures);
}

// SQLCancel of a statement that waits for another statement of its
// connection ends the wait with HY008; it never runs (the simulator never
// sees its request), while the other statement keeps running until it is
// cancelled in turn. The waits are generous margins around the simulator's
// latency (as in test_cancel.cpp), not timing assertions.
TEST(ConnectionThreads, CancelEndsAStatementWaitingForItsTurn) {
    SimProcess sim({"--latency-ms", "3000", "--years", "2024-2024", "--users", "4"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string("MaxConcurrentRequests=2"))));
    SQLHSTMT running = SQL_NULL_HSTMT, waiting = SQL_NULL_HSTMT;
    ASSERT_TRUE(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &running)));
    ASSERT_TRUE(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &waiting)));
    struct Outcome {
        SQLRETURN rc = SQL_SUCCESS;
        std::vector<Diag> diags;
    } first, second;
    // Twelve requests, two at a time, three seconds each: 18 s unless cancelled.
    std::thread first_thread([&] {
        first.rc = SQLExecDirect(running, sql_chars("SELECT COUNT(*) FROM worktime WHERE year = 2024"), SQL_NTS);
        first.diags = diagnostics(SQL_HANDLE_STMT, running);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(800));   // the first surely holds the turn
    std::thread second_thread([&] {
        second.rc = SQLExecDirect(waiting, sql_chars("SELECT COUNT(*) FROM users"), SQL_NTS);
        second.diags = diagnostics(SQL_HANDLE_STMT, waiting);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(800));   // the second surely waits
    EXPECT_EQ(SQLCancel(waiting), SQL_SUCCESS);
    second_thread.join();
    EXPECT_EQ(SQLCancel(running), SQL_SUCCESS);
    first_thread.join();

    ASSERT_EQ(second.rc, SQL_ERROR);
    ASSERT_FALSE(second.diags.empty());
    EXPECT_EQ(second.diags[0].sqlstate, "HY008") << second.diags[0].message;
    EXPECT_NE(second.diags[0].message.find("while it waited for another statement of its connection"),
              std::string::npos)
        << second.diags[0].message;
    EXPECT_TRUE(sim.requests("users").empty()) << "the cancelled statement ran";
    ASSERT_EQ(first.rc, SQL_ERROR);
    ASSERT_FALSE(first.diags.empty());
    EXPECT_EQ(first.diags[0].sqlstate, "HY008") << first.diags[0].message;
    EXPECT_NE(first.diags[0].message.find("while waiting for action 'worktime'"), std::string::npos)
        << first.diags[0].message;
    SQLFreeHandle(SQL_HANDLE_STMT, running);
    SQLFreeHandle(SQL_HANDLE_STMT, waiting);
    // Both statement handles were reusable; the connection is.
    EXPECT_EQ(connection.query("SELECT COUNT(*) FROM users").at(0).at(0), "4");
}

// A statement with an open cursor (an SQLite statement on the shared cache
// handle) freed while another statement of the connection executes and
// fetches: the freeing waits for its turn, and every answer stays exact.
TEST(ConnectionThreads, FreeingAStatementWhileAnotherRuns) {
    SimProcess sim({"--users", "8", "--years", "2024-2024", "--today", "2024-09-10", "--latency-ms", "20"});
    const std::vector<Work> works = {
        query("SELECT * FROM worktime WHERE year = 2024 AND month = 6 ORDER BY worktime_id"),
        query("SELECT * FROM absences WHERE year = 2024 ORDER BY absence_id"),
        catalog("SQLColumns %", [](SQLHSTMT h) {
            return SQLColumns(h, nullptr, 0, nullptr, 0, sql_chars("%"), SQL_NTS, sql_chars("%"), SQL_NTS);
        }),
    };
    const Work freed = query("SELECT * FROM projects ORDER BY project_id");
    const std::string cs = sim.connection_string();
    const auto answers = answers_alone(cs, works);
    const auto freed_answer = answers_alone(cs, {freed}).at(0);

    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(cs)));
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    ASSERT_TRUE(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt)));
    std::vector<std::string> failures;
    std::atomic<bool> done{false};
    std::thread reader([&] {
        for (int round = 0; round < 4; ++round)
            for (size_t w = 0; w < works.size(); ++w) {
                try {
                    const std::string d = difference(run(stmt, works[w]), answers[w]);
                    if (!d.empty()) failures.push_back(works[w].name + ": " + d);
                } catch (const std::exception& e) {
                    failures.push_back(e.what());
                }
            }
        done = true;
    });
    int freed_count = 0;
    while (!done || freed_count == 0) {
        SQLHSTMT other = SQL_NULL_HSTMT;
        ASSERT_TRUE(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &other)));
        ASSERT_TRUE(SQL_SUCCEEDED(freed.start(other))) << diag_text(diagnostics(SQL_HANDLE_STMT, other));
        ASSERT_EQ(SQLFetch(other), SQL_SUCCESS) << diag_text(diagnostics(SQL_HANDLE_STMT, other));
        char first[64] = {0};
        SQLLEN length = 0;
        ASSERT_TRUE(SQL_SUCCEEDED(SQLGetData(other, 1, SQL_C_CHAR, first, sizeof first, &length)));
        EXPECT_EQ(std::string(first), freed_answer.at(0).at(0).value_or("NULL"));
        EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_STMT, other), SQL_SUCCESS);   // its cursor still open
        ++freed_count;
    }
    reader.join();
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    EXPECT_TRUE(failures.empty()) << lines(failures);
}

} // namespace
