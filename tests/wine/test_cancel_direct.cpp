// SQLCancel from a second thread on the Windows DLL, called directly.
// Wine's odbc32 holds a statement's lock for the whole SQLExecDirect and its
// SQLCancel waits for that lock, so through Wine's driver manager a cancel
// reaches the driver only after the statement ended (Cancel.* in
// tests/odbc/test_cancel.cpp are left out under Wine for that reason).
// Windows' driver manager passes SQLCancel through at once; this test does
// what it does: it loads timebutlerodbc.dll (TB_WINE_DRIVER_DLL) and calls
// the driver's own exports, so the DLL's cancel path runs under Wine.
#include <gtest/gtest.h>

#include <windows.h>
#include <sql.h>
#include <sqlext.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

// The driver's entry points, looked up in the DLL itself.
struct Driver {
    HMODULE dll = nullptr;
    SQLRETURN(SQL_API* alloc)(SQLSMALLINT, SQLHANDLE, SQLHANDLE*) = nullptr;
    SQLRETURN(SQL_API* free_handle)(SQLSMALLINT, SQLHANDLE) = nullptr;
    SQLRETURN(SQL_API* set_env)(SQLHENV, SQLINTEGER, SQLPOINTER, SQLINTEGER) = nullptr;
    SQLRETURN(SQL_API* connect)(SQLHDBC, SQLHWND, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLSMALLINT*,
                                SQLUSMALLINT) = nullptr;
    SQLRETURN(SQL_API* exec)(SQLHSTMT, SQLCHAR*, SQLINTEGER) = nullptr;
    SQLRETURN(SQL_API* cancel)(SQLHSTMT) = nullptr;
    SQLRETURN(SQL_API* diag)(SQLSMALLINT, SQLHANDLE, SQLSMALLINT, SQLCHAR*, SQLINTEGER*, SQLCHAR*, SQLSMALLINT,
                             SQLSMALLINT*) = nullptr;
    SQLRETURN(SQL_API* disconnect)(SQLHDBC) = nullptr;

    template <class F>
    void find(F& f, const char* name) {
        f = reinterpret_cast<F>(reinterpret_cast<void*>(GetProcAddress(dll, name)));
        ASSERT_NE(f, nullptr) << name << " is not exported";
    }
    void load() {
        const char* path = std::getenv("TB_WINE_DRIVER_DLL");
        ASSERT_NE(path, nullptr) << "TB_WINE_DRIVER_DLL names the DLL (tests/wine/run.sh sets it)";
        dll = LoadLibraryA(path);
        ASSERT_NE(dll, nullptr) << "cannot load " << path;
        find(alloc, "SQLAllocHandle");
        find(free_handle, "SQLFreeHandle");
        find(set_env, "SQLSetEnvAttr");
        find(connect, "SQLDriverConnect");
        find(exec, "SQLExecDirect");
        find(cancel, "SQLCancel");
        find(diag, "SQLGetDiagRec");
        find(disconnect, "SQLDisconnect");
    }
    std::string first_diag(SQLSMALLINT type, SQLHANDLE handle, std::string& message) {
        SQLCHAR state[6] = {}, text[1024] = {};
        SQLINTEGER native = 0;
        SQLSMALLINT length = 0;
        if (!SQL_SUCCEEDED(diag(type, handle, 1, state, &native, text, sizeof text, &length))) return "";
        message = reinterpret_cast<char*>(text);
        return reinterpret_cast<char*>(state);
    }
};

TEST(CancelDirect, CancelFromAnotherThreadEndsTheRequestsOfTheDll) {
    Driver d;
    ASSERT_NO_FATAL_FAILURE(d.load());
    SimProcess sim({"--latency-ms", "3000", "--years", "2024-2024", "--users", "4"});
    SQLHENV env = nullptr;
    SQLHDBC dbc = nullptr;
    SQLHSTMT stmt = nullptr;
    ASSERT_EQ(d.alloc(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env), SQL_SUCCESS);
    ASSERT_EQ(d.set_env(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0), SQL_SUCCESS);
    ASSERT_EQ(d.alloc(SQL_HANDLE_DBC, env, &dbc), SQL_SUCCESS);
    std::string cs = sim.connection_string("MaxConcurrentRequests=2");
    SQLCHAR out[2048];
    SQLSMALLINT out_length = 0;
    std::string message;
    const SQLRETURN connected = d.connect(dbc, nullptr, reinterpret_cast<SQLCHAR*>(cs.data()), SQL_NTS, out, sizeof out,
                                          &out_length, SQL_DRIVER_NOPROMPT);
    ASSERT_TRUE(SQL_SUCCEEDED(connected)) << d.first_diag(SQL_HANDLE_DBC, dbc, message) << " " << message;
    ASSERT_EQ(d.alloc(SQL_HANDLE_STMT, dbc, &stmt), SQL_SUCCESS);

    SQLRETURN rc = SQL_SUCCESS;
    std::atomic<bool> done{false};
    std::thread running([&] {
        rc = d.exec(stmt, (SQLCHAR*)"SELECT COUNT(*) FROM worktime WHERE year = 2024", SQL_NTS);
        done = true;
    });
    // Twelve requests, two at a time, three seconds each: about 18 s unless
    // cancelled. The cancel goes in while the statement surely runs.
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    EXPECT_FALSE(done.load()) << "the statement ended before the cancel";
    EXPECT_EQ(d.cancel(stmt), SQL_SUCCESS);
    running.join();
    ASSERT_EQ(rc, SQL_ERROR);
    EXPECT_EQ(d.first_diag(SQL_HANDLE_STMT, stmt, message), "HY008") << message;
    EXPECT_NE(message.find("cancelled (SQLCancel)"), std::string::npos) << message;

    d.free_handle(SQL_HANDLE_STMT, stmt);
    d.disconnect(dbc);
    d.free_handle(SQL_HANDLE_DBC, dbc);
    d.free_handle(SQL_HANDLE_ENV, env);
}

} // namespace
