#include "engine/missing_actions.hpp"

#include <cstdint>
#include <ctime>

#include "engine/sqlite_statement.hpp"

namespace tb::engine {
namespace {

constexpr const char* kWhat = "cannot read or remember a missing action";

} // namespace

void ensure_missing_actions_table(sqlite3* db) {
    exec_sql(db, "CREATE TABLE IF NOT EXISTS _missing_actions (source TEXT NOT NULL, action TEXT NOT NULL, "
                 "noticed_at INTEGER NOT NULL, PRIMARY KEY(source, action))");
}

void remember_missing_action(sqlite3* db, const std::string& source, const std::string& action) {
    SqliteStatement q(db, "INSERT OR REPLACE INTO _missing_actions(source, action, noticed_at) VALUES (?, ?, ?)");
    q.text(1, source);
    q.text(2, action);
    q.int64(3, std::int64_t(std::time(nullptr)));
    q.row(db, kWhat);
}

void forget_missing_action(sqlite3* db, const std::string& source, const std::string& action) {
    SqliteStatement q(db, "DELETE FROM _missing_actions WHERE source = ? AND action = ?");
    q.text(1, source);
    q.text(2, action);
    q.row(db, kWhat);
}

bool missing_action_is_fresh(sqlite3* db, const std::string& source, const std::string& action, long ttl_seconds) {
    SqliteStatement q(db, "SELECT noticed_at FROM _missing_actions WHERE source = ? AND action = ?");
    q.text(1, source);
    q.text(2, action);
    if (!q.row(db, kWhat)) return false;
    return std::int64_t(std::time(nullptr)) - sqlite3_column_int64(q.stmt, 0) < ttl_seconds;
}

std::set<std::string> missing_actions(sqlite3* db, const std::string& source) {
    SqliteStatement q(db, "SELECT action FROM _missing_actions WHERE source = ?");
    q.text(1, source);
    std::set<std::string> out;
    while (q.row(db, kWhat)) out.insert(reinterpret_cast<const char*>(sqlite3_column_text(q.stmt, 0)));
    return out;
}

} // namespace tb::engine
