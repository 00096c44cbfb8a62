// SQLDisconnect and SQLFreeHandle while another thread executes a statement
// of the same connection, on the driver's own exports (the .so loaded with
// dlopen): they wait for the running call, then free its statement; the
// statement's next call is SQL_INVALID_HANDLE, never a use of freed memory.
// Through unixODBC this cannot be shown: its SQLDisconnect frees its own
// statement records while the other thread is still inside SQLExecDirect.
// Linux only (tests/wine/CMakeLists.txt leaves it out); the DLL's direct
// calls are shown by tests/wine/test_cancel_direct.cpp. The waits are margins
// around the simulator's latency that let the statement start, not timing
// assertions. Labelled `threads` (ThreadSanitizer; the ASan tree checks the
// freed memory).
#include <gtest/gtest.h>

#include <dlfcn.h>
#include <sql.h>
#include <sqlext.h>

#include <chrono>
#include <string>
#include <thread>

#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

// The driver's entry points, looked up in the shared object itself.
struct Driver {
    void* so = nullptr;
    SQLRETURN (*alloc)(SQLSMALLINT, SQLHANDLE, SQLHANDLE*) = nullptr;
    SQLRETURN (*free_handle)(SQLSMALLINT, SQLHANDLE) = nullptr;
    SQLRETURN (*set_env)(SQLHENV, SQLINTEGER, SQLPOINTER, SQLINTEGER) = nullptr;
    SQLRETURN (*connect)(SQLHDBC, SQLHWND, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLSMALLINT*,
                         SQLUSMALLINT) = nullptr;
    SQLRETURN (*exec)(SQLHSTMT, SQLCHAR*, SQLINTEGER) = nullptr;
    SQLRETURN (*fetch)(SQLHSTMT) = nullptr;
    SQLRETURN (*get_data)(SQLHSTMT, SQLUSMALLINT, SQLSMALLINT, SQLPOINTER, SQLLEN, SQLLEN*) = nullptr;
    SQLRETURN (*diag)(SQLSMALLINT, SQLHANDLE, SQLSMALLINT, SQLCHAR*, SQLINTEGER*, SQLCHAR*, SQLSMALLINT,
                      SQLSMALLINT*) = nullptr;
    SQLRETURN (*disconnect)(SQLHDBC) = nullptr;

    ~Driver() {
        if (so) dlclose(so);
    }
    template <class F>
    void find(F& f, const char* name) {
        f = reinterpret_cast<F>(dlsym(so, name));
        ASSERT_NE(f, nullptr) << name << " is not exported";
    }
    void load() {
        so = dlopen(driver_path().c_str(), RTLD_NOW | RTLD_LOCAL);
        ASSERT_NE(so, nullptr) << "cannot load " << driver_path() << ": " << dlerror();
        find(alloc, "SQLAllocHandle");
        find(free_handle, "SQLFreeHandle");
        find(set_env, "SQLSetEnvAttr");
        find(connect, "SQLDriverConnect");
        find(exec, "SQLExecDirect");
        find(fetch, "SQLFetch");
        find(get_data, "SQLGetData");
        find(diag, "SQLGetDiagRec");
        find(disconnect, "SQLDisconnect");
    }
    std::string first_diag(SQLSMALLINT type, SQLHANDLE handle) {
        SQLCHAR state[6] = {}, text[1024] = {};
        SQLINTEGER native = 0;
        SQLSMALLINT length = 0;
        if (!SQL_SUCCEEDED(diag(type, handle, 1, state, &native, text, sizeof text, &length))) return "";
        return std::string(reinterpret_cast<char*>(state)) + " " + reinterpret_cast<char*>(text);
    }
};

// Four requests, two at a time, 1.5 s each: the statement runs about 3 s.
const char* kSlowQuery = "SELECT COUNT(*) FROM worktime WHERE year = 2024 AND month IN (1, 2, 3, 4)";

