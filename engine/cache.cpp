#include "engine/step_limits.hpp"
#include "engine/cache.hpp"

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "engine/busy_retry.hpp"
#include "engine/error.hpp"
#include "engine/platform/cache_location.hpp"
#include "engine/sqlite_statement.hpp"

namespace tb::engine {
namespace {

std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch()).count();
}

// The statements below are the cache's bookkeeping (engine/sqlite_statement.hpp).
using Stmt = SqliteStatement;

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
    : ttl_seconds_(config.cache_ttl_seconds), busy_timeout_ms_(config.cache_busy_timeout_ms),
      cache_personnel_(config.cache_personnel_data) {
    const bool memory = config.cache.empty() || config.cache == "memory";
    on_disk_ = !memory;
    if (!memory) {
        path_ = cache_path(config);
        // URI names are on (for the shared memory database below); a path
        // that happens to start with "file:" stays a path.
        if (path_.rfind("file:", 0) == 0) path_ = "./" + path_;
        // Personnel data stays in memory, in one database that every handle
        // of this connection attaches (a named shared-cache memory database,
        // private to this process and gone with its last handle).
        static std::atomic<unsigned long> counter{0};
        // (A named memory database is visible within its process only, so the
        // counter alone makes the name unique.)
        volatile_uri_ = "file:tb-volatile-" + std::to_string(++counter) +
                        "?mode=memory&cache=shared";
    } else {
        volatile_uri_ = ":memory:";
    }
    db_ = open_handle(memory ? ":memory:" : path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    // Owner-only before anything is written (SQLite writes the first page
    // with the first transaction): the platform seam says why not earlier.
    if (!memory) platform::make_owner_only(path_);
    if (!memory) exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=OFF");
    reset_if_other_format();
    for (const char* schema : {"main", "volatile"})
        exec(std::string("CREATE TABLE IF NOT EXISTS ") + schema +
             "._partitions (part INTEGER PRIMARY KEY, source TEXT NOT NULL, "
             "action TEXT NOT NULL, params TEXT NOT NULL, loaded_at INTEGER, row_generation INTEGER, "
             "UNIQUE(source, action, params))");
    exec("CREATE TABLE IF NOT EXISTS _runtime_columns (tbl TEXT NOT NULL, name TEXT NOT NULL, "
         "position INTEGER NOT NULL, PRIMARY KEY(tbl, name))");
    exec("CREATE TABLE IF NOT EXISTS _invalidations (source TEXT NOT NULL, action TEXT NOT NULL, "
         "generation INTEGER NOT NULL, PRIMARY KEY(source, action))");
    for (const auto& source : catalog::sources())
        for (const auto& table : source.tables) ensure_table(table);
}

sqlite3* Cache::open_handle(const std::string& path, int flags) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, nullptr) != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        throw Error("HY000", "cannot open the cache database '" + path + "': " + message +
                                 "; set Cache=memory in the connection string to work without a cache file");
    }
    // Waits for another connection's write lock are bounded by this.
    sqlite3_busy_timeout(db, int(busy_timeout_ms_));
    install_step_limits(db);
    // The printer quotes every identifier; SQLite would otherwise read an
    // unknown "column" as a string literal instead of reporting it.
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
    // Rows that must never reach the disk live in an attached memory database
    // with its own partition table.
    char* sql = sqlite3_mprintf("ATTACH DATABASE %Q AS volatile", volatile_uri_.c_str());
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    sqlite3_free(sql);
    if (rc != SQLITE_OK) {
        std::string message = sqlite3_errmsg(db);
        sqlite3_close(db);
        throw Error("HY000", "cache: cannot attach the memory database: " + message);
    }
    return db;
}

namespace {

bool has_open_statement(sqlite3* db) {
    for (sqlite3_stmt* s = sqlite3_next_stmt(db, nullptr); s; s = sqlite3_next_stmt(db, s))
        if (sqlite3_stmt_busy(s)) return true;
    return false;
}

} // namespace

sqlite3* Cache::reader() {
    if (!on_disk_) return db_;
    // A handle whose statements are all done or reset holds no snapshot: its
    // next statement reads the file as it is now. One with a cursor still
    // open would answer from that cursor's snapshot, so it is passed over.
    for (sqlite3* r : readers_)
        if (!has_open_statement(r)) return r;
    sqlite3* r = open_handle(path_, SQLITE_OPEN_READWRITE);
    readers_.push_back(r);
    // Readers only read: a write here could meet SQLITE_BUSY_SNAPSHOT.
    if (sqlite3_exec(r, "PRAGMA query_only = 1", nullptr, nullptr, nullptr) != SQLITE_OK)
        throw Error("HY000", std::string("cache: ") + sqlite3_errmsg(r));
    for (const auto& setup : handle_setups_) setup(r);
    return r;
}

void Cache::on_every_handle(std::function<void(sqlite3*)> setup) {
    setup(db_);
    for (sqlite3* r : readers_) setup(r);
    handle_setups_.push_back(std::move(setup));
}

