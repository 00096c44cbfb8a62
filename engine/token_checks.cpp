#include "engine/token_checks.hpp"

#include <cstdint>
#include <ctime>

#include "engine/sqlite_statement.hpp"

namespace tb::engine {
namespace {

std::int64_t now_seconds() { return std::int64_t(std::time(nullptr)); }

} // namespace

void ensure_token_checks_table(sqlite3* db) {
    exec_sql(db, "CREATE TABLE IF NOT EXISTS _token_checks (source TEXT PRIMARY KEY, accepted_at INTEGER NOT NULL)");
}

bool token_accepted_recently(sqlite3* db, const std::string& source, long ttl_seconds) {
    SqliteStatement q(db, "SELECT accepted_at FROM _token_checks WHERE source = ?");
    q.text(1, source);
    if (sqlite3_step(q.stmt) != SQLITE_ROW) return false;
    const std::int64_t age = now_seconds() - sqlite3_column_int64(q.stmt, 0);
    // A clock set back makes a negative age: not trusted.
    return age >= 0 && age < ttl_seconds;
}

void remember_token_accepted(sqlite3* db, const std::string& source) {
    SqliteStatement q(db, "INSERT OR REPLACE INTO _token_checks(source, accepted_at) VALUES (?, ?)");
    q.text(1, source);
    q.int64(2, now_seconds());
    sqlite3_step(q.stmt);  // only a note: a busy file costs one probe next time, nothing more
}

void forget_token_accepted(sqlite3* db, const std::string& source) {
    SqliteStatement q(db, "DELETE FROM _token_checks WHERE source = ?");
    q.text(1, source);
    sqlite3_step(q.stmt);
}

} // namespace tb::engine