class DisconnectDirect : public ::testing::Test {
protected:
    DisconnectDirect() : sim({"--latency-ms", "1500", "--years", "2024-2024", "--users", "4"}) {}
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(d.load());
        ASSERT_EQ(d.alloc(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env), SQL_SUCCESS);
        ASSERT_EQ(d.set_env(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0), SQL_SUCCESS);
        ASSERT_EQ(d.alloc(SQL_HANDLE_DBC, env, &dbc), SQL_SUCCESS);
        ASSERT_NO_FATAL_FAILURE(connect());
    }
    void TearDown() override {
        if (dbc) {
            d.disconnect(dbc);   // SQL_ERROR (08003) when the test disconnected already
            d.free_handle(SQL_HANDLE_DBC, dbc);
        }
        if (env) d.free_handle(SQL_HANDLE_ENV, env);
    }
    void connect() {
        std::string cs = sim.connection_string("MaxConcurrentRequests=2");
        SQLCHAR out[2048];
        SQLSMALLINT out_length = 0;
        const SQLRETURN rc = d.connect(dbc, nullptr, reinterpret_cast<SQLCHAR*>(cs.data()), SQL_NTS, out, sizeof out,
                                       &out_length, SQL_DRIVER_NOPROMPT);
        ASSERT_TRUE(SQL_SUCCEEDED(rc)) << d.first_diag(SQL_HANDLE_DBC, dbc);
    }
    SQLHSTMT statement() {
        SQLHSTMT stmt = nullptr;
        EXPECT_EQ(d.alloc(SQL_HANDLE_STMT, dbc, &stmt), SQL_SUCCESS);
        return stmt;
    }
    // The first column of the first row, or the diagnostics.
    std::string count(SQLHSTMT stmt) {
        if (!SQL_SUCCEEDED(d.exec(stmt, (SQLCHAR*)"SELECT COUNT(*) FROM users", SQL_NTS)) ||
            !SQL_SUCCEEDED(d.fetch(stmt)))
            return d.first_diag(SQL_HANDLE_STMT, stmt);
        char value[32] = {};
        SQLLEN length = 0;
        d.get_data(stmt, 1, SQL_C_CHAR, value, sizeof value, &length);
        return value;
    }

    // What the thread that runs the slow query and then fetches saw.
    struct Run {
        SQLRETURN executed = SQL_ERROR, fetched = SQL_SUCCESS;
        std::string failure;
    };
    // Starts the slow query on `stmt` on a thread of its own, then a fetch;
    // returns after a margin that lets the query start.
    std::thread slow_query_then_fetch(SQLHSTMT stmt, Run& run) {
        std::thread thread([this, stmt, &run] {
            run.executed = d.exec(stmt, (SQLCHAR*)kSlowQuery, SQL_NTS);
            if (run.executed != SQL_SUCCESS) run.failure = d.first_diag(SQL_HANDLE_STMT, stmt);
            run.fetched = d.fetch(stmt);
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        return thread;
    }
    // The run ended normally before the statement was freed; its fetch took
    // its turn before the freeing or found the statement gone; after it the
    // statement is gone.
    void expect_run_then_freed(SQLHSTMT stmt, const Run& run) {
        EXPECT_EQ(run.executed, SQL_SUCCESS) << run.failure;
        EXPECT_TRUE(run.fetched == SQL_SUCCESS || run.fetched == SQL_INVALID_HANDLE) << run.fetched;
        EXPECT_EQ(d.fetch(stmt), SQL_INVALID_HANDLE);
    }

    SimProcess sim;
    Driver d;
    SQLHENV env = nullptr;
    SQLHDBC dbc = nullptr;
};

// SQLDisconnect waits for the statement running on another thread, then
// frees it with the connection's other statements.
TEST_F(DisconnectDirect, DisconnectWaitsForTheRunningStatementThenFreesIt) {
    SQLHSTMT running = statement();
    SQLHSTMT idle = statement();
    Run run;
    std::thread thread = slow_query_then_fetch(running, run);
    EXPECT_EQ(d.disconnect(dbc), SQL_SUCCESS) << d.first_diag(SQL_HANDLE_DBC, dbc);
    thread.join();
    expect_run_then_freed(running, run);
    EXPECT_EQ(d.fetch(idle), SQL_INVALID_HANDLE);   // the connection's other statement is gone too
    // The connection opens again.
    ASSERT_NO_FATAL_FAILURE(connect());
    SQLHSTMT again = statement();
    EXPECT_EQ(count(again), "4");
}

// SQLFreeHandle of the statement itself from another thread while it runs:
// the freeing waits for the call, which ends normally.
TEST_F(DisconnectDirect, FreeingTheRunningStatementWaitsForIt) {
    SQLHSTMT running = statement();
    Run run;
    std::thread thread = slow_query_then_fetch(running, run);
    EXPECT_EQ(d.free_handle(SQL_HANDLE_STMT, running), SQL_SUCCESS);
    thread.join();
    expect_run_then_freed(running, run);
    SQLHSTMT other = statement();
    EXPECT_EQ(count(other), "4");
}

// A statement waiting for its turn behind a running one when the connection
// is disconnected: it either ran before the disconnect took its turn or
// found its handle freed; nothing in between.
TEST_F(DisconnectDirect, DisconnectWhileAStatementWaitsForItsTurn) {
    SQLHSTMT running = statement();
    SQLHSTMT waiting = statement();
    SQLRETURN first = SQL_ERROR, second = SQL_ERROR;
    std::string failure;
    std::thread first_thread([&] { first = d.exec(running, (SQLCHAR*)kSlowQuery, SQL_NTS); });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    std::thread second_thread([&] {
        second = d.exec(waiting, (SQLCHAR*)"SELECT COUNT(*) FROM users", SQL_NTS);
        if (second == SQL_ERROR) failure = d.first_diag(SQL_HANDLE_STMT, waiting);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_EQ(d.disconnect(dbc), SQL_SUCCESS) << d.first_diag(SQL_HANDLE_DBC, dbc);
    first_thread.join();
    second_thread.join();
    EXPECT_EQ(first, SQL_SUCCESS);
    EXPECT_TRUE(second == SQL_SUCCESS || second == SQL_INVALID_HANDLE) << second << " " << failure;
}

} // namespace