Cache::~Cache() {
    for (sqlite3* r : readers_) sqlite3_close_v2(r);
    sqlite3_close_v2(db_);
}

void Cache::exec(const std::string& sql) {
    exec_sql(db_, sql.c_str());
}

// Timebutler's tables keep their plain names (cache files of earlier
// versions stay valid); another source's carry its name, so two sources
// sharing a cache file never mix their users or projects.
std::string Cache::table_name(const catalog::Table& table) {
    if (table.source.empty() || table.source == catalog::default_source().name) return table.name;
    return table.source + "_" + table.name;
}

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
    auto& cols = columns_[table_name(table)];
    cols.clear();
    for (const auto& c : table.columns) cols.push_back({c, false});
    Stmt q(db_, "SELECT name FROM _runtime_columns WHERE tbl = ? ORDER BY position");
    q.text(1, table_name(table));
    // The names are remembered in the file, but a table in the memory schema
    // (personnel data) or one made by an older connection may lack them.
    const auto present = stored_columns(table);
    while (q.row(db_, "cannot read the run-time columns")) {
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
    while (q.row(db_, "cannot read the columns of a table"))
        names.insert(reinterpret_cast<const char*>(sqlite3_column_text(q.stmt, 0)));
    return names;
}

void Cache::reload_columns(const catalog::Table& table) { ensure_table(table); }

const std::vector<CacheColumn>& Cache::columns(const catalog::Table& table) {
    auto it = columns_.find(table_name(table));
    if (it == columns_.end()) {
        ensure_table(table);
        it = columns_.find(table_name(table));
    }
    return it->second;
}

void Cache::add_runtime_columns(const catalog::Table& table, const std::vector<std::string>& names) {
    auto& cols = columns_[table_name(table)];
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
        q.text(1, table_name(table));
        q.text(2, name);
        sqlite3_bind_int(q.stmt, 3, int(cols.size()));
        q.done(db_, "cannot remember a run-time column");
        cols.push_back({c, true});
    }
}

bool Cache::stale_in_memory(const PartitionKey& key, std::int64_t loaded_at) const {
    auto it = stale_since_.find({key.source, key.action});
    return it != stale_since_.end() && loaded_at <= it->second;
}

std::optional<std::int64_t> Cache::fresh_partition(const PartitionKey& key) {
    Stmt q(db_, "SELECT part, loaded_at FROM " + schema_of(key.in_memory) +
                    "._partitions WHERE source = ? AND action = ? AND params = ?");
    q.text(1, key.source);
    q.text(2, key.action);
    q.text(3, key.params);
    if (!q.row(db_, "cannot read the partitions")) return std::nullopt;
    if (sqlite3_column_type(q.stmt, 1) == SQLITE_NULL) return std::nullopt;
    const std::int64_t loaded_at = sqlite3_column_int64(q.stmt, 1);
    if (now_seconds() - loaded_at >= ttl_seconds_) return std::nullopt;
    if (stale_in_memory(key, loaded_at)) return std::nullopt;
    return sqlite3_column_int64(q.stmt, 0);
}

std::int64_t Cache::partition_id(const PartitionKey& key, std::int64_t generation) {
    {
        Stmt q(db_, "INSERT OR IGNORE INTO " + schema_of(key.in_memory) +
                        "._partitions(source, action, params) VALUES (?, ?, ?)");
        q.text(1, key.source);
        q.text(2, key.action);
        q.text(3, key.params);
        q.done(db_, "cannot create a partition");
    }
    Stmt q(db_, "SELECT part FROM " + schema_of(key.in_memory) +
                    "._partitions WHERE source = ? AND action = ? AND params = ?");
    q.text(1, key.source);
    q.text(2, key.action);
    q.text(3, key.params);
    if (!q.row(db_, "cannot read a partition")) throw Error("HY000", "cache: cannot create a partition");
    const std::int64_t part = sqlite3_column_int64(q.stmt, 0);
    const PartSlot slot{key.in_memory, part};
    if (generation >= 0) generation_wanted_[slot] = generation;
    else generation_wanted_.erase(slot);
    partition_keys_[slot] = {key.source, key.action};
    return part;
}

std::int64_t Cache::generation(const std::string& source, const std::string& action) {
    Stmt q(db_, "SELECT generation FROM main._invalidations WHERE source = ? AND action = ?");
    q.text(1, source);
    q.text(2, action);
    return q.row(db_, "cannot read the invalidations") ? sqlite3_column_int64(q.stmt, 0) : 0;
}

