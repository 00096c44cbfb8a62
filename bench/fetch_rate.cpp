// bench_fetch_rate: one connection string, one statement, the fetch rate.
// Built twice from this file: for Linux (unixODBC, the .so) and cross-built
// for Windows (odbc32, the DLL under Wine), so bench/wine-fetch.sh can print
// both rates over the same rows of one simulator. Plain ODBC only, no POSIX.
// The first execution loads the rows (Cache=memory: into this process);
// the timed executions are served from that cache, so the figures are the
// driver's fetch path, not the network. Each figure is the best of the runs.
// Usage: bench_fetch_rate CONNECTION-STRING SQL [runs=3]
#ifdef _WIN32
#include <windows.h>
#endif
#include <sql.h>
#include <sqlext.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const char* what, SQLSMALLINT type, SQLHANDLE handle) {
    std::fprintf(stderr, "bench_fetch_rate: %s failed\n", what);
    SQLCHAR state[6], message[1024];
    SQLINTEGER native;
    SQLSMALLINT length;
    for (SQLSMALLINT i = 1;
         handle && SQLGetDiagRec(type, handle, i, state, &native, message, sizeof message, &length) == SQL_SUCCESS; ++i)
        std::fprintf(stderr, "  %s %s\n", state, message);
    std::exit(1);
}

void check(SQLRETURN rc, const char* what, SQLSMALLINT type, SQLHANDLE handle) {
    if (!SQL_SUCCEEDED(rc)) fail(what, type, handle);
}

// Every column as text through SQLBindCol with a row array of 1,024; returns
// the rows and adds the text bytes to `bytes` (so no cell goes unread).
long fetch_bound(SQLHDBC dbc, const std::string& sql, long long& bytes) {
    constexpr SQLULEN kArray = 1024;
    constexpr SQLLEN kWidth = 256;
    SQLHSTMT stmt;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
    SQLULEN fetched = 0;
    SQLSetStmtAttr(stmt, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(kArray), 0);
    SQLSetStmtAttr(stmt, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0);
    check(SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS), "SQLExecDirect", SQL_HANDLE_STMT, stmt);
    SQLSMALLINT columns = 0;
    SQLNumResultCols(stmt, &columns);
    const std::vector<char> column_buffer(kArray * kWidth);
    const std::vector<SQLLEN> column_lengths(kArray);
    std::vector<std::vector<char>> buffers(std::size_t(columns), column_buffer);
    std::vector<std::vector<SQLLEN>> lengths(std::size_t(columns), column_lengths);
    for (SQLSMALLINT c = 0; c < columns; ++c)
        check(SQLBindCol(stmt, SQLUSMALLINT(c + 1), SQL_C_CHAR, buffers[c].data(), kWidth, lengths[c].data()),
              "SQLBindCol", SQL_HANDLE_STMT, stmt);
    long rows = 0;
    SQLRETURN rc;
    while ((rc = SQLFetch(stmt)) != SQL_NO_DATA) {
        if (!SQL_SUCCEEDED(rc)) fail("SQLFetch", SQL_HANDLE_STMT, stmt);
        for (SQLSMALLINT c = 0; c < columns; ++c)
            for (SQLULEN r = 0; r < fetched; ++r)
                if (lengths[c][r] > 0) bytes += lengths[c][r];
        rows += long(fetched);
    }
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return rows;
}

// One row at a time, SQLGetData per cell as text.
long fetch_getdata(SQLHDBC dbc, const std::string& sql, long long& bytes) {
    SQLHSTMT stmt;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
    check(SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS), "SQLExecDirect", SQL_HANDLE_STMT, stmt);
    SQLSMALLINT columns = 0;
    SQLNumResultCols(stmt, &columns);
    char buffer[1024];
    long rows = 0;
    SQLRETURN rc;
    while ((rc = SQLFetch(stmt)) != SQL_NO_DATA) {
        if (!SQL_SUCCEEDED(rc)) fail("SQLFetch", SQL_HANDLE_STMT, stmt);
        for (SQLSMALLINT c = 1; c <= columns; ++c) {
            SQLLEN length = 0;
            SQLGetData(stmt, SQLUSMALLINT(c), SQL_C_CHAR, buffer, sizeof buffer, &length);
            if (length > 0) bytes += length;
        }
        ++rows;
    }
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return rows;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_fetch_rate CONNECTION-STRING SQL [runs=3]\n");
        return 2;
    }
    const std::string cs = argv[1], sql = argv[2];
    const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
    SQLHENV env;
    SQLHDBC dbc;
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    SQLCHAR out[2048];
    SQLSMALLINT out_length;
    check(SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, out, sizeof out, &out_length,
                           SQL_DRIVER_NOPROMPT),
          "SQLDriverConnect", SQL_HANDLE_DBC, dbc);
    long long bytes = 0;
    auto start = Clock::now();
    const long rows = fetch_bound(dbc, sql, bytes);  // loads the rows into the memory cache
    const double load = std::chrono::duration<double>(Clock::now() - start).count();
    double best_bound = 1e9, best_getdata = 1e9;
    for (int i = 0; i < runs; ++i) {
        start = Clock::now();
        if (fetch_bound(dbc, sql, bytes) != rows) std::fprintf(stderr, "bench_fetch_rate: row count changed\n");
        best_bound = std::min(best_bound, std::chrono::duration<double>(Clock::now() - start).count());
        start = Clock::now();
        if (fetch_getdata(dbc, sql, bytes) != rows) std::fprintf(stderr, "bench_fetch_rate: row count changed\n");
        best_getdata = std::min(best_getdata, std::chrono::duration<double>(Clock::now() - start).count());
    }
    std::printf("rows %ld load_s %.3f bound_rows_per_s %.0f getdata_rows_per_s %.0f text_bytes %lld\n", rows, load,
                rows / best_bound, rows / best_getdata, bytes);
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return 0;
}
