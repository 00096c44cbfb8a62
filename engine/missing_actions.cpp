#include "engine/missing_actions.hpp"

#include <sqlite3.h>

#include <ctime>

#include "engine/error.hpp"

namespace tb::engine {
namespace {

struct Query {
    sqlite3_stmt* stmt = nullptr;
    Query(sqlite3* db, const char* sql, const std::string& source) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
            throw Error("HY000", std::string("cache: ") + sqlite3_errmsg(db));
        text(1, source);
    }
    ~Query() { sqlite3_finalize(stmt); }
    void text(int i, const std::string& s) { sqlite3_bind_text(stmt, i, s.data(), int(s.size()), SQLITE_TRANSIENT); }
    // Steps once: true on a row, false at the end, an error otherwise.
    bool row(sqlite3* db) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw Error("HY000", std::string("cache: cannot read or remember a missing action: ") + sqlite3_errmsg(db));
    }
};

} // namespace

void ensure_missing_actions_table(sqlite3* db) {
    char* message = nullptr;
    if (sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS _missing_actions (source TEXT NOT NULL, action TEXT NOT NULL, "
                         "noticed_at INTEGER NOT NULL, PRIMARY KEY(source, action))",
                     nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw Error("HY000", "cache: " + text);
    }
}

void remember_missing_action(sqlite3* db, const std::string& source, const std::string& action) {
    Query q(db, "INSERT OR REPLACE INTO _missing_actions(source, action, noticed_at) VALUES (?, ?, ?)", source);
    q.text(2, action);
    sqlite3_bind_int64(q.stmt, 3, std::int64_t(std::time(nullptr)));
    q.row(db);
}

void forget_missing_action(sqlite3* db, const std::string& source, const std::string& action) {
    Query q(db, "DELETE FROM _missing_actions WHERE source = ? AND action = ?", source);
    q.text(2, action);
    q.row(db);
}

bool missing_action_is_fresh(sqlite3* db, const std::string& source, const std::string& action, long ttl_seconds) {
    Query q(db, "SELECT noticed_at FROM _missing_actions WHERE source = ? AND action = ?", source);
    q.text(2, action);
    if (!q.row(db)) return false;
    return std::int64_t(std::time(nullptr)) - sqlite3_column_int64(q.stmt, 0) < ttl_seconds;
}

std::set<std::string> missing_actions(sqlite3* db, const std::string& source) {
    Query q(db, "SELECT action FROM _missing_actions WHERE source = ?", source);
    std::set<std::string> out;
    while (q.row(db)) out.insert(reinterpret_cast<const char*>(sqlite3_column_text(q.stmt, 0)));
    return out;
}

} // namespace tb::engine