bool Cache::superseded(const catalog::Table& table, std::int64_t part) {
    const PartSlot slot{in_memory(table), part};
    auto wanted = generation_wanted_.find(slot);
    if (wanted == generation_wanted_.end()) return false;
    const auto& [source, action] = partition_keys_.at(slot);
    if (generation(source, action) == wanted->second) return false;
    // The action was invalidated after this answer's request went out, so
    // the answer may predate a write. Rows another connection loaded from a
    // later request are kept, fresh or stale: a statement that found them
    // fresh before a further invalidation may be about to read them, and it
    // must not read rows older than the write it was started after.
    Stmt q(db_, "SELECT loaded_at, row_generation FROM " + schema_of(in_memory(table)) + "._partitions WHERE part = ?");
    sqlite3_bind_int64(q.stmt, 1, part);
    if (!q.row(db_, "cannot read a partition")) return false;
    const bool newer_rows =
        sqlite3_column_type(q.stmt, 1) != SQLITE_NULL && sqlite3_column_int64(q.stmt, 1) > wanted->second;
    const bool fresh = sqlite3_column_type(q.stmt, 0) != SQLITE_NULL &&
                       now_seconds() - sqlite3_column_int64(q.stmt, 0) < ttl_seconds_;
    if (!newer_rows && !fresh) return false;
    generation_wanted_.erase(wanted);
    return true;
}

void Cache::mark_loaded(const catalog::Table& table, std::int64_t part) {
    // Runs inside the load's transaction: no invalidation can slip in
    // between this check and the commit. An answer that may predate a write
    // leaves the partition stale even when another connection has loaded it
    // fresh meanwhile: the rows just written here replaced that load's.
    // The rows remember the generation their request saw (superseded()).
    bool invalidated = false;
    std::optional<std::int64_t> row_generation;
    const PartSlot slot{in_memory(table), part};
    if (auto wanted = generation_wanted_.find(slot); wanted != generation_wanted_.end()) {
        const auto& [source, action] = partition_keys_.at(slot);
        invalidated = generation(source, action) != wanted->second;
        row_generation = wanted->second;
        generation_wanted_.erase(wanted);
    }
    Stmt q(db_, "UPDATE " + schema_of(in_memory(table)) +
                    "._partitions SET loaded_at = ?, row_generation = ? WHERE part = ?");
    if (invalidated) sqlite3_bind_null(q.stmt, 1);
    else sqlite3_bind_int64(q.stmt, 1, now_seconds());
    if (row_generation) sqlite3_bind_int64(q.stmt, 2, *row_generation);
    else sqlite3_bind_null(q.stmt, 2);
    sqlite3_bind_int64(q.stmt, 3, part);
    q.done(db_, "cannot mark a partition loaded");
}

bool Cache::drop_partitions(const std::string& source, const std::string& action) {
    // The primary handle holds no snapshot, so BEGIN IMMEDIATE normally only
    // waits (up to the busy timeout) for another connection's write to
    // finish. SQLite may still answer SQLITE_BUSY at once, without waiting,
    // where waiting could deadlock; this invalidation must not be lost to
    // that, so it is tried again until the busy timeout has passed.
    try {
        retry_while_busy(std::chrono::milliseconds(busy_timeout_ms_), [&] { drop_partitions_once(source, action); },
                         [](const Error&) { return true; });
        return true;
    } catch (const Error& e) {
        // The file still calls the old rows fresh: at least this connection
        // asks again, and the statement says what other connections may see.
        stale_since_[{source, action}] = now_seconds();
        warnings_.push_back("the cached rows of action '" + action +
                            "' could not be marked stale in the cache file (" + e.what() +
                            "); this connection fetches them again, but other connections and programs sharing "
                            "the cache may show the rows from before this write for up to CacheTTL seconds");
        return false;
    }
}

void Cache::drop_partitions_once(const std::string& source, const std::string& action) {
    begin();
    try {
        for (const char* schema : {"main", "volatile"}) {
            Stmt q(db_, std::string("UPDATE ") + schema +
                            "._partitions SET loaded_at = NULL WHERE source = ? AND action = ?");
            q.text(1, source);
            q.text(2, action);
            q.done(db_, "cannot mark the cached rows stale");
        }
        Stmt q(db_, "INSERT INTO main._invalidations(source, action, generation) VALUES (?, ?, 1) "
                    "ON CONFLICT(source, action) DO UPDATE SET generation = generation + 1");
        q.text(1, source);
        q.text(2, action);
        q.done(db_, "cannot count an invalidation");
        commit();
    } catch (...) {
        rollback();
        throw;
    }
}

std::vector<std::string> Cache::take_warnings() {
    std::vector<std::string> out;
    out.swap(warnings_);
    return out;
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
    constexpr int kCacheFormat = 5;  // 2: rowid ranges; 3: without the _part column; 4: ids BIGINT;
                                     // 5: _partitions.row_generation
    auto format = [&] {
        Stmt q(db_, "PRAGMA user_version");
        return q.row(db_, "cannot read the format") ? sqlite3_column_int(q.stmt, 0) : -1;
    };
    if (format() == kCacheFormat) return;
    begin();
    try {
        if (format() != kCacheFormat) {  // another process may have reset it meanwhile
            std::vector<std::string> tables;
            {
                Stmt q(db_, "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                            "ESCAPE '\\'");
                while (q.row(db_, "cannot list the tables"))
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
