#include "engine/runtime_schema.hpp"

#include <sqlite3.h>

#include <ctime>

#include "engine/cache.hpp"
#include "engine/error.hpp"
#include "engine/loader.hpp"
#include "engine/sqlite_statement.hpp"

namespace tb::engine {
namespace {

constexpr const char* kWhat = "cannot read or remember the run-time columns";

} // namespace

void ensure_runtime_schema_table(sqlite3* db) {
    exec_sql(db, "CREATE TABLE IF NOT EXISTS _runtime_learned (tbl TEXT PRIMARY KEY, learned_at INTEGER NOT NULL)");
}

std::optional<std::int64_t> runtime_schema_learned_at(sqlite3* db, const catalog::Table& table) {
    SqliteStatement q(db, "SELECT learned_at FROM _runtime_learned WHERE tbl = ?");
    q.text(1, Cache::table_name(table));
    if (q.row(db, kWhat)) return sqlite3_column_int64(q.stmt, 0);
    return std::nullopt;
}

void remember_runtime_schema(sqlite3* db, const catalog::Table& table) {
    SqliteStatement q(db, "INSERT OR REPLACE INTO _runtime_learned(tbl, learned_at) VALUES (?, ?)");
    q.text(1, Cache::table_name(table));
    q.int64(2, std::int64_t(std::time(nullptr)));
    q.row(db, kWhat);
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
            SqliteStatement q(db, sql);
            if (!bind.empty()) q.text(1, bind);
            q.done(db, "cannot repair the run-time columns");
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
