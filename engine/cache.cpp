#include "engine/step_limits.hpp"
#include "engine/cache.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "engine/error.hpp"
#include "engine/platform/cache_location.hpp"

namespace tb::engine {
namespace {

std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch()).count();
}

struct Stmt {
    sqlite3_stmt* stmt = nullptr;
    Stmt(sqlite3* db, const std::string& sql) {
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
            throw Error("HY000", std::string("cache: ") + sqlite3_errmsg(db));
    }
    ~Stmt() { sqlite3_finalize(stmt); }
    void text(int i, const std::string& s) { sqlite3_bind_text(stmt, i, s.data(), int(s.size()), SQLITE_TRANSIENT); }
};

std::string cache_path(const SessionConfig& config) {
    if (config.cache != "file") return config.cache;
    std::string name = config.data_source.empty() ? "default" : catalog::snake_case(config.data_source);
    if (name.empty()) name = "default";
    return platform::cache_file_path(name + ".sqlite");
}

// A column learned from a response: text, named already.
catalog::Column learned_column(const std::string& name) {
    catalog::Column c;
    c.name = name;
    c.type = catalog::SqlType::WVarchar;
    c.size = catalog::kRuntimeColumnSize;
    c.description = "run-time column";
    return c;
}

} // namespace

Cache::Cache(const SessionConfig& config)
    : ttl_seconds_(config.cache_ttl_seconds), cache_personnel_(config.cache_personnel_data) {
    const bool memory = config.cache.empty() || config.cache == "memory";
    on_disk_ = !memory;
    const std::string path = memory ? ":memory:" : cache_path(config);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (!memory) {
        // Create the file owner-only before SQLite does: it holds HR data.
        platform::create_owner_only_file(path);
    }
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error("HY000", "cannot open the cache database '" + path + "': " + message +
                                 "; set Cache=memory in the connection string to work without a cache file");
    }
    sqlite3_busy_timeout(db_, 10000);
    install_step_limits(db_);
    // The printer quotes every identifier; SQLite would otherwise read an
    // unknown "column" as a string literal instead of reporting it.
    sqlite3_db_config(db_, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
    if (!memory) exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=OFF");
    reset_if_other_format();
    // Rows that must never reach the disk live in an attached memory database
    // with its own partition table.
    exec("ATTACH DATABASE ':memory:' AS volatile");
    for (const char* schema : {"main", "volatile"})
        exec(std::string("CREATE TABLE IF NOT EXISTS ") + schema +
             "._partitions (part INTEGER PRIMARY KEY, source TEXT NOT NULL, "
             "action TEXT NOT NULL, params TEXT NOT NULL, loaded_at INTEGER, UNIQUE(source, action, params))");
    exec("CREATE TABLE IF NOT EXISTS _runtime_columns (tbl TEXT NOT NULL, name TEXT NOT NULL, "
         "position INTEGER NOT NULL, PRIMARY KEY(tbl, name))");
    for (const auto& table : catalog::tables()) ensure_table(table);
}

Cache::~Cache() { sqlite3_close_v2(db_); }

void Cache::exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw Error("HY000", "cache: " + text);
    }
}

std::string Cache::table_name(const catalog::Table& table) { return table.name; }

bool Cache::in_memory(const catalog::Table& table) const {
    return on_disk_ && !cache_personnel_ && table.token == catalog::TokenKind::Personnel;
}

std::string Cache::sql_name(const catalog::Table& table) const {
    return quote_identifier(schema_of(in_memory(table))) + "." + quote_identifier(table_name(table));
}

void Cache::ensure_table(const catalog::Table& table) {
    std::string ddl = catalog::cache_ddl(table, table_name(table));
    const std::string plain = "EXISTS " + quote_identifier(table_name(table));
    ddl.replace(ddl.find(plain), plain.size(), "EXISTS " + sql_name(table));
    exec(ddl);
    auto& cols = columns_[table.name];
    cols.clear();
    for (const auto& c : table.columns) cols.push_back({c, false});
    Stmt q(db_, "SELECT name FROM _runtime_columns WHERE tbl = ? ORDER BY position");
    q.text(1, table.name);
    // The names are remembered in the file, but a table in the memory schema
    // (personnel data) or one made by an older connection may lack them.
    const auto present = stored_columns(table);
    while (sqlite3_step(q.stmt) == SQLITE_ROW) {
        const std::string name = reinterpret_cast<const char*>(sqlite3_column_text(q.stmt, 0));
        cols.push_back({learned_column(name), true});
        if (!present.count(name))
            exec("ALTER TABLE " + sql_name(table) + " ADD COLUMN " + quote_identifier(name) + " " +
                 catalog::sqlite_decl_type(cols.back().column));
    }
}

std::set<std::string> Cache::stored_columns(const catalog::Table& table) {
    std::set<std::string> names;
    Stmt q(db_, "SELECT name FROM pragma_table_info(?, ?)");
    q.text(1, table_name(table));
    q.text(2, schema_of(in_memory(table)));
    while (sqlite3_step(q.stmt) == SQLITE_ROW) names.insert(reinterpret_cast<const char*>(sqlite3_column_text(q.stmt, 0)));
    return names;
}

void Cache::reload_columns(const catalog::Table& table) { ensure_table(table); }

