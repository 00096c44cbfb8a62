#include "engine/token_checks.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <ctime>

#include "engine/error.hpp"

namespace tb::engine {
namespace {

struct Query {
    sqlite3_stmt* stmt = nullptr;
    Query(sqlite3* db, const char* sql, const std::string& source) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
            throw Error("HY000", std::string("cache: ") + sqlite3_errmsg(db));
        sqlite3_bind_text(stmt, 1, source.data(), int(source.size()), SQLITE_TRANSIENT);
    }
    ~Query() { sqlite3_finalize(stmt); }
};

std::int64_t now_seconds() { return std::int64_t(std::time(nullptr)); }

} // namespace

void ensure_token_checks_table(sqlite3* db) {
    char* message = nullptr;
    if (sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS _token_checks (source TEXT PRIMARY KEY, accepted_at INTEGER "
                         "NOT NULL)",
                     nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw Error("HY000", "cache: " + text);
    }
}

bool token_accepted_recently(sqlite3* db, const std::string& source, long ttl_seconds) {
    Query q(db, "SELECT accepted_at FROM _token_checks WHERE source = ?", source);
    if (sqlite3_step(q.stmt) != SQLITE_ROW) return false;
    const std::int64_t age = now_seconds() - sqlite3_column_int64(q.stmt, 0);
    // A clock set back makes a negative age: not trusted.
    return age >= 0 && age < ttl_seconds;
}

void remember_token_accepted(sqlite3* db, const std::string& source) {
    Query q(db, "INSERT OR REPLACE INTO _token_checks(source, accepted_at) VALUES (?, ?)", source);
    sqlite3_bind_int64(q.stmt, 2, now_seconds());
    sqlite3_step(q.stmt);  // only a note: a busy file costs one probe next time, nothing more
}

void forget_token_accepted(sqlite3* db, const std::string& source) {
    Query q(db, "DELETE FROM _token_checks WHERE source = ?", source);
    sqlite3_step(q.stmt);
}

} // namespace tb::engine
