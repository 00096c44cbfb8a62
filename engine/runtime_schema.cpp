#include "engine/runtime_schema.hpp"

#include <sqlite3.h>

#include <ctime>

#include "engine/error.hpp"

namespace tb::engine {

void ensure_runtime_schema_table(sqlite3* db) {
    char* message = nullptr;
    if (sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS _runtime_learned (tbl TEXT PRIMARY KEY, learned_at INTEGER NOT NULL)",
                     nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw Error("HY000", "cache: " + text);
    }
}

std::optional<std::int64_t> runtime_schema_learned_at(sqlite3* db, const catalog::Table& table) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT learned_at FROM _runtime_learned WHERE tbl = ?", -1, &stmt, nullptr);
    sqlite3_bind_text(stmt, 1, table.name.data(), int(table.name.size()), SQLITE_TRANSIENT);
    std::optional<std::int64_t> out;
    if (sqlite3_step(stmt) == SQLITE_ROW) out = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return out;
}

void remember_runtime_schema(sqlite3* db, const catalog::Table& table) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO _runtime_learned(tbl, learned_at) VALUES (?, ?)", -1, &stmt, nullptr);
    sqlite3_bind_text(stmt, 1, table.name.data(), int(table.name.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 2, std::int64_t(std::time(nullptr)));
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
}

} // namespace tb::engine