const std::vector<CacheColumn>& Cache::columns(const catalog::Table& table) {
    auto it = columns_.find(table.name);
    if (it == columns_.end()) {
        ensure_table(table);
        it = columns_.find(table.name);
    }
    return it->second;
}

void Cache::add_runtime_columns(const catalog::Table& table, const std::vector<std::string>& names) {
    auto& cols = columns_[table.name];
    std::optional<std::set<std::string>> present;
    for (const auto& name : names) {
        bool known = false;
        for (const auto& c : cols) known = known || c.column.name == name;
        if (known) continue;
        const catalog::Column c = learned_column(name);
        // Another connection sharing the file may have added it meanwhile.
        if (!present) present = stored_columns(table);
        if (!present->count(name))
            exec("ALTER TABLE " + sql_name(table) + " ADD COLUMN " + quote_identifier(name) + " " +
                 catalog::sqlite_decl_type(c));
        Stmt q(db_, "INSERT OR IGNORE INTO _runtime_columns(tbl, name, position) VALUES (?, ?, ?)");
        q.text(1, table.name);
        q.text(2, name);
        sqlite3_bind_int(q.stmt, 3, int(cols.size()));
        sqlite3_step(q.stmt);
        cols.push_back({c, true});
    }
}

std::optional<std::int64_t> Cache::fresh_partition(const PartitionKey& key) {
    Stmt q(db_, "SELECT part, loaded_at FROM " + schema_of(key.in_memory) +
                    "._partitions WHERE source = ? AND action = ? AND params = ?");
    q.text(1, key.source);
    q.text(2, key.action);
    q.text(3, key.params);
    if (sqlite3_step(q.stmt) != SQLITE_ROW) return std::nullopt;
    if (sqlite3_column_type(q.stmt, 1) == SQLITE_NULL) return std::nullopt;
    if (now_seconds() - sqlite3_column_int64(q.stmt, 1) >= ttl_seconds_) return std::nullopt;
    return sqlite3_column_int64(q.stmt, 0);
}

std::int64_t Cache::partition_id(const PartitionKey& key) {
    {
        Stmt q(db_, "INSERT OR IGNORE INTO " + schema_of(key.in_memory) +
                        "._partitions(source, action, params) VALUES (?, ?, ?)");
        q.text(1, key.source);
        q.text(2, key.action);
        q.text(3, key.params);
        sqlite3_step(q.stmt);
    }
    Stmt q(db_, "SELECT part FROM " + schema_of(key.in_memory) +
                    "._partitions WHERE source = ? AND action = ? AND params = ?");
    q.text(1, key.source);
    q.text(2, key.action);
    q.text(3, key.params);
    if (sqlite3_step(q.stmt) != SQLITE_ROW) throw Error("HY000", "cache: cannot create a partition");
    return sqlite3_column_int64(q.stmt, 0);
}

void Cache::mark_loaded(const catalog::Table& table, std::int64_t part) {
    Stmt q(db_, "UPDATE " + schema_of(in_memory(table)) + "._partitions SET loaded_at = ? WHERE part = ?");
    sqlite3_bind_int64(q.stmt, 1, now_seconds());
    sqlite3_bind_int64(q.stmt, 2, part);
    sqlite3_step(q.stmt);
}

void Cache::drop_partitions(const std::string& source, const std::string& action) {
    for (const char* schema : {"main", "volatile"}) {
        Stmt q(db_, std::string("UPDATE ") + schema + "._partitions SET loaded_at = NULL WHERE source = ? AND action = ?");
        q.text(1, source);
        q.text(2, action);
        sqlite3_step(q.stmt);
    }
}

std::string Cache::partition_condition(const std::vector<std::int64_t>& parts) {
    if (parts.empty()) return "0";
    std::string sql = parts.size() > 1 ? "(" : "";
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) sql += " OR ";
        sql += "rowid BETWEEN " + std::to_string(first_rowid(parts[i])) + " AND " +
               std::to_string(first_rowid(parts[i] + 1) - 1);
    }
    return parts.size() > 1 ? sql + ")" : sql;
}

void Cache::reset_if_other_format() {
    // The layout of the cache tables (rowid ranges per partition). A file
    // written by a driver with another layout is emptied: it is only a cache.
    constexpr int kCacheFormat = 3;  // 2: rowid ranges; 3: without the _part column
    auto format = [&] {
        Stmt q(db_, "PRAGMA user_version");
        return sqlite3_step(q.stmt) == SQLITE_ROW ? sqlite3_column_int(q.stmt, 0) : -1;
    };
    if (format() == kCacheFormat) return;
    begin();
    try {
        if (format() != kCacheFormat) {  // another process may have reset it meanwhile
            std::vector<std::string> tables;
            {
                Stmt q(db_, "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                            "ESCAPE '\\'");
                while (sqlite3_step(q.stmt) == SQLITE_ROW)
                    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q.stmt, 0)));
            }
            for (const auto& name : tables) exec("DROP TABLE main." + quote_identifier(name));
            exec("PRAGMA user_version = " + std::to_string(kCacheFormat));
        }
        commit();
    } catch (...) {
        rollback();
        throw;
    }
}

void Cache::begin() { exec("BEGIN IMMEDIATE"); }
void Cache::commit() { exec("COMMIT"); }
void Cache::rollback() { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }

} // namespace tb::engine
