#include "engine/runtime_schema.hpp"

#include <sqlite3.h>

#include <ctime>

#include "engine/cache.hpp"
#include "engine/error.hpp"
#include "engine/loader.hpp"

namespace tb::engine {
namespace {

[[noreturn]] void fail(sqlite3* db) {
    throw Error("HY000", std::string("cache: cannot read or remember the run-time columns: ") + sqlite3_errmsg(db));
}

struct Query {
    sqlite3* db;
    sqlite3_stmt* stmt = nullptr;
    Query(sqlite3* d, const char* sql) : db(d) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) fail(db);
    }
    ~Query() { sqlite3_finalize(stmt); }
    // Steps once: true on a row, false at the end, an error otherwise.
    bool row() {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) fail(db);
        return false;
    }
};

} // namespace

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
    Query q(db, "SELECT learned_at FROM _runtime_learned WHERE tbl = ?");
    const std::string name = Cache::table_name(table);
    sqlite3_bind_text(q.stmt, 1, name.data(), int(name.size()), SQLITE_TRANSIENT);
    if (q.row()) return sqlite3_column_int64(q.stmt, 0);
    return std::nullopt;
}

void remember_runtime_schema(sqlite3* db, const catalog::Table& table) {
    Query q(db, "INSERT OR REPLACE INTO _runtime_learned(tbl, learned_at) VALUES (?, ?)");
    const std::string name = Cache::table_name(table);
    sqlite3_bind_text(q.stmt, 1, name.data(), int(name.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(q.stmt, 2, std::int64_t(std::time(nullptr)));
    q.row();
}

std::vector<std::string> repair_runtime_schema(Cache& cache) {
    std::vector<std::string> repaired;
    sqlite3* db = cache.db();
    for (const auto& source : catalog::sources())
    for (const auto& table : source.tables) {
        std::size_t runtime = 0;
        bool long_name = false;
        for (const auto& c : cache.columns(table)) {
            if (!c.runtime) continue;
            ++runtime;
            long_name = long_name || c.column.name.size() > kMaxRuntimeNameBytes;
        }
        const bool broken = (!table.runtime_columns && runtime > 0) || runtime > kMaxRuntimeColumns || long_name;
        if (!broken) continue;
        auto exec = [&](const std::string& sql, const std::string& bind = {}) {
            sqlite3_stmt* stmt = nullptr;
            if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
                throw Error("HY000", std::string("cache: ") + sqlite3_errmsg(db));
            if (!bind.empty()) sqlite3_bind_text(stmt, 1, bind.data(), int(bind.size()), SQLITE_TRANSIENT);
            const int rc = sqlite3_step(stmt);
            sqlite3_finalize(stmt);
            if (rc != SQLITE_DONE) throw Error("HY000", std::string("cache: ") + sqlite3_errmsg(db));
        };
        cache.begin();
        try {
            exec("DROP TABLE IF EXISTS " + cache.sql_name(table));
            exec("DELETE FROM _runtime_columns WHERE tbl = ?", Cache::table_name(table));
            exec("DELETE FROM _runtime_learned WHERE tbl = ?", Cache::table_name(table));
            exec("DELETE FROM main._partitions WHERE action = ?", table.action);
            exec("DELETE FROM volatile._partitions WHERE action = ?", table.action);
            cache.commit();
        } catch (...) {
            cache.rollback();
            throw;
        }
        cache.reload_columns(table);
        repaired.push_back(table.name);
    }
    return repaired;
}

} // namespace tb::engine
