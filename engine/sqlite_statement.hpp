// One prepared statement of the cache's own bookkeeping (partitions, budgets,
// notes), finalized when it goes out of scope, and sqlite3_exec with the same
// error shape. Every failure is an HY000 "cache: ..." naming what was being
// done, so no SQLite result goes unchecked and no message is phrased twice.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace tb::engine {

struct SqliteStatement {
    sqlite3_stmt* stmt = nullptr;

    SqliteStatement(sqlite3* db, const std::string& sql);
    ~SqliteStatement() { sqlite3_finalize(stmt); }
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    void text(int i, std::string_view s) { sqlite3_bind_text(stmt, i, s.data(), int(s.size()), SQLITE_TRANSIENT); }
    void int64(int i, std::int64_t v) { sqlite3_bind_int64(stmt, i, v); }
    // Steps a statement that returns no rows; any other result is an error.
    void done(sqlite3* db, const char* what);
    // Steps a query: true on a row, false at the end, an error otherwise.
    bool row(sqlite3* db, const char* what);
};

// sqlite3_exec, its error message freed and thrown as HY000 "cache: ...".
void exec_sql(sqlite3* db, const char* sql);

} // namespace tb::engine
